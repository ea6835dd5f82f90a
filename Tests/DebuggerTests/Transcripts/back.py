def square(v):
    result = v * v
    return result


def total(values):
    acc = 0
    for v in values:
        acc = acc + square(v)
    return acc


numbers = [1, 2, 3]
s = total(numbers)
label = "sum of squares"
print(label, s)
