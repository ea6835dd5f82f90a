errors = [ZeroDivisionError, OverflowError, IndexError, KeyError, ValueError, TypeError,
          NotImplementedError, RecursionError, FileNotFoundError, ModuleNotFoundError,
          UnboundLocalError, StopIteration, AttributeError, AssertionError, KeyboardInterrupt]
for e in errors:
    bases = []
    b = e
    while b is not object:
        bases.append(b.__name__)
        b = b.__bases__[0]
    print(" > ".join(bases))
print(issubclass(KeyError, LookupError), issubclass(KeyboardInterrupt, Exception), issubclass(ValueError, (TypeError, Exception)))
try:
    raise IndexError("idx")
except LookupError as e:
    print("lookup caught", type(e).__name__)
try:
    raise KeyboardInterrupt
except Exception:
    print("not here")
except BaseException as e:
    print("base caught", repr(e))
