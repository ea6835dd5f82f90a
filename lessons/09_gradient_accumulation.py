"""Lesson 9 — gradient accumulation.

When a big batch does not fit in memory, run it as N micro-batches: call backward() on
each (gradients add up in .grad) and step once. Divide each micro-batch loss by N so the
sum of the gradients equals the big batch's mean-loss gradient.
"""
import torch
import torch.nn as nn

torch.manual_seed(3)
model = nn.Linear(5, 2)
x = torch.randn(8, 5)
y = torch.randn(8, 2)
criterion = nn.MSELoss()

# One big batch of 8.
model.zero_grad()
criterion(model(x), y).backward()
big = model.weight.grad.clone()

# Four micro-batches of 2, each loss divided by 4, no zero_grad in between.
model.zero_grad()
accumulation_steps = 4
for i in range(accumulation_steps):
    xb, yb = x[i * 2:(i + 1) * 2], y[i * 2:(i + 1) * 2]
    loss = criterion(model(xb), yb) / accumulation_steps
    loss.backward()
    # graph: loss --grads
    print(f"after micro-batch {i}: grad norm {model.weight.grad.norm().item():.4f}")

print(f"big batch grad norm:    {big.norm().item():.4f}")
print("equal:", torch.allclose(big, model.weight.grad, atol=1e-6))
