import math

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.sqrt(2), math.sqrt(16), math.exp(1), math.exp(-1.5))
print(math.log(10), math.log(8, 2), math.log(100, 10), math.log2(1024), math.log10(0.001))
print(math.cos(0.5), math.sin(0.5), math.tan(0.5), math.atan2(1, -1))
print(math.pow(2, 10), math.pow(2.5, -2), math.fabs(-3), math.fabs(2.5))
print(math.floor(2.7), math.floor(-2.7), math.ceil(2.1), math.ceil(-2.1), math.trunc(-3.9))
print(type(math.floor(2.5)).__name__, math.floor(7), math.ceil(True))
print(math.isnan(math.nan), math.isnan(1.0), math.isinf(-math.inf), math.isfinite(1e308))
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1.0, 1.1), math.isclose(1.0, 1.05, rel_tol=0.1))
print(math.isclose(0.0, 1e-12), math.isclose(0.0, 1e-12, abs_tol=1e-9))
print(math.fsum([0.1] * 10), sum([0.1] * 10))
print(math.prod([1, 2, 3, 4]), math.prod([0.5, 4]), math.prod([], start=7))
print(math.gcd(12, 18), math.factorial(10), math.hypot(3, 4))
print(math.degrees(math.pi), math.radians(180))
print(math.erf(0.5), math.erfc(0.5), math.log1p(1e-10), math.expm1(1e-10), math.cbrt(27), math.exp2(10))
print(math.asinh(1), math.acosh(2), math.atanh(0.5), math.tanh(0.5), math.isqrt(99), math.comb(10, 3), math.comb(3, 5))
print([0.5 * x * (1 + math.erf(x / math.sqrt(2))) for x in (-1.0, 0.0, 1.0)])

for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.log(-2.0), lambda: math.exp(1000),
            lambda: math.pow(0, -1), lambda: math.floor(math.inf), lambda: math.floor(math.nan),
            lambda: math.log(3, 1), lambda: math.isclose(1, 2, rel_tol=-1), lambda: math.sqrt("x"),
            lambda: math.cos(math.inf), lambda: math.factorial(-1), lambda: math.acosh(0.5),
            lambda: math.atanh(1), lambda: math.expm1(1000), lambda: math.isqrt(-1), lambda: math.comb(-1, 2)]:
    try:
        bad()
    except (ValueError, OverflowError, ZeroDivisionError, TypeError) as e:
        print(type(e).__name__ + ":", e)
