d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "a" in d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("a"), d, d.setdefault("x", 9), d)
d.update({"b": 20, "y": 1})
d.update(z=26)
print(d)
for k, v in d.items():
    print(k, v)
del d["b"]
print(d, d.copy(), dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict(zip("ab", [1, 2])))
print({k: v * 2 for k, v in [("p", 1), ("q", 2)]}, {1: "one", 2.5: "x", (1, 2): "t", None: 0})
d2 = {1: "int"}
d2[1.0] = "float"
d2[True] = "bool"
print(d2)
print(d.keys(), d.values(), d.items())
print({**d, "new": 0}, dict.fromkeys(["a", "b"], 0))
e = {}
e.clear()
print(e, {} == {}, {"a": 1} != {"a": 2})
print(sorted({"b": 1, "a": 2}), list(reversed([1, 2, 3])))
