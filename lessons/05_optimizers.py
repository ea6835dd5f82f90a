"""Lesson 5 — SGD, momentum and Adam on the same problem.

An optimizer turns gradients into parameter updates. Plain SGD steps by lr * grad. Momentum
keeps a running velocity (the momentum_buffer) so steps build up along a consistent slope.
Adam keeps running averages of the gradient (exp_avg) and of its square (exp_avg_sq) and
divides one by the square root of the other: each parameter gets its own step size.
Step into optimizer.step() (`s`) to read the update as PyTorch writes it.
"""
import torch

target = torch.tensor([3.0, -2.0])


def run(name, make_optimizer, steps=30):
    w = torch.zeros(2, requires_grad=True)
    optimizer = make_optimizer([w])
    for _ in range(steps):
        # A long, narrow valley: the second coordinate is 10x steeper than the first.
        loss = (w[0] - target[0]) ** 2 + 10 * (w[1] - target[1]) ** 2
        optimizer.zero_grad()
        loss.backward()
        # graph: loss --grads
        optimizer.step()
    state = optimizer.state[w]
    print(f"{name:8} w = {[round(v, 4) for v in w.tolist()]}  loss {loss.item():.5f}  state {sorted(state.keys())}")
    return optimizer, w


# Plain SGD crawls along the shallow direction: lr is limited by the steep one.
run("SGD", lambda p: torch.optim.SGD(p, lr=0.02))
# Momentum, same lr: velocity builds up along the valley floor.
opt, w = run("momentum", lambda p: torch.optim.SGD(p, lr=0.02, momentum=0.7))
print("velocity:", opt.state[w]["momentum_buffer"])
# Adam: roughly lr-sized steps in every coordinate, whatever its steepness.
opt, w = run("Adam", lambda p: torch.optim.Adam(p, lr=0.2))
print("exp_avg:", opt.state[w]["exp_avg"], "exp_avg_sq:", opt.state[w]["exp_avg_sq"], "step:", opt.state[w]["step"])
