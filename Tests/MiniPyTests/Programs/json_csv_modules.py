import json
import collections

data = {"name": "net", "layers": [3, 4, 1], "lr": 0.01, "ok": True, "none": None}
text = json.dumps(data)
print(text)
print(json.loads(text) == data, json.loads("[1, 2.5, \"x\"]"))
print(json.dumps({"b": 1, "a": [1, 2]}, indent=2, sort_keys=True))
c = collections.Counter("abracadabra")
print(c.most_common(2))
dd = collections.defaultdict(list)
dd["x"].append(1)
print(dict(dd))
od = collections.OrderedDict()
od["z"] = 1
od["a"] = 2
print(list(od.keys()))
