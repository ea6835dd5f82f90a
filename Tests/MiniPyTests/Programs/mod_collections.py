from collections import OrderedDict, defaultdict, Counter, deque

counts = Counter("abracadabra")
print(counts)
print(counts.most_common(2), counts["a"], counts["z"])
counts.update(["z", "z", "a"])
print(counts.most_common(3), sum(counts.values()), len(counts))
words = Counter(["red", "blue", "red", "green", "blue", "red"])
print(words, words.most_common())
print(Counter(a=3, b=1) + Counter(a=1, c=2), Counter(a=3, b=1) - Counter(a=1, b=5))
print(Counter(), sorted(Counter("aab").elements()))

groups = defaultdict(list)
for name, group in [("x", 1), ("y", 2), ("x", 3)]:
    groups[name].append(group)
print(groups, dict(groups), groups["missing"], len(groups))
tally = defaultdict(int)
for ch in "hello":
    tally[ch] += 1
print(tally)
print(defaultdict(None, {"a": 1}))
try:
    defaultdict()["nope"]
except KeyError as e:
    print("KeyError:", e)

od = OrderedDict()
od["b"] = 1
od["a"] = 2
od["c"] = 3
print(od, list(od.keys()))
od.move_to_end("b")
print(od)
print(od.popitem(), od, OrderedDict())
print(isinstance(od, dict), isinstance(counts, dict))

dq = deque([1, 2, 3], maxlen=4)
dq.append(4)
dq.append(5)
dq.appendleft(0)
print(dq, len(dq), dq[0], list(dq))
print(dq.pop(), dq.popleft(), dq)
print(deque())
