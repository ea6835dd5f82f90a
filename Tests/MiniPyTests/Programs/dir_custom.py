# dir() asks the type's __dir__ and sorts what it returns; without one it lists attributes.
class Plain:
    kind = "plain"
    def __init__(self):
        self.b = 1
        self.a = 2
    def method(self):
        return 0

class Listed:
    def __dir__(self):
        return ["zeta", "alpha", "mid"]

class FromTuple:
    def __dir__(self):
        return ("y", "x")

print([n for n in dir(Plain()) if not n.startswith("__")])
print(dir(Listed()))
print(dir(FromTuple()))
print(type(dir(FromTuple())).__name__)
print([n for n in dir(Plain) if not n.startswith("__")])

class Bad:
    def __dir__(self):
        return 5

try:
    dir(Bad())
except TypeError as e:
    print("TypeError:", e)
