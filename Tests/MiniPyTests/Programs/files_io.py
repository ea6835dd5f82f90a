

path = "/tmp/minipy_test_file.txt"
with open(path, "w") as f:
    f.write("line one\n")
    f.write("line two\n")
    print("third", file=f)
with open(path, "a") as f:
    f.write("appended\n")
with open(path) as f:
    print(repr(f.read()))
with open(path) as f:
    for i, line in enumerate(f):
        print(i, line.rstrip())
with open(path) as f:
    print(f.readline(), end="")
    print(f.readlines())
f = open(path)
print(f.closed, len(f.read().splitlines()))
f.close()
print(f.closed)
try:
    open("definitely_missing_file.txt")
except FileNotFoundError as e:
    print(type(e).__name__, e)

