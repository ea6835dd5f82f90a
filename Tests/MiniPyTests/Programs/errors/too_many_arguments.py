def f(x):
    pass
f(1, 2)
