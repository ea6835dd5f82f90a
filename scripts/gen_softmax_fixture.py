"""Writes Tests/AutogradTests/Fixtures/softmax.json: float32 softmax / log_softmax forward and
backward results, and cross_entropy losses and gradients, from PyTorch's CPU kernels, as raw
bit patterns, for random inputs.

Run with a PyTorch install on an x86-64 AVX2 machine: python scripts/gen_softmax_fixture.py
"""
import json
import os

import torch

torch.manual_seed(1234)
cases = []


def bits(t):
    return t.contiguous().view(torch.int32).reshape(-1).tolist()


def add(shape, dim, scale):
    x = (torch.randn(shape) * scale).requires_grad_(True)
    g = torch.randn(shape)
    case = {"shape": list(shape), "dim": dim, "input": bits(x.detach()), "grad": bits(g)}
    for name, fn in (("softmax", torch.softmax), ("log_softmax", torch.log_softmax)):
        y = fn(x, dim)
        (gx,) = torch.autograd.grad(y, x, g)
        case[name] = bits(y.detach())
        case[name + "_backward"] = bits(gx)
    cases.append(case)


for size in range(1, 41):
    add((5, size), 1, [1.0, 3.0, 10.0][size % 3])
for size in (1, 2, 3, 7, 8, 9, 16, 17, 33):
    add((3, size, 4), 1, 2.0)
    add((2, 5, size), 1, 2.0)
    add((size, 6), 0, 2.0)
add((4, 3), 1, 1.0)

# float64: the same kernels with 4-lane vectors.
cases64 = []
for size in range(1, 41, 3):
    for shape, dim in (((3, size), 1), ((size, 5), 0), ((2, size, 3), 1)):
        x = (torch.randn(shape, dtype=torch.float64) * 4).requires_grad_(True)
        g = torch.randn(shape, dtype=torch.float64)
        case = {"shape": list(shape), "dim": dim, "input": x.detach().view(torch.int64).reshape(-1).tolist(),
                "grad": g.view(torch.int64).reshape(-1).tolist()}
        for name, fn in (("softmax", torch.softmax), ("log_softmax", torch.log_softmax)):
            y = fn(x, dim)
            (gx,) = torch.autograd.grad(y, x, g)
            case[name] = y.detach().contiguous().view(torch.int64).reshape(-1).tolist()
            case[name + "_backward"] = gx.contiguous().view(torch.int64).reshape(-1).tolist()
        cases64.append(case)

# cross_entropy with class-index targets (some ignored), with and without class weights.
losses = []
for trial in range(30):
    rows, classes = trial % 37 + 1, trial % 9 + 2
    x = (torch.randn(rows, classes) * 3).requires_grad_(True)
    t = torch.randint(0, classes, (rows,))
    if trial % 4 == 1:
        t[0] = -100
    w = torch.rand(classes) + 0.5
    for reduction in ("mean", "sum", "none"):
        for weight in (None, w):
            loss = torch.nn.functional.cross_entropy(x, t, weight=weight, reduction=reduction)
            (gx,) = torch.autograd.grad(loss.sum(), x)
            losses.append({"shape": [rows, classes], "input": bits(x.detach()), "target": t.tolist(),
                           "weight": None if weight is None else bits(weight), "reduction": reduction,
                           "loss": bits(loss.detach()), "grad": bits(gx)})

out = os.path.join(os.path.dirname(__file__), "..", "Tests", "AutogradTests", "Fixtures", "softmax.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cpu": torch.backends.cpu.get_cpu_capability(), "cases": cases, "cases64": cases64, "cross_entropy": losses}, f)
