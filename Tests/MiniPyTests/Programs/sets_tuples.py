s = {1, 2, 3}
s.add(4)
s.discard(10)
s.remove(1)
print(s, len(s), 2 in s, set(), {1, 2} | {3}, {1, 2} & {2, 3}, {1, 2} - {2}, {1, 2} ^ {2, 3})
print(s.union({9}), s.intersection([2, 3]), s.difference({2}), {1, 2} <= {1, 2, 3}, frozenset([1]))
t = (1, 2, 3)
print(t, t[0], t[-1], t[1:], len(t), (1,), (), t + (4,), t * 2, t.index(2), t.count(3))
a, b, c = t
print(a, b, c)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abc"
print(init, last)
x, (y, z) = 1, (2, 3)
print(x, y, z)
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p, q)
a, b = b, a
print(a, b)
print(hash((1, 2)) == hash((1, 2)), tuple([1, 2]), list((1, 2)), set([1, 1, 2]))
