class Config:
    def __init__(self, **kw):
        self.__dict__["_data"] = dict(kw)

    def __getattr__(self, name):
        if name in self._data:
            return self._data[name]
        raise AttributeError(f"no option {name!r}")

    def __setattr__(self, name, value):
        print("set", name)
        self._data[name] = value


c = Config(lr=0.1)
print(c.lr)
c.epochs = 3
print(c.epochs)
try:
    c.missing
except AttributeError as e:
    print(e)


class Registry:
    def __init__(self):
        object.__setattr__(self, "store", {})

    def __setitem__(self, k, v):
        self.store[k] = v

    def __getitem__(self, k):
        return self.store[k]

    def __len__(self):
        return len(self.store)

    def __contains__(self, k):
        return k in self.store


r = Registry()
r["a"] = 1
print(r["a"], len(r), "a" in r, "b" in r)
