# Each optimizer on the same small regression: parameters, state and state_dict after steps.
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.randn(16, 3)
y = X @ torch.tensor([[1.5], [-2.0], [0.5]]) + 0.3


def train(make, steps=6):
    torch.manual_seed(1)
    model = nn.Linear(3, 1)
    opt = make(model.parameters())
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(X), y)
        loss.backward()
        opt.step()
        losses.append(round(loss.item(), 5))
    return model, opt, losses


configs = [
    ("SGD", lambda p: torch.optim.SGD(p, lr=0.1)),
    ("SGD momentum", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9)),
    ("SGD nesterov", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-3)),
    ("Adam", lambda p: torch.optim.Adam(p, lr=0.1)),
    ("Adam amsgrad", lambda p: torch.optim.Adam(p, lr=0.1, amsgrad=True, weight_decay=0.01)),
    ("AdamW", lambda p: torch.optim.AdamW(p, lr=0.1)),
    ("RMSprop", lambda p: torch.optim.RMSprop(p, lr=0.01)),
    ("RMSprop centered", lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.5, centered=True)),
    ("Adagrad", lambda p: torch.optim.Adagrad(p, lr=0.5)),
]
for name, make in configs:
    model, opt, losses = train(make)
    print(name, losses)
    print(model.weight.data, model.bias.data)
    state = opt.state[model.weight]
    print(sorted(state.keys()))
model, opt, _ = train(lambda p: torch.optim.Adam(p, lr=0.1))
sd = opt.state_dict()
print(sd["param_groups"])
print(sorted(sd["state"].keys()), sd["state"][0]["step"])
print(opt)
p = torch.zeros(2, requires_grad=True)
opt = torch.optim.SGD([{"params": [p], "lr": 0.5}], lr=0.1, momentum=0.9)
print(opt.param_groups[0]["lr"], opt.param_groups[0]["momentum"])
q = torch.ones(2, requires_grad=True)
opt.add_param_group({"params": [q]})
print(len(opt.param_groups), opt.param_groups[1]["lr"])
try:
    torch.optim.SGD([], lr=0.1)
except ValueError as e:
    print("ValueError:", e)
try:
    torch.optim.SGD([p], lr=-1)
except ValueError as e:
    print("ValueError:", e)
