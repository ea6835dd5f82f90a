# Subclasses of dict and list: construction through __init__, super().__init__, repr.
class Registry(dict):
    def __init__(self, name):
        super().__init__()
        self.name = name

    def add(self, key, value):
        self[key] = value


r = Registry("layers")
r.add("fc1", 4)
print(r, r.name, len(r), isinstance(r, dict))


class Defaults(dict):
    pass


print(Defaults([("a", 1)], b=2), Defaults(), dict(Defaults(c=3)))


class Stack(list):
    def push(self, item):
        self.append(item)


s = Stack([1, 2])
s.push(3)
print(s, len(s), s[-1], isinstance(s, list))
print(dict.__repr__({1: 2}), list(Stack("ab")))
