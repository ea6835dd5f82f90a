a, *b, c = range(6)
print(a, b, c)
(x, y), z = (1, 2), 3
print(x, y, z)
first, second, *_ = "hello"
print(first, second, _)
print([*range(3), *"ab"], (*[1, 2], 3), {*[1, 1], 2}, {**{"a": 1}, "b": 2})
def f(*args, **kwargs):
    return args, kwargs
print(f(*[1, 2], 3, *(4,), k=1, **{"m": 2}))
for a, (b, c) in [(1, (2, 3)), (4, (5, 6))]:
    print(a + b + c)
d = {"k": [1, 2]}
(k, (v1, v2)), = d.items()
print(k, v1, v2)
