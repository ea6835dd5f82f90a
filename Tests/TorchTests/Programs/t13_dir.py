# What dir() shows a learner: a grad_fn's saved values, a module's parameters and submodules.
import torch
import torch.nn as nn

x = torch.randn(3, requires_grad=True)
y = x.exp()
print([n for n in dir(y.grad_fn) if "saved" in n])
z = x * 2.0
print([n for n in dir(z.grad_fn) if "saved" in n])
w = torch.randn(3, requires_grad=True)
print([n for n in dir((x * w).grad_fn) if "saved" in n])
s = x.sum(dim=0)
print([n for n in dir(s.grad_fn) if "saved" in n])
print([n for n in ["next_functions", "name", "register_hook", "metadata"] if n in dir(y.grad_fn)])

model = nn.Sequential(nn.Linear(2, 3), nn.ReLU())
names = dir(model)
print(names == sorted(names))
print([n for n in ["forward", "parameters", "train", "eval", "training", "state_dict"] if n in names])
print([n for n in names if n[0].isdigit()])
layer = nn.Linear(2, 3)
print([n for n in ["weight", "bias", "in_features", "out_features", "forward"] if n in dir(layer)])
