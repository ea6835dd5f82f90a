a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, id(a) == id(b), id(a) == id(c))
print(hash(42) == 42, hash(-1) == -2, hash(True) == 1, hash(1.0) == 1, hash(0.5) == hash(0.5))
print(hash("abc") == hash("a" + "bc"), hash((1, "a")) == hash((1, "a")))
try:
    hash([1])
except TypeError as e:
    print(e)
try:
    {[1]: 2}
except TypeError as e:
    print(e)


class K:
    pass


k = K()
print(hash(k) == hash(k), k == k, k != K(), {k: 1}[k])


class E:
    def __eq__(self, other):
        return True


try:
    hash(E())
except TypeError as e:
    print(e)
print(None is None)
