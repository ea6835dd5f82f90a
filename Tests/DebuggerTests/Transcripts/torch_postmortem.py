"""A model whose layers do not fit together."""
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(2, 1))
x = torch.ones(5, 4)
out = model(x)
print(out)
