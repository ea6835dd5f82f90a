x = 10
x += 5
x -= 3
x *= 2
x //= 5
x **= 3
x %= 7
print(x)
y = 7.5
y /= 2
y -= 0.25
print(y)
s = "ab"
s += "cd"
s *= 2
print(s)
lst = [1]
alias = lst
lst += [2, 3]
print(lst, alias, lst is alias)
t = (1,)
t2 = t
t += (2,)
print(t, t2)


class Acc:
    def __init__(self):
        self.total = 0
        self.items = [0, 0]


a = Acc()
a.total += 5
a.items[1] += 3
print(a.total, a.items)
d = {"k": 1}
d["k"] += 10
print(d)
bits = 0b1010
bits |= 1
bits &= 0b1110
bits ^= 0b0100
bits <<= 2
bits >>= 1
print(bits)
