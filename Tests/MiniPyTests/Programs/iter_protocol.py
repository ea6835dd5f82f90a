class Range3:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        i = 0
        out = []
        while i < self.n:
            out.append(i)
            i += 1
        return iter(out)


for v in Range3(3):
    print(v)
print(list(Range3(4)), sum(Range3(5)), 2 in Range3(3), sorted(Range3(3), reverse=True))


class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10


print(list(Seq()), [x for x in Seq()])
it = iter([1, 2, 3])
print(next(it), list(it), list(it))
e = enumerate(["a", "b"])
print(next(e), next(e), next(e, None))
z = zip([1, 2], [3, 4])
print(list(z), list(z))
m = map(lambda x: x * 2, [1, 2])
print(next(m), list(m))
