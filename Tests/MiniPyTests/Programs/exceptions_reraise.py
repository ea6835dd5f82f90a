def inner():
    raise TypeError("inner problem")


def middle():
    try:
        inner()
    except TypeError:
        print("middle saw it")
        raise


try:
    middle()
except TypeError as e:
    print("outer got", e)

try:
    try:
        raise ValueError("first")
    finally:
        print("finally runs")
except ValueError as e:
    print("caught", e)


def loop_break():
    for i in range(5):
        try:
            if i == 2:
                break
        finally:
            print("f", i)
    return i


print(loop_break())
try:
    raise
except RuntimeError as e:
    print(e)
try:
    {}.pop("x")
except LookupError as e:
    print(type(e).__name__, e)
try:
    None.foo
except AttributeError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    len(5)
except TypeError as e:
    print(e)
try:
    undefined_name
except NameError as e:
    print(e)
try:
    [1, 2, 3].index(9)
except ValueError as e:
    print(e)


def uses_before():
    try:
        print(z)
    except UnboundLocalError as e:
        print(e)
    z = 1


uses_before()
