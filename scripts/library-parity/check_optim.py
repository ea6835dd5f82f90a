import torch, math
import gst.optim as go
from gst.optim import lr_scheduler as gls

def run(make_real, make_mine, steps=25):
    torch.manual_seed(0)
    w0 = torch.randn(5, 3)
    ws = []
    for make in (make_real, make_mine):
        w = w0.clone().requires_grad_(True)
        opt = make([w])
        for i in range(steps):
            opt.zero_grad()
            loss = ((w * torch.arange(15.).view(5, 3).sin()) ** 2).sum() + w.abs().sum()
            loss.backward()
            opt.step()
        ws.append(w.detach())
    return torch.equal(ws[0], ws[1]), (ws[0] - ws[1]).abs().max().item()

cases = {
 "sgd": dict(lr=0.01),
 "sgd mom": dict(lr=0.01, momentum=0.9),
 "sgd nesterov wd": dict(lr=0.01, momentum=0.9, nesterov=True, weight_decay=0.01),
 "sgd damp max": dict(lr=0.01, momentum=0.5, dampening=0.1, maximize=True),
}
for name, kw in cases.items():
    print(name, run(lambda p: torch.optim.SGD(p, **kw), lambda p: go.SGD(p, **kw)))
for name, kw in {"adam": dict(lr=0.05), "adam wd ams": dict(lr=0.05, weight_decay=0.1, amsgrad=True)}.items():
    print(name, run(lambda p: torch.optim.Adam(p, **kw), lambda p: go.Adam(p, **kw)))
print("adamw", run(lambda p: torch.optim.AdamW(p, lr=0.05, weight_decay=0.1), lambda p: go.AdamW(p, lr=0.05, weight_decay=0.1)))
print("adamw ams", run(lambda p: torch.optim.AdamW(p, lr=0.05, amsgrad=True), lambda p: go.AdamW(p, lr=0.05, amsgrad=True)))
for kw in [dict(lr=0.01), dict(lr=0.01, momentum=0.9, centered=True, weight_decay=0.1)]:
    print("rmsprop", kw, run(lambda p: torch.optim.RMSprop(p, **kw), lambda p: go.RMSprop(p, **kw)))
for kw in [dict(lr=0.1), dict(lr=0.1, lr_decay=0.01, weight_decay=0.1, initial_accumulator_value=0.1)]:
    print("adagrad", kw, run(lambda p: torch.optim.Adagrad(p, **kw), lambda p: go.Adagrad(p, **kw)))

p = torch.zeros(1, requires_grad=True)
print(repr(torch.optim.SGD([p], lr=0.1, momentum=0.9)) == repr(go.SGD([p], lr=0.1, momentum=0.9)))
print(repr(torch.optim.Adam([p])) == repr(go.Adam([p])))
print(repr(torch.optim.AdamW([p])) == repr(go.AdamW([p])))

def sched(real_make, mine_make, opt_real_make, opt_mine_make, n=30, metric=None):
    out = []
    for mk, omk, S in ((real_make, opt_real_make, torch.optim.lr_scheduler), (mine_make, opt_mine_make, gls)):
        q = torch.zeros(1, requires_grad=True)
        opt = omk([q])
        s = mk(S, opt)
        lrs = []
        for i in range(n):
            opt.step()
            if metric: s.step(metric[i % len(metric)])
            else: s.step()
            lrs.append((opt.param_groups[0]["lr"], opt.param_groups[0].get("momentum"), opt.param_groups[0].get("betas")))
        out.append(lrs)
    return out[0] == out[1]

sgd_r = lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)
sgd_m = lambda p: go.SGD(p, lr=0.1, momentum=0.9)
adam_r = lambda p: torch.optim.Adam(p, lr=0.1)
adam_m = lambda p: go.Adam(p, lr=0.1)
specs = {
 "step": lambda S, o: S.StepLR(o, step_size=3, gamma=0.5),
 "multistep": lambda S, o: S.MultiStepLR(o, milestones=[2, 5, 5, 9], gamma=0.3),
 "exp": lambda S, o: S.ExponentialLR(o, gamma=0.9),
 "cos": lambda S, o: S.CosineAnnealingLR(o, T_max=7, eta_min=0.001),
 "cosrestart": lambda S, o: S.CosineAnnealingWarmRestarts(o, T_0=4, T_mult=2, eta_min=0.01),
 "lambda": lambda S, o: S.LambdaLR(o, lambda e: 0.95 ** e),
 "mult": lambda S, o: S.MultiplicativeLR(o, lambda e: 0.9),
 "linear": lambda S, o: S.LinearLR(o, start_factor=0.25, total_iters=6),
 "constant": lambda S, o: S.ConstantLR(o, factor=0.5, total_iters=4),
 "onecycle": lambda S, o: S.OneCycleLR(o, max_lr=1.0, total_steps=30),
 "onecycle3": lambda S, o: S.OneCycleLR(o, max_lr=1.0, total_steps=30, three_phase=True, anneal_strategy="linear"),
 "sequential": lambda S, o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=3), S.CosineAnnealingLR(o, T_max=10)], milestones=[3]),
}
for name, spec in specs.items():
    print("sched", name, sched(spec, spec, sgd_r, sgd_m), sched(spec, spec, adam_r, adam_m))
for kw in [dict(), dict(mode="max", factor=0.5, patience=1, threshold=0.1, threshold_mode="abs", cooldown=1, min_lr=0.01)]:
    print("plateau", kw, sched(lambda S, o: S.ReduceLROnPlateau(o, **kw), lambda S, o: S.ReduceLROnPlateau(o, **kw), sgd_r, sgd_m, metric=[1.0, 0.9, 0.95, 0.97, 0.96, 0.5, 0.6, 0.7, 0.2]))
