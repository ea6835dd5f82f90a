"""Lesson 1 — tensors that remember how they were made.

A tensor with requires_grad=True is a *leaf*: a number you will want the gradient of.
Every operation on it records a node (its grad_fn) that knows how to send a gradient
back. loss.backward() walks those nodes from the loss down to the leaves and writes
each leaf's .grad.

Step with `n`; on the backward() line, press `s` to walk the nodes one by one.
"""
import torch

# w is a weight we will learn: requires_grad=True asks PyTorch to record every operation
# that uses it. x is an input: no gradient needed.
w = torch.tensor([2.0, -1.0], requires_grad=True)
x = torch.tensor([3.0, 4.0])
print("w is a leaf:", w.is_leaf, "| w.grad_fn:", w.grad_fn, "| x.requires_grad:", x.requires_grad)

# An operation on a leaf makes a non-leaf with a grad_fn: MulBackward0 knows that
# d(w * x)/dw = x.
y = w * x
print("y =", y, "| y is a leaf:", y.is_leaf)

# sum() adds one more node. The tree now reads: SumBackward0 -> MulBackward0 -> w.
loss = y.sum()
print("loss =", loss)
print(loss.grad_fn.name(), "sends its gradient to", [(type(f).__name__, i) for f, i in loss.grad_fn.next_functions])

# backward() runs the tree from the loss down: SumBackward0 sends ones to MulBackward0,
# which multiplies by x, and AccumulateGrad writes the result into w.grad.
loss.backward()
# graph: loss --grads
print("w.grad =", w.grad)

# Gradients *accumulate*: a second backward adds to w.grad instead of replacing it.
# This is why training loops call zero_grad().
loss2 = (w * x).sum()
loss2.backward()
print("w.grad after a second backward =", w.grad)
w.grad = None  # start the next experiment from an empty .grad

# Non-leaves do not keep their .grad unless asked: retain_grad() keeps it.
h = w * 3
h.retain_grad()
out = (h ** 2).sum()
out.backward()
print("h.grad =", h.grad, "| w.grad =", w.grad)

# detach() makes a tensor that shares the numbers but leaves the graph: nothing done
# with it reaches w.
frozen = w.detach()
print("frozen.requires_grad:", frozen.requires_grad, "| (frozen * 2).grad_fn:", (frozen * 2).grad_fn)
