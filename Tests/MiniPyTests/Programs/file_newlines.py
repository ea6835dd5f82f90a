# Text mode reads: universal newlines by default, open(newline=...) keeps the file's line ends.
import os
path = "/tmp/gradstep_newlines_%d.txt" % os.getpid()
with open(path, "w") as f:
    f.write("a\r\nb\rc\nd\r\n\r\ne→f\rlast")
for newline in [None, "", "\n", "\r", "\r\n"]:
    with open(path, newline=newline) as f:
        print(repr(newline), f.readlines())
    with open(path, newline=newline) as f:
        print(repr(newline), repr(f.read()), [line for line in open(path, newline=newline)])
try:
    open(path, newline="x")
except ValueError as e:
    print(e)
os.remove(path)
