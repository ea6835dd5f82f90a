print("%s is %d years" % ("Al", 30))
print("%05.1f|%-6d|%+d" % (3.14159, 42, 7))
print("%r %s" % ("q", None))
print("%(a)s-%(b)s" % {"a": 1, "b": 2})
print("100%")
print("{:.3}".format(3.14159), "{:10}|".format("hi"), "{:<4}|{:^4}|{:>4}|".format(1, 2, 3))
print("{0:.2f} {0:.0f}".format(2.5), "{:,.2f}".format(1234567.891), "{:e}".format(0.000123))
print("{!r:>8}".format("a"), "{:%}".format(0.5), "{:g}".format(1e-7), "{:g}".format(123456789.0))
print("tab\tsep", "new\\nline", 'quote\'s', "uni: \u00e9", r"raw\n")
s = """multi
line"""
print(s, len(s))
print("a" "b" "c", "x" * 0, "-" * 10)
