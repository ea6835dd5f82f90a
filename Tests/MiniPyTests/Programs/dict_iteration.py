scores = {"alice": 90, "bob": 72, "carol": 85}
for name in scores:
    print(name, scores[name])
for name, s in sorted(scores.items(), key=lambda kv: kv[1], reverse=True):
    print(f"{name:>6}: {s:3d}")
print(max(scores, key=scores.get), min(scores.values()), sum(scores.values()) / len(scores))
inverted = {v: k for k, v in scores.items()}
print(inverted)
grouped = {}
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    grouped.setdefault(word[0], []).append(word)
print(grouped)
nested = {"a": {"x": 1}, "b": {"y": 2}}
print(nested["a"]["x"], [k for k, v in nested.items() if "y" in v])
print(len(scores), "bob" in scores, list(scores)[::-1])
