import math

print(math.sqrt(16), math.exp(1), math.log(math.e), math.log(8, 2), math.log2(1024), math.log10(1000))
print(math.cos(0), math.sin(0), math.tan(0), math.pow(2, 3), math.fabs(-2.5))
print(math.floor(-1.5), math.ceil(-1.5), math.isnan(float("nan")), math.isinf(math.inf), math.nan != math.nan)
print(math.isclose(1.0, 1.0 + 1e-10), math.pi * 2, round(math.tau, 5) if hasattr(math, "tau") else 6.28319)
try:
    math.sqrt(-1)
except ValueError as e:
    print(e)
try:
    math.log(0)
except ValueError as e:
    print(e)
