def counter():
    count = 0

    def inc():
        nonlocal count
        count += 1
        return count
    return inc


c = counter()
print(c(), c(), c())
total = 10


def add_global(n):
    global total
    total += n


add_global(5)
print(total)


def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]


print([f(10) for f in make_adders()])


def late():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]


print(late())


def outer():
    x = "outer"

    def middle():
        def inner():
            return x
        return inner()
    return middle()


print(outer())
square = lambda v: v * v
print(square(7), (lambda *a, **k: (a, k))(1, 2, z=3))
y = 1


def shadow():
    y = 2
    return y


print(shadow(), y)


def defaults(a, b=[], *args, c, d=4, **kw):
    b.append(a)
    return a, b, args, c, d, kw


print(defaults(1, c=3))
print(defaults(2, c=3))
print(defaults(1, [9], 7, 8, c=0, e=5))
