import sys

print("to stdout")
sys.stdout.write("direct write\n")
print("count:", len(sys.argv) >= 1, file=sys.stdout)
print(type(sys.argv).__name__)
