import json

data = {"name": "Ann", "scores": [1, 2.5, -3e-7], "ok": True, "none": None, "nested": {"x": [], "y": {}}}
text = json.dumps(data)
print(text)
print(json.dumps(data, indent=2))
print(json.dumps(data, indent=4, sort_keys=True))
print(json.dumps({"b": 1, "a": 2}, sort_keys=True, separators=(",", ":")))
print(json.dumps("héllo \"quoted\" \n tab\t"), json.dumps("héllo", ensure_ascii=False))
print(json.dumps([1.0, 0.1, 1e16, float("nan"), float("inf"), -float("inf")]))
print(json.dumps({1: "a", 2.5: "b", True: "c", None: "d"}))
print(json.dumps((1, 2)), json.dumps([]), json.dumps({}), json.dumps(None))
back = json.loads(text)
print(back == data, back["scores"], type(back["scores"][1]).__name__)
print(json.loads('  [1, "two", {"three": 3.0}, null, true, false] '))
print(json.loads('{"a": 1, "a": 2}'), json.loads("NaN"), json.loads("-Infinity"), json.loads('"\\u00e9\\n"'))

with open("/tmp/gradstep_mod_json_test.json", "w") as f:
    json.dump({"epochs": 3, "lr": 0.01}, f, indent=2)
with open("/tmp/gradstep_mod_json_test.json") as f:
    print(f.read())
with open("/tmp/gradstep_mod_json_test.json") as f:
    print(json.load(f))

for bad in ['', '{"a": 1,}', '[1 2]', '{"a" 1}', '"abc', '[1]x', '{1: 2}', '\n\n  [1,\n 2,,]']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print("JSONDecodeError:", e, "|", e.msg, e.pos, e.lineno, e.colno)

class Thing:
    pass

for bad in [lambda: json.dumps(Thing()), lambda: json.dumps({(1, 2): 3}), lambda: json.dumps(float("nan"), allow_nan=False)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
loop = []
loop.append(loop)
try:
    json.dumps(loop)
except ValueError as e:
    print("ValueError:", e)
print(json.dumps(Thing(), default=lambda o: "<thing>"))
