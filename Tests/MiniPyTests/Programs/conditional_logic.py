def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n % 2 == 0 and n > 10:
        return "big even"
    elif n % 2 == 0:
        return "small even"
    else:
        return "odd"


print([classify(n) for n in [-5, 0, 4, 12, 7]])
x = None
print(x or "default", x and x.foo, x is None and "none")
val = 0
result = "pos" if val > 0 else "neg" if val < 0 else "zero"
print(result)
print(1 < 2 and 2 < 3 or False, not (1 and 0), (0 or None) is None)
flags = [True, False, True]
print(sum(flags), flags.count(True), any(flags), all(flags))
