def make_multiplier(factor):
    def multiply(x):
        return x * factor
    return multiply


double = make_multiplier(2)
triple = make_multiplier(3)
print(double(5), triple(5), double.__name__, double.__qualname__)


def accumulator():
    data = []

    def add(x):
        data.append(x)
        return list(data)

    def reset():
        data.clear()
    return add, reset


add, reset = accumulator()
print(add(1), add(2))
reset()
print(add(3))


def compose(*fns):
    def run(x):
        for fn in reversed(fns):
            x = fn(x)
        return x
    return run


print(compose(double, triple, lambda v: v + 1)(1))


class Outer:
    def method(self):
        def helper():
            return self.value * 2
        self.value = 21
        return helper()


print(Outer().method())
