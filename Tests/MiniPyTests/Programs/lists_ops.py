a = [3, 1, 2]
a.append(4)
a.extend([5, 6])
a.insert(0, 0)
print(a, len(a), a.pop(), a.pop(0), a)
a.remove(2)
print(a, a.index(4), a.count(1))
a.sort()
print(a)
a.reverse()
print(a, a.copy(), a[1:3], a[::2], a[-2:])
b = a * 2
print(b, [0] * 3, a + [9])
a[0] = 100
a[1:3] = [7, 8, 9]
print(a)
del a[0]
del a[1:3]
print(a)
c = [[1, 2], [3, 4]]
print(c, c[1][0], [x for row in c for x in row])
a.clear()
print(a, [] == [], [1, [2, [3]]])
r = [1, 2]
r.append(r)
print(r)
print(sorted([(2, "b"), (1, "z"), (2, "a")]), sorted(["bb", "a", "ccc"], key=len), sorted([3, 1, 2], reverse=True))
print(list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -3)), range(5), len(range(0, 10, 2)))
l = [5, 3]
l += [1]
l *= 2
print(l, 3 in l, min(l), max(l))
