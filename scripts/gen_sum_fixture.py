"""Writes Tests/AutogradTests/Fixtures/sum.json: float32 and float64 `sum` and `mean` results
from PyTorch's CPU kernels, as hex bit patterns, for seeded random inputs of many shapes,
reduction dims and memory layouts (transposed, permuted, sliced, expanded).

Each input is `torch.rand(base, generator=torch.Generator().manual_seed(seed)) * 2 - 1` (or
`* 64` for the all-positive kind), which the tests rebuild exactly, then viewed by `view`.

Run with a PyTorch install; the vectorised kernels are pinned to AVX2 (8 float lanes) to match
the reference machine, and two intra-op threads as it has:
ATEN_CPU_CAPABILITY=avx2 python scripts/gen_sum_fixture.py
"""
import json
import os

os.environ.setdefault("ATEN_CPU_CAPABILITY", "avx2")

import torch  # noqa: E402

# Reductions of 32768 elements or more split across threads; the reference machine has two.
torch.set_num_threads(2)

cases = []


def hexbits(t):
    t = t.detach().contiguous().reshape(-1)
    if t.dtype == torch.float32:
        return ["%08x" % (v & 0xFFFFFFFF) for v in t.view(torch.int32).tolist()]
    return ["%016x" % (v & 0xFFFFFFFFFFFFFFFF) for v in t.view(torch.int64).tolist()]


def make(base, seed, dtype, kind):
    g = torch.Generator().manual_seed(seed)
    r = torch.rand(base, generator=g, dtype=dtype)
    return r * 64 if kind == "positive" else r * 2 - 1


def view(x, v):
    """Applies a view description: [] (none), ["t"], ["permute", dims], ["slice", dim, step],
    ["expand", shape]."""
    if not v:
        return x
    if v[0] == "t":
        return x.t()
    if v[0] == "permute":
        return x.permute(*v[1])
    if v[0] == "slice":
        index = [slice(None)] * x.dim()
        index[v[1]] = slice(None, None, v[2])
        return x[tuple(index)]
    if v[0] == "expand":
        return x.expand(*v[1])
    raise ValueError(v)


def add(base, dims, dtype=torch.float32, v=(), kind="signed", keepdims=(False, True)):
    seed = len(cases) + 1
    x = view(make(base, seed, dtype, kind), list(v))
    for d in dims:
        for keepdim in keepdims if d is not None else (False,):
            # keepdim only changes the output's shape; checking it on small outputs is enough.
            if keepdim and x.sum(d).numel() > 200:
                continue
            if d is None:
                s, m = x.sum(), x.mean()
            else:
                s, m = x.sum(d, keepdim=keepdim), x.mean(d, keepdim=keepdim)
            cases.append({"seed": seed, "base": list(base), "view": list(v), "kind": kind,
                          "dtype": "float32" if dtype == torch.float32 else "float64",
                          "dims": None if d is None else ([d] if isinstance(d, int) else list(d)),
                          "keepdim": keepdim, "shape": list(s.shape),
                          "sum": hexbits(s), "mean": hexbits(m)})
            if d is None and x.numel() > 1:
                # var/std of all elements: the float mean, then squared deviations in double.
                cases[-1]["var"] = hexbits(x.var())
                cases[-1]["std"] = hexbits(x.std())


one_d = list(range(1, 72)) + [100, 127, 128, 129, 255, 256, 257, 300, 511, 512, 513, 777,
                              1000, 1023, 1024, 1025, 2047, 2048, 2049, 3001, 4095, 4096, 4097, 5000]
for n in one_d:
    add((n,), [None, 0], keepdims=(False,))
for n in (33, 300, 1025, 5000):
    add((n,), [None], kind="positive")

two_d = [(1, 1), (3, 5), (5, 3), (7, 33), (33, 7), (8, 8), (16, 16), (17, 31), (31, 17), (64, 64),
         (65, 70), (100, 50), (50, 100), (2, 2500), (2500, 2), (4, 1000), (1000, 4), (9, 129),
         (129, 9), (40, 125), (1, 300), (300, 1), (12, 40), (13, 41)]
for shape in two_d:
    add(shape, [None, 0, 1, -1, (0, 1)] if shape[0] * shape[1] < 2000 else [None, 0, 1])
for shape in [(7, 33), (33, 7), (64, 64), (100, 50), (9, 129), (40, 125), (300, 3)]:
    add(shape, [None, 0, 1], v=("t",))
    add(shape, [None, 0, 1], v=("slice", 1, 2))
    add(shape, [None, 0, 1], v=("slice", 0, 3))
add((50, 100), [None, 0, 1], kind="positive")
add((1, 70), [None, 0, 1], v=("expand", [30, 70]))
add((70, 1), [None, 0, 1], v=("expand", [70, 30]))

three_d = [(3, 5, 7), (4, 16, 33), (10, 20, 25), (2, 3, 800), (17, 9, 13), (8, 1, 40), (1, 50, 1),
           (6, 40, 6), (33, 2, 33)]
for shape in three_d:
    add(shape, [None, 0, 1, 2, (0, 2), (0, 1), (1, 2), (0, 1, 2)])
for shape, perm in [((3, 5, 7), (2, 0, 1)), ((4, 16, 33), (1, 2, 0)), ((10, 20, 25), (2, 1, 0)),
                    ((6, 40, 6), (0, 2, 1))]:
    add(shape, [None, 0, 1, 2, (0, 2), (1, 2)], v=("permute", list(perm)))
add((4, 30, 20), [None, 0, 1, 2, (0, 2)], v=("slice", 2, 3))
add((2, 3, 4, 5), [None, 1, 3, (1, 3), (0, 2), (0, 1, 2)])
add((8, 9, 10, 11), [(0, 2), (1, 3), (0, 3)])

# At 32768 elements and more a full reduction sums each thread's half separately.
for shape in [(32767,), (32768,), (40001,), (115008,), (1797, 64), (64, 1797), (300, 7, 20)]:
    add(shape, [None], keepdims=(False,))
add((1797, 64), [None], v=("t",), keepdims=(False,))
add((70000,), [None], dtype=torch.float64, keepdims=(False,))

# float64: the same kernels with 4-lane vectors.
for n in (1, 3, 4, 5, 7, 8, 15, 16, 17, 31, 63, 64, 65, 129, 1000, 1023, 4097):
    add((n,), [None], dtype=torch.float64, keepdims=(False,))
for shape in [(3, 5), (7, 33), (33, 7), (17, 31), (65, 70), (2, 2500), (1000, 4), (9, 129)]:
    add(shape, [None, 0, 1], dtype=torch.float64)
for shape in [(7, 33), (64, 64)]:
    add(shape, [None, 0, 1], dtype=torch.float64, v=("t",))
for shape in [(3, 5, 7), (10, 20, 25), (6, 40, 6)]:
    add(shape, [None, 0, 1, 2, (0, 2)], dtype=torch.float64)

# mse_loss / l1_loss reduce with the same sum (mean = sum / numel): input from `seed`, target
# from `seed + 1`, both with the signed kind.
losses = []
for i, shape in enumerate([(1,), (7,), (33,), (64, 10), (100, 3), (13, 41), (4, 16, 33), (1000, 4)]):
    for dtype in (torch.float32, torch.float64):
        seed = 10000 + 2 * i
        x, y = make(shape, seed, dtype, "signed"), make(shape, seed + 1, dtype, "signed")
        for reduction in ("mean", "sum"):
            losses.append({"seed": seed, "base": list(shape), "dtype": "float32" if dtype == torch.float32 else "float64",
                           "reduction": reduction,
                           "mse": hexbits(torch.nn.functional.mse_loss(x, y, reduction=reduction)),
                           "l1": hexbits(torch.nn.functional.l1_loss(x, y, reduction=reduction))})

out = os.path.join(os.path.dirname(__file__), "..", "Tests", "AutogradTests", "Fixtures", "sum.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cpu": torch.backends.cpu.get_cpu_capability(), "cases": cases, "losses": losses}, f)
print(len(cases), "cases")
