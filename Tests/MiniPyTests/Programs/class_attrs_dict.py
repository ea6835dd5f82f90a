class P:
    species = "x"

    def __init__(self, a, b):
        self.a = a
        self.b = b


p = P(1, 2)
print(p.__dict__, vars(p))
p.__dict__["c"] = 3
print(p.c, sorted(vars(p)))
print(P.species, p.species)
p.species = "y"
print(P.species, p.species)
del p.species
print(p.species)
P.new_attr = 10
print(p.new_attr, hasattr(P, "new_attr"))
print(type(p).__name__, P.__module__ if False else "main", isinstance(P, type), type(P).__name__)
print(P.__qualname__, p.__class__ is P)
