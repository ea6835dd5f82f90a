"""Lesson 2 — the training loop, one phase at a time.

Every training loop has the same five beats:
  forward    outputs = model(inputs)
  loss       loss = criterion(outputs, labels)
  zero_grad  optimizer.zero_grad()      clear last batch's gradients
  backward   loss.backward()            fill .grad of every parameter
  step       optimizer.step()           move each parameter against its gradient
The debugger labels each stop with its phase. Watch the loss fall, then watch what
goes wrong when zero_grad is left out.
"""
import torch
import torch.nn as nn

torch.manual_seed(0)

# A tiny problem: four points, two classes.
inputs = torch.tensor([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
labels = torch.tensor([1, 1, 0, 0])

model = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 2))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)

model.train()
for epoch in range(5):
    # forward: the model turns inputs into one score per class.
    outputs = model(inputs)
    # loss: one number saying how wrong the scores are.
    loss = criterion(outputs, labels)
    # zero_grad: forget the gradients of the previous batch.
    optimizer.zero_grad()
    # backward: compute d(loss)/d(parameter) for every parameter.
    loss.backward()
    # graph: loss --grads
    # step: w <- w - lr * w.grad for every parameter.
    optimizer.step()
    print(f"epoch {epoch}: loss {loss.item():.4f}")

# The same loop without zero_grad. The gradient of the previous batch is still in .grad
# when backward starts, and backward *adds* the new one to it: the "gradient" grows with
# every batch, and so do the steps.
weight = model[0].weight
for batch in range(3):
    loss = criterion(model(inputs), labels)
    before = weight.grad.norm().item()
    loss.backward()
    print(f"batch {batch}: grad norm before backward {before:.4f}, after {weight.grad.norm().item():.4f}")
    optimizer.step()
