"""Lesson 13 — the mistakes everyone makes once, and PyTorch's messages for them.

Each mistake below is caught with try/except and its message printed. Read the message,
then the comment above it: the messages are precise once you know what they mean.
"""
import torch
import torch.nn as nn

w = torch.tensor([1.0, 2.0], requires_grad=True)

# 1. backward twice: the first backward frees the values saved for it.
loss = (w * w).sum()
# graph: loss --saved
loss.backward()
try:
    loss.backward()
except RuntimeError as e:
    print("1.", str(e)[:80], "...")

# 2. Forgetting zero_grad: gradients add up across backward calls.
w.grad = None
for _ in range(3):
    (w * 2).sum().backward()
print("2. grad after 3 backwards without zero_grad:", w.grad)

# 3. Reading .grad of a non-leaf: it is not kept unless you call retain_grad().
h = w * 3
h.sum().backward()
print("3. non-leaf grad:", h.grad, "| leaf grad:", w.grad)

# 4. Changing a leaf in place while it requires grad.
try:
    w += 1
except RuntimeError as e:
    print("4.", e)
with torch.no_grad():
    w += 1  # the right way: outside the graph, as optimizers do
print("   updated under no_grad:", w)

# 5. Evaluating without no_grad: it works, but records a graph you will never use.
model = nn.Linear(2, 1)
print("5. output records a graph:", model(torch.ones(1, 2)).grad_fn is not None)
with torch.no_grad():
    print("   under no_grad:", model(torch.ones(1, 2)).grad_fn)

# 6. A shape mismatch: the layer expects 2 features, the batch has 3.
try:
    model(torch.ones(4, 3))
except RuntimeError as e:
    print("6.", e)

# 7. Class ids as floats: cross-entropy wants integer (long) targets.
try:
    nn.CrossEntropyLoss()(torch.randn(3, 4), torch.tensor([1.0, 0.0, 3.0]))
except RuntimeError as e:
    print("7.", e)
