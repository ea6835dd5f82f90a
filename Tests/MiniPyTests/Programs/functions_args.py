def f(a, b, c=3, *args, d, e=5, **kwargs):
    return (a, b, c, args, d, e, kwargs)


print(f(1, 2, d=4))
print(f(1, 2, 3, 4, 5, d=6, z=7))
print(f(*[1, 2], **{"d": 0, "q": 1}))


def g(x, /, y, *, z):
    return x + y + z


print(g(1, 2, z=3), g(1, y=2, z=3))


def h(*args):
    return sum(args)


print(h(), h(1, 2, 3), h(*range(5)))


def kw(**opts):
    return sorted(opts.items())


print(kw(b=2, a=1))


def doc():
    """Docstring here."""
    return doc.__doc__


print(doc(), doc.__name__)


def rec(n):
    return 1 if n <= 1 else n * rec(n - 1)


print(rec(10), rec(20))


def noreturn():
    pass


print(noreturn())
print((lambda: 5)(), (lambda x, y=2: x * y)(3))


def multi():
    return 1, 2


a, b = multi()
print(a, b, multi())
