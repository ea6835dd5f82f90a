x = 3.14159265
n = 1234567
print(f"{x:.2f} {x:10.3f}| {x:<10.1f}| {x:^10.2e}| {x:+.3g} {x:%} {0.256:.1%}")
print(f"{n:,} {n:_} {n:>12,} {n:012,} {-n:+,} {n:x} {n:#X} {n:b} {255:#o} {65:c}")
print(f"{'left':<8}|{'right':>8}|{'mid':*^9}|{'trunc':.3}")
print(f"{x!r} {'s'!r} {n=} {x = :.2f} {[1, 2]!s}")
print(f"{1e16} {1e-5} {0.1 + 0.2} {100.0} {-0.0} {2.5:.0f} {3.5:.0f} {2.675:.2f}")
print(format(0.5, ".0%"), format(1e300, ".3"), format(12345.678, "g"), format(True, ">5"), format(True))
print("%d items, %.2f%%" % (3, 0.5), "%s %r %5.1f %-10s| %x %e %g" % ("a", "b", 2.25, "left", 255, 12345.678, 0.0001))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30}, "%05.1f|%-6d|%+d" % (-2.25, 42, 7))
print("{0} {1:.2f} {name} {0[1]}".format([10, 20], 3.14159, name="Ann"), "{:>{w}.{p}f}|".format(2.5, w=8, p=2))
print("{0}{1}{0}".format("ab", "cd"), "{{literal}} {!r:>6}".format("x"), "{:,}".format(10 ** 9))
print(repr(1.1), str(2.0), repr(1e22), 1 / 3, 2 / 3, 10 / 4, 7.0 // 2, -7.5 % 2, round(2.675, 2), round(0.5), round(1.5))
for bad in [lambda: format(1.5, "d"), lambda: "{} {}".format(1), lambda: "%d" % ("x",), lambda: "%s %s" % (1,),
            lambda: format("s", "+"), lambda: "{0} {}".format(1, 2), lambda: format(1, ",c")]:
    try:
        bad()
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__ + ":", e)
