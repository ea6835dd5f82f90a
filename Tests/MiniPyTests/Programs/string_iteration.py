text = "The quick brown fox jumps over the lazy dog"
counts = {}
for ch in text.lower():
    if ch.isalpha():
        counts[ch] = counts.get(ch, 0) + 1
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(top)
words = text.split()
print(len(words), max(words, key=len), [w[::-1] for w in words[:3]])
print(" ".join(w.capitalize() for w in words))
acronym = "".join(w[0] for w in words).upper()
print(acronym)
print(text.count("o"), text.index("fox"), text[4:9], text[-3:])
for i, ch in enumerate("abc"):
    print(i, ch, ord(ch))
print(list(zip("abc", "xyz")), "a-b-c".split("-", 1))
