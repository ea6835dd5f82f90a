nums = range(10)
print([n * n for n in nums if n % 2 == 0])
print({n % 3 for n in nums})
print({n: n * n for n in nums if n < 4})
print([(i, j) for i in range(3) for j in range(i)])
print([[i * j for j in range(3)] for i in range(3)])
print(sum(x * x for x in range(5)), max(len(w) for w in ["a", "abc", "ab"]))
print(list(x for x in "abc"), any(x > 8 for x in nums), all(x >= 0 for x in nums))
words = ["apple", "bob", "kayak", "tree"]
print([w for w in words if w == w[::-1]], [w.upper() for w in words if len(w) > 3 if "e" in w])
x = 100
print([x for x in range(3)], x)
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(row) for row in zip(*matrix)])
print(sorted(words, key=lambda w: (-len(w), w)))
gen = (i * 2 for i in range(3))
print(next(gen), list(gen))
