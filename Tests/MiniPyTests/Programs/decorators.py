def trace(fn):
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__, args, kwargs)
        result = fn(*args, **kwargs)
        print("returned", result)
        return result
    return wrapper


def repeat(n):
    def deco(fn):
        def inner(*a):
            return [fn(*a) for _ in range(n)]
        return inner
    return deco


@trace
def add(a, b=2):
    return a + b


@repeat(3)
def hello(name):
    return "hi " + name


add(1)
add(1, b=5)
print(hello("bob"))


def register(registry):
    def deco(cls):
        registry[cls.__name__] = cls
        return cls
    return deco


REG = {}


@register(REG)
class Model:
    pass


print(list(REG), REG["Model"] is Model)


class Cached:
    def __init__(self, fn):
        self.fn = fn
        self.calls = 0

    def __call__(self, *args):
        self.calls += 1
        return self.fn(*args)


@Cached
def square(x):
    return x * x


print(square(3), square(4), square.calls)
