class Temp:
    unit = "C"

    def __init__(self, c):
        self._c = c

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("too cold")
        self._c = v

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @staticmethod
    def describe(x):
        return f"temp {x}"

    @classmethod
    def freezing(cls):
        return cls(0)

    @classmethod
    def unit_name(cls):
        return cls.unit


t = Temp(25)
print(t.celsius, t.fahrenheit)
t.celsius = 30
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("error:", e)
try:
    t.fahrenheit = 1
except AttributeError as e:
    print("error:", e)
print(Temp.describe(5), t.describe(6), Temp.freezing().celsius, Temp.unit_name(), t.unit_name())


class Sub(Temp):
    unit = "K"


print(Sub.freezing().__class__.__name__, Sub.unit_name(), isinstance(Sub.freezing(), Temp))
