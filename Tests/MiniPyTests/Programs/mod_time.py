import time

start = time.perf_counter()
t0 = time.time()
time.sleep(0.01)
elapsed = time.perf_counter() - start
print(elapsed >= 0.005, type(elapsed).__name__, time.time() >= t0, t0 > 1.6e9)
print(time.monotonic() <= time.monotonic())
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError:", e)
