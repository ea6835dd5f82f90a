class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    def __rmul__(self, k):
        return self * k

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __eq__(self, o):
        return isinstance(o, Vec) and self.x == o.x and self.y == o.y

    def __hash__(self):
        return hash((self.x, self.y))

    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    def __iter__(self):
        return iter((self.x, self.y))

    def __bool__(self):
        return bool(self.x or self.y)

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

    def __str__(self):
        return f"<{self.x}, {self.y}>"

    def __call__(self, k):
        return self.x * k

    def __contains__(self, v):
        return v == self.x or v == self.y


v = Vec(1, 2)
w = Vec(3, 4)
print(v + w, w - v, v * 3, 3 * v, -v, v == Vec(1, 2), v != w, v < w)
print(len(v), v[0], list(v), bool(Vec(0, 0)), bool(v), str(v), repr(v), v(10), 2 in v, 5 in v)
print(sorted([w, v]), max([v, w]), {v: "a"}[Vec(1, 2)], [str(v)], f"{v}", f"{v!r}")
x, y = v
print(x, y)


class Counter:
    def __init__(self, n):
        self.n = n
        self.i = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i


print(list(Counter(3)), sum(Counter(4)), [c * 2 for c in Counter(2)])
it = iter(Counter(2))
print(next(it), next(it), next(it, "done"))
