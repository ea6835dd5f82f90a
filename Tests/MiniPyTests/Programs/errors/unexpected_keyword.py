def f(x):
    pass
f(1, z=2)
