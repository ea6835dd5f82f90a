# The PyTorch side of GradStepBench's `ops` and `sgemm` workloads, for scripts/bench.py.
#
# Run it with a Python that has torch (a scratch venv; GradStep does not depend on it):
#     PYTHON scripts/bench/torch_ops.py [--human]
# It prints one line per figure, tab-separated: name, value, unit, clock, label; the names
# match what `.build/release/GradStepBench --tsv` prints so the two can be divided.
# Same tensors (values, shapes, float32), same measuring scheme: a warm-up, then five
# chunks of at least 40 ms each, the median chunk's time per call.
import sys
import time

import torch

CHUNKS = 5
CHUNK_SECONDS = 0.04


def filled(*shape):
    """The tensor GradStepBench builds: the same varied values, float32."""
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([((i * 7919) % 1000) / 500 - 1 for i in range(n)], dtype=torch.float32).reshape(shape)


def per_call(body, clock):
    """Nanoseconds per call of `body`: median over chunks, each long enough to time."""
    for _ in range(20):
        body()
    iterations = 1
    while True:
        start = clock()
        for _ in range(iterations):
            body()
        if clock() - start >= CHUNK_SECONDS * 1e9:
            break
        iterations *= 2
    times = []
    for _ in range(CHUNKS):
        start = clock()
        for _ in range(iterations):
            body()
        times.append((clock() - start) / iterations)
    times.sort()
    return times[len(times) // 2]


def cpu():
    return time.thread_time_ns()


def wall():
    return time.perf_counter_ns()


results = []


def record(name, value, unit, clock, label):
    results.append((name, value, unit, clock, label))


def ops():
    a, b, w = filled(32, 64), filled(32, 64), filled(64, 64)
    record("ops.add", per_call(lambda: a + b, cpu), "ns", "cpu", "add 32x64")
    record("ops.matmul", per_call(lambda: a @ w, cpu), "ns", "cpu", "matmul 32x64 @ 64x64")
    record("ops.relu", per_call(lambda: torch.relu(a), cpu), "ns", "cpu", "relu 32x64")
    logits = filled(32, 10).requires_grad_(True)
    target = torch.tensor([i % 10 for i in range(32)])

    def cross_entropy():
        torch.nn.functional.cross_entropy(logits, target).backward()

    record("ops.cross_entropy", per_call(cross_entropy, cpu), "ns", "cpu", "cross_entropy 32x10 fwd+bwd")
    x = filled(32, 64).requires_grad_(True)
    record("ops.add_graph", per_call(lambda: x + b, cpu), "ns", "cpu", "add 32x64 with graph")


def sgemm():
    default_threads = torch.get_num_threads()
    for n in (256, 1024):
        m1, m2 = filled(n, n), filled(n, n)
        flops = 2.0 * n * n * n
        # Default threads: wall time, since the work is spread over several threads.
        ns = per_call(lambda: torch.mm(m1, m2), wall)
        record(f"sgemm.{n}.threads", flops / ns, "GFLOP/s", "wall",
               f"sgemm {n}x{n}, {default_threads} threads")
        torch.set_num_threads(1)
        ns = per_call(lambda: torch.mm(m1, m2), cpu)
        record(f"sgemm.{n}.single", flops / ns, "GFLOP/s", "cpu", f"sgemm {n}x{n}, 1 thread")
        torch.set_num_threads(default_threads)


def main():
    only = None
    for arg in sys.argv[1:]:
        if arg.startswith("--only="):
            only = arg[len("--only="):]
    if only is None or "ops".startswith(only) or only.startswith("ops"):
        ops()
    if only is None or "sgemm".startswith(only) or only.startswith("sgemm"):
        sgemm()
    human = "--human" in sys.argv
    for name, value, unit, clock, label in results:
        if human:
            print(f"{label:48}{value:12.1f} {unit} ({clock})")
        else:
            print(f"{name}\t{value:.3f}\t{unit}\t{clock}\t{label}")


main()
