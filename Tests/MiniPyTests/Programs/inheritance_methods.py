class Base:
    def __init__(self):
        self.log = []

    def step(self):
        self.log.append("base")
        return self

    def template(self):
        return self.hook() + "!"

    def hook(self):
        return "base hook"


class Mid(Base):
    def step(self):
        super().step()
        self.log.append("mid")
        return self


class Leaf(Mid):
    def step(self):
        super().step()
        self.log.append("leaf")
        return self

    def hook(self):
        return "leaf hook"


leaf = Leaf()
print(leaf.step().log, leaf.template(), Base().template())
print([c.__name__ for c in Leaf.__mro__])
m = leaf.step
print(m().log[-3:], Leaf.hook(leaf))


class WithClassAttr:
    items = []

    def add(self, x):
        self.items.append(x)


a, b = WithClassAttr(), WithClassAttr()
a.add(1)
b.add(2)
print(a.items, WithClassAttr.items)


class Shape:
    def area(self):
        raise NotImplementedError("subclass must implement")


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s ** 2


for sh in [Square(3), Shape()]:
    try:
        print(sh.area())
    except NotImplementedError as e:
        print("error:", e)
