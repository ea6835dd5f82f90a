class Ctx:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress


with Ctx("a") as a:
    print("body", a.name)

with Ctx("outer"), Ctx("inner") as i:
    print("both", i.name)

with Ctx("swallow", suppress=True):
    raise ValueError("hidden")
print("after swallow")

try:
    with Ctx("propagate"):
        raise KeyError("k")
except KeyError as e:
    print("got", e)


def early():
    with Ctx("ret"):
        return "returned"


print(early())
for n in range(3):
    with Ctx(str(n)):
        if n == 1:
            continue
        print("n", n)
