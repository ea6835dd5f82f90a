def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


print(gcd(48, 18), gcd(17, 5))


def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


print([collatz(n) for n in range(1, 10)])


def binary_search(xs, target):
    lo, hi = 0, len(xs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] == target:
            return mid
        if xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


data = list(range(0, 100, 3))
print(binary_search(data, 27), binary_search(data, 28))
i = 0
while True:
    i += 1
    if i > 3:
        break
print(i)
