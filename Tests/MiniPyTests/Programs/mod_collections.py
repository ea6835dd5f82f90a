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

from collections import namedtuple
Point = namedtuple("Point", "x y")
Batch = namedtuple("Batch", ["inputs", "targets", "size"], defaults=[32])
p = Point(1, y=2)
b = Batch([1, 2], [0, 1])
print(p, b, p.x + p.y, p[0], len(b), b.size, list(p))
x, y = p
print(x, y, p == (1, 2), p == Point(1, 2), p._asdict(), p._replace(y=5), Point._make([7, 8]), Point._fields)
try:
    p.x = 3
except AttributeError as e:
    print("AttributeError")
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
