# nn.Module: registration, traversal, modes, state_dict, hooks, containers and printing.
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.fc = nn.Linear(width, width)
        self.act = nn.ReLU()
        self.register_buffer("calls", torch.zeros(1))

    def forward(self, x):
        self.calls += 1
        return self.act(self.fc(x)) + x


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.inp = nn.Linear(3, 4)
        self.blocks = nn.ModuleList([Block(4) for _ in range(2)])
        self.heads = nn.ModuleDict({"cls": nn.Linear(4, 2), "reg": nn.Linear(4, 1)})
        self.scale = nn.Parameter(torch.ones(1))
        self.note = "plain attribute"

    def forward(self, x):
        h = self.inp(x)
        for block in self.blocks:
            h = block(h)
        return self.heads["cls"](h) * self.scale, self.heads["reg"](h)


torch.manual_seed(0)
net = Net()
print(net)
print([name for name, _ in net.named_parameters()])
print([name for name, _ in net.named_buffers()])
print([name for name, _ in net.named_children()])
print([name for name, _ in net.named_modules()])
print(sum(p.numel() for p in net.parameters()))
print(net.note, hasattr(net, "scale"), isinstance(net.scale, nn.Parameter))
x = torch.tensor([[1.0, -2.0, 0.5], [0.0, 1.0, 2.0]])
cls, reg = net(x)
print(cls)
print(reg)
print(net.blocks[0].calls, net.blocks[1].calls)
net.eval()
print(net.training, net.blocks[0].training, [m.training for m in net.modules()][:3])
net.train()
print(net.training)
net.requires_grad_(False)
print([p.requires_grad for p in net.parameters()][:3])
net.requires_grad_(True)
sd = net.state_dict()
print(list(sd.keys()))
print(sd["inp.bias"])
clone = Net()
print(clone.load_state_dict(sd))
print(torch.equal(clone(x)[0], net(x)[0]))
try:
    clone.load_state_dict({"inp.weight": torch.zeros(4, 3)})
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    clone.load_state_dict({**sd, "inp.weight": torch.zeros(2, 2), "extra": torch.zeros(1)})
except RuntimeError as e:
    print("RuntimeError:", e)
print(clone.load_state_dict({"inp.bias": torch.zeros(4)}, strict=False))

seen = []
handle = net.inp.register_forward_hook(lambda m, inputs, output: seen.append(tuple(output.shape)))
net(x)
handle.remove()
net(x)
print(seen)


def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.constant_(m.weight, 0.5)
        nn.init.zeros_(m.bias)


net.apply(init_weights)
print(net.heads["reg"].weight)
seq = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
print(len(seq), seq[0], seq[-1])
print(seq[1:])
seq.append(nn.Sigmoid())
print(seq)
print(nn.Sequential(nn.Flatten(), nn.Unflatten(1, (2, 3)), nn.Identity(), nn.Dropout(0.25)))
print(nn.Embedding(10, 3), nn.Embedding(10, 3, padding_idx=0))
print(nn.Conv2d(3, 8, 3, padding=1), nn.MaxPool2d(2), nn.AvgPool2d(2, stride=1), nn.AdaptiveAvgPool2d(1))
print(nn.BatchNorm1d(4), nn.BatchNorm2d(8), nn.LayerNorm(5))
print(nn.GELU(), nn.GELU(approximate="tanh"), nn.LeakyReLU(), nn.ELU(alpha=0.5), nn.SiLU(), nn.Softmax(dim=-1))
print(nn.CrossEntropyLoss(label_smoothing=0.1), nn.MSELoss(reduction="sum"))
double = nn.Linear(2, 2).double()
print(double.weight.dtype)
zg = nn.Linear(2, 1)
zg(torch.ones(1, 2)).sum().backward()
print(zg.weight.grad)
zg.zero_grad()
print(zg.weight.grad)
