a = list(range(10))
print(a[2:5], a[:3], a[7:], a[-3:], a[:-7], a[::3], a[::-2], a[8:2:-2], a[100:], a[-100:2])
s = "abcdefgh"
print(s[1:7:2], s[::-1], s[-2:], s[:0], s[5:1])
t = tuple(a)
print(t[1:3], t[::4])
b = a[:]
b[2:4] = ["x"]
print(b)
b[::2] = [0] * len(b[::2])
print(b)
sl = slice(1, 8, 3)
print(a[sl], sl, sl.start, sl.stop, sl.step)
r = range(20)[5:15:2]
print(r, list(r))
