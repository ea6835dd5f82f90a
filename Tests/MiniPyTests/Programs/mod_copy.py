import copy

nested = {"layers": [[1, 2], [3, 4]], "name": "net", "shape": (2, 2)}
shallow = copy.copy(nested)
deep = copy.deepcopy(nested)
nested["layers"][0].append(99)
nested["name"] = "changed"
print(shallow)
print(deep)
print(shallow["layers"] is nested["layers"], deep["layers"] is nested["layers"])

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.history = [x, y]

    def __repr__(self):
        return f"Point({self.x}, {self.y}, {self.history})"

p = Point(1, 2)
q = copy.copy(p)
r = copy.deepcopy(p)
p.history.append(3)
p.x = 10
print(p, q, r, type(r).__name__)

shared = [1, 2]
pair = [shared, shared]
dup = copy.deepcopy(pair)
print(dup, dup[0] is dup[1], dup[0] is shared)
cyc = [1]
cyc.append(cyc)
cc = copy.deepcopy(cyc)
print(cc[1] is cc, cc[0])
print(copy.copy(5), copy.deepcopy("s"), copy.copy((1, [2])), copy.deepcopy({1, 2, 3}))

class Custom:
    def __init__(self):
        self.v = [1]
    def __deepcopy__(self, memo):
        print("custom deepcopy called")
        return "replacement"

print(copy.deepcopy([Custom()]))
