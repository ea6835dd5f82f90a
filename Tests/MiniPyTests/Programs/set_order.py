print({3, 1, 2}, {10, 5, 100, 7}, {9, 2, 3, 4}, set(range(20, 0, -3)))
s = {1, 2, 3}
s.remove(1)
print(s.union({9}), s | {8, 16}, {-1, -2, 0})
print(sorted({5, 3, 9}), [x for x in {33, 1, 17}], frozenset({40, 8}))
