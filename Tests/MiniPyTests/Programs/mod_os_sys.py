import os
import os.path
import sys
from os.path import join, splitext

# A folder of this process's own, so runs side by side (or one left behind) never meet;
# messages print it as BASE so the expected output does not depend on the number.
base = "/tmp/gradstep_mod_os_test_%d" % os.getpid()


def shown(error):
    return str(error).replace(base, "BASE")


os.makedirs(join(base, "a", "b"), exist_ok=True)
os.makedirs(join(base, "a", "b"), exist_ok=True)
try:
    os.makedirs(join(base, "a"))
except FileExistsError as e:
    print("FileExistsError:", shown(e))
with open(join(base, "a", "notes.txt"), "w") as f:
    f.write("hi\n")
print(sorted(os.listdir(join(base, "a"))))
print(os.path.exists(base), os.path.isdir(join(base, "a")), os.path.isfile(join(base, "a", "notes.txt")))
print(os.path.exists(join(base, "nope")), os.path.isfile(join(base, "a")))
print(os.path.getsize(join(base, "a", "notes.txt")))
print(os.path.basename("/data/train.csv"), os.path.dirname("/data/train.csv"), splitext("model.tar.gz"))
print(os.path.split("a/b/c"), os.path.join("a", "b", "c.txt"), os.path.join("a", "/abs", "x"))
print(os.path.normpath("a//b/./c/../d"), os.path.isabs("/x"), os.path.abspath("/x/../y"))
os.remove(join(base, "a", "notes.txt"))
os.rmdir(join(base, "a", "b"))
os.rmdir(join(base, "a"))
os.rmdir(base)
print(os.path.exists(base))
try:
    os.listdir(join(base, "gone"))
except FileNotFoundError as e:
    print("FileNotFoundError:", shown(e))
try:
    os.remove(join(base, "gone.txt"))
except OSError as e:
    print(type(e).__name__ + ":", e.errno, e.strerror, e.filename.replace(base, "BASE"))
print(os.sep, os.name, type(os.getcwd()).__name__, os.getpid() > 1, os.environ.get("GRADSTEP_SURELY_UNSET", "unset"))
print(os.getenv("GRADSTEP_SURELY_UNSET"), os.getenv("GRADSTEP_SURELY_UNSET", "fallback"))

print(sys.version_info[0], sys.version_info >= (3, 8), sys.maxsize == 9223372036854775807, type(sys.argv).__name__)
print("to stdout", file=sys.stdout)
sys.stdout.write("written directly\n")
try:
    sys.exit(3)
except SystemExit as e:
    print("SystemExit:", e.code)
sys.exit(0)
