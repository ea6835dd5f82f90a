# Operators with an int literal on the right, for every kind of left operand.
for a in [7, -7, 0, True, 2.5, -2.5]:
    print(a + 1, a - 2, a * 3, a % 3, a // 2, a % -3, a // -2, a / 4, a ** 2)
    print(a < 2, a <= 0, a > -1, a >= 7, a == 1, a != 0)
print("ab" * 3, [1, 2] * 2, (0,) * 0, "x" + "y" * 2)
print(divmod(17, 5), 17 % 5 == 2, -17 % 5 == 3, 2 ** 62 - 1 == 4611686018427387903)
n = 10
total = 0
while n > 0:
    total += n % 4 * 2 - 1
    n -= 1
print(total, n == 0, n != 0)
for bad in ["s", None, [1]]:
    try:
        print(bad - 1)
    except TypeError as e:
        print("TypeError:", e)
    try:
        print(bad < 1)
    except TypeError as e:
        print("TypeError:", e)
print(None == 0, "s" != 1, [1] == 1)
try:
    print(5 // 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(5.0 % 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
