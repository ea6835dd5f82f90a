class AppError(Exception):
    pass


class ConfigError(AppError):
    def __init__(self, key, msg):
        super().__init__(f"{key}: {msg}")
        self.key = key


def risky(kind):
    if kind == 1:
        raise ValueError("bad value")
    if kind == 2:
        return {}["missing"]
    if kind == 3:
        raise ConfigError("lr", "must be positive")
    if kind == 4:
        return [1][5]
    return "ok"


for k in range(5):
    try:
        print(risky(k))
    except ValueError as e:
        print("ValueError", e, e.args)
    except KeyError as e:
        print("KeyError", e, repr(e))
    except AppError as e:
        print(type(e).__name__, e, e.key, isinstance(e, Exception))
    except (IndexError, TypeError) as e:
        print("lookup", e)
    else:
        print("no error")
    finally:
        print("finally", k)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("wrapped")
except RuntimeError as e:
    print(e, type(e.__context__).__name__)

try:
    raise KeyError("k") from ValueError("v")
except KeyError as e:
    print(repr(e), repr(e.__cause__))


def f():
    try:
        return "try"
    finally:
        print("cleanup")


print(f())
try:
    assert 1 == 2, "math is broken"
except AssertionError as e:
    print("assert:", e)
try:
    raise NotImplementedError
except NotImplementedError as e:
    print(repr(e), str(e) == "")
e = Exception("a", 1)
print(e, repr(e), e.args, str(ValueError()), repr(ValueError("x")))
try:
    int("abc")
except ValueError as err:
    print(err)
print("err" in dir() or True)
