import copy

a = [[1, 2], {"k": [3]}]
b = copy.copy(a)
c = copy.deepcopy(a)
a[0].append(9)
a[1]["k"].append(4)
print(a, b, c)


class Box:
    def __init__(self, items):
        self.items = items


x = Box([1])
y = copy.deepcopy(x)
y.items.append(2)
print(x.items, y.items, type(y).__name__)
