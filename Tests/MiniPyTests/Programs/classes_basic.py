class Animal:
    kind = "animal"
    count = 0

    def __init__(self, name):
        self.name = name
        Animal.count += 1

    def speak(self):
        return f"{self.name} makes a sound"

    def __repr__(self):
        return f"Animal({self.name!r})"


class Dog(Animal):
    kind = "dog"

    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed

    def speak(self):
        return super().speak() + " (woof)"


class Puppy(Dog):
    def __init__(self, name):
        super(Puppy, self).__init__(name, "mixed")


a = Animal("generic")
d = Dog("rex", "lab")
p = Puppy("bit")
print(a.speak(), d.speak(), p.speak(), sep="\n")
print(a.kind, d.kind, Animal.kind, Animal.count, p.breed)
print(isinstance(d, Animal), isinstance(a, Dog), issubclass(Puppy, Animal), isinstance(p, (int, Dog)))
print(type(d).__name__, type(d) is Dog, d.__class__.__name__, Dog.__name__, Dog.__bases__[0].__name__)
print(a, [d.name, p.name])
print(hasattr(d, "breed"), hasattr(d, "wings"), getattr(d, "wings", "none"))
setattr(d, "age", 3)
print(d.age, vars(p))
delattr(d, "age")
print(hasattr(d, "age"))
