x = 3.14159
n = 42
p = 0.1234
name = "gradstep"
items = [1, 2]
print(f"{x:.4f} {x:.2e} {n:>5} {n:<5}| {n:^7}| {p:.1%} {1234567:,} {n:08.3f}")
print(f"{name!r} {name!s} {name:>10} {name=} {n=} {x=:.2f}")
print(f"{items} {items[0] + 1} {'nested'} {n * 2:d} {n:x} {n:b} {-n:+d}")
print(f"{{literal}} {n}{n}")
width = 8
print(f"{x:{width}.2f}|")
print(f"{True} {None} {1e-7} {100.0} {2**0.5}")
