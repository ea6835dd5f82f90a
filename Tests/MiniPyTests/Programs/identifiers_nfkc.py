# Identifiers are normalized to NFKC: compatibility characters name the same variable.
µ = 1          # U+00B5 MICRO SIGN
print(μ)       # U+03BC GREEK SMALL LETTER MU
ﬁle = 2        # U+FB01 LATIN SMALL LIGATURE FI
print(file)
ｘ = 3         # U+FF58 FULLWIDTH LATIN SMALL LETTER X
print(x)
café = 4       # e + U+0301 COMBINING ACUTE ACCENT
print(café)    # U+00E9
ℌ = 5          # U+210C BLACK-LETTER CAPITAL H
print(H)
globals_seen = sorted(k for k in globals() if not k.startswith("__") and k != "globals_seen")
print(globals_seen)
print([len(k) for k in globals_seen])
