# Instance attributes: insertion order, many names, deletion and re-assignment, __dict__.
class Bag:
    pass

b = Bag()
for i in range(20):
    setattr(b, "a" + str(i), i * i)
print(len(b.__dict__), b.a0, b.a13, b.a19)
del b.a3
del b.a15
print(hasattr(b, "a3"), hasattr(b, "a15"), b.a16, b.a19)
b.a3 = "back"
print(list(b.__dict__)[-3:], b.a3)
for i in range(4, 15):
    delattr(b, "a" + str(i))
print(vars(b))
b.a0 = None
b.__dict__["extra"] = 1.5
print(b.__dict__, b.extra)
try:
    b.a9
except AttributeError as e:
    print("AttributeError:", e)
try:
    del b.a9
except AttributeError as e:
    print("AttributeError:", e)

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

p = Point(1, 2)
q = Point(3, 4)
p.x, q.y = q.y, p.x
p.z = 0
print(vars(p), vars(q))
del p.x
p.x = 9
print(list(vars(p)))
p.__dict__.clear()
print(vars(p), hasattr(p, "y"))
