import random

random.seed(42)
print(random.random(), random.randint(1, 10), random.choice("abc"))
xs = list(range(10))
random.shuffle(xs)
print(xs)
print(round(random.uniform(0, 1), 6), round(random.gauss(0, 1), 6))
random.seed(0)
print([random.randint(0, 100) for _ in range(5)])
