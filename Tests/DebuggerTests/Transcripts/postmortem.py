def ratio(a, b):
    scale = a / b
    return scale


values = [4, 2, 0]
out = []
for v in values:
    out.append(ratio(8, v))
print(out)
