import random

random.seed(42)
print(random.random(), random.random())
print([random.randint(1, 6) for _ in range(10)])
print(random.randrange(10), random.randrange(5, 50, 5), random.randrange(100, 0, -7))
print(random.choice(["apple", "banana", "cherry"]), random.choice("xyz"))
deck = list(range(10))
random.shuffle(deck)
print(deck)
print(random.sample(range(100), 5), random.sample(["a", "b", "c", "d"], 2))
print(random.choices([1, 2, 3], k=5), random.choices("ab", weights=[1, 9], k=6))
print(random.uniform(-1, 1), random.gauss(0, 1), random.gauss(10, 2), random.normalvariate(0, 1))
print(random.getrandbits(8), random.getrandbits(40))
print(random.expovariate(2.0), random.triangular(), random.triangular(0, 10, 8), random.lognormvariate(0, 0.5))

random.seed(0)
first = [random.random() for _ in range(3)]
random.seed(0)
print(first == [random.random() for _ in range(3)], first)

state = random.getstate()
a = random.random()
random.setstate(state)
print(a == random.random())

random.seed(3.5)
print(random.random())
random.seed("hello")
print(random.random(), random.Random("gradstep").randint(1, 100))
random.seed(-12345678901)
print(random.randint(0, 1000))

for bad in [lambda: random.randrange(0), lambda: random.randint(5, 1), lambda: random.choice([]),
            lambda: random.sample([1, 2], 3), lambda: random.randrange(0, 10, 0)]:
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)

gen = random.Random(42)
other = random.Random(42)
print(gen.random() == other.random(), gen.randint(1, 6), gen.choice("abc"), gen.gauss(0, 1))
random.seed(42)
print(random.random() == random.Random(42).random())
items = [1, 2, 3, 4, 5]
random.Random(7).shuffle(items)
print(items, type(gen).__name__, isinstance(gen, random.Random))
gen.seed(5)
print(gen.random() == random.Random(5).random())
