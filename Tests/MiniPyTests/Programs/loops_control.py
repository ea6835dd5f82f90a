for i in range(3):
    print(i, end=" ")
print()
for i in range(10):
    if i == 5:
        break
else:
    print("not reached")
for i in range(2):
    pass
else:
    print("for else", i)
n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    if n == 4:
        break
    print("n", n)
else:
    print("no")
while False:
    pass
else:
    print("while else")
total = 0
for a in range(3):
    for b in range(3):
        if b > a:
            break
        total += a * b
print(total)
items = [1, 2]
for x in items:
    if len(items) < 4:
        items.append(x * 10)
print(items)
print(*range(3), sep=", ")
print("a", "b", sep="")
print()
