class A:
    def __init__(self, **kw):
        self.trail = ["A"]

    def greet(self):
        return "A"

    @classmethod
    def make(cls):
        return cls()


class B(A):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.trail.append("B")

    def greet(self):
        return "B>" + super().greet()


class C(B):
    def __init__(self):
        super().__init__(x=1)
        self.trail.append("C")

    def greet(self):
        return "C>" + super(C, self).greet()


c = C()
print(c.trail, c.greet(), C.make().trail, type(B.make()).__name__)


class Base:
    registry = []

    def __init_subclass_not_used__(self):
        pass

    def describe(self):
        return f"{type(self).__name__} with {self.size()}"

    def size(self):
        return 0


class Big(Base):
    def size(self):
        return super().size() + 100


print(Big().describe(), Base().describe())
