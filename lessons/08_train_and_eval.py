"""Lesson 8 — what model.train() and model.eval() change.

Two layers behave differently in training and in evaluation. Dropout zeroes random
activations while training (and scales the rest up), and does nothing in eval. BatchNorm
normalises with the statistics of the current batch while training (and updates its running
averages), and with those running averages in eval. Forgetting model.eval() before
validating gives noisy, batch-dependent predictions.
"""
import torch
import torch.nn as nn

torch.manual_seed(0)
x = torch.tensor([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0], [0.0, 0.0, 6.0], [2.0, 4.0, 2.0]])

bn = nn.BatchNorm1d(3)
print("training:", bn.training, "| running_mean:", bn.running_mean, "| running_var:", bn.running_var)
# Training mode: each column normalised by this batch's mean and variance...
print(bn(x))
# ... and the running statistics moved 10% (momentum=0.1) towards the batch's.
print("running_mean:", bn.running_mean, "| running_var:", bn.running_var, "| batches seen:", bn.num_batches_tracked)
bn.eval()
# Eval mode: the running statistics are used, so the same input gives a different output.
print(bn(x))

drop = nn.Dropout(p=0.5)
ones = torch.ones(10)
# Training: about half the values are zeroed, the rest doubled so the mean stays near 1.
out = drop(ones)
print("values after dropout in train mode:", sorted(set(out.tolist())))
drop.eval()
print(drop(ones))

model = nn.Sequential(nn.Linear(3, 3), nn.BatchNorm1d(3), nn.Dropout(0.2))
model.eval()
print([type(m).__name__ + ("(train)" if m.training else "(eval)") for m in model.modules()])
