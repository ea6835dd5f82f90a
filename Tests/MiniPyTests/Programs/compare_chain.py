x = 5
print(0 < x < 10, 0 < x > 10, 1 < 2 < 3 < 4, 1 == 1.0 == True)
print("a" < "b", "abc" < "abd", [1, 2] < [1, 3], (1, 2) <= (1, 2), [1, 2] == [1, 2])
print(None is None, x is not None, 3 in [1, 2, 3], "b" in "abc", "z" not in "abc", 2 in {1: 1, 2: 2})
print(1 and 2, 0 and 2, 0 or 3, "" or "x", None or 0, [] or [1])
print(not 0, not [], not [0], bool(""), bool("x"), bool(0.0))
print(x if x > 3 else -x, "yes" if [] else "no")
print(1 != 2, 1 != 1.0, {1, 2} == {2, 1}, {"a": 1} == {"a": 1}, (1,) == [1])
