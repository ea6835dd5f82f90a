# split, rsplit, strip and float() on ASCII and non-ASCII text, as a data file reader uses them.
cases = ["a,b,,c", ",a,", "", ",", "aaa", "héllo wörld", "x→y→z", "1.5,-2e3, 7 ,+.5"]
for s in cases:
    print(repr(s), s.split(","), s.rsplit(","), s.split(",", 1), s.rsplit(",", 1))
print("aaa".split("aa"), "aaa".rsplit("aa"), "aaaa".split("aa"), "aaaa".rsplit("aa", 1))
print("x→y→z".split("→"), "x→y→z".rsplit("→", 1), "ab→→cd".split("→→"))
print("a--b--c".split("--", 0), "a--b--c".rsplit("--", 0), "a--b--c".split("--", 5))
ws = ["  a b  c ", "\ta\nb\x0bc\x0cd\re", "a\x1cb\x1dc\x1ed\x1ff", "a\xa0b\u3000c", "   ", ""]
for s in ws:
    print(repr(s), s.split(), s.rsplit(), s.split(None, 1), s.rsplit(None, 1), s.split(maxsplit=0))
for s in ["  hi  ", "\x1c hi \x1f", "\xa0hi\xa0", "xxhixx", "héh", ""]:
    print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr(s.strip("x")), repr(s.strip("hé")))
print(repr("abcba".strip("ab")), repr("→a→".strip("→")), repr("a b".strip("")))
for s in ["1", " 2.5 ", "-3e2", "+.5", "1.", "1e-3", "\t7\n", "1_000.5", "inf", "-Infinity", "nan",
          "1e400", "-0", "0.1", "123456789012345678901234567890", "\u30001\u3000"]:
    print(repr(s), float(s))
for s in ["", " ", ".", "1e", "e1", "--1", "1-2", "1__0", "_1", "1_", "0x10", "1.5.2", "abc", "+"]:
    try:
        float(s)
    except ValueError as e:
        print(e)
for s in ["5", "-12", "+7", " 42 ", "\u30003", "0005", "1_000", "-0"]:
    print(repr(s), int(s))
for s in ["--5", "+-5", "", "5.0", "1__0", "0x10"]:
    try:
        print(int(s))
    except ValueError as e:
        print(e)
