# Every learning-rate scheduler: the lr after each step.
import torch
from torch.optim import lr_scheduler as S


def curve(make, steps=12, lr=0.1, opt_name="SGD", metrics=None):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, momentum=0.9) if opt_name == "SGD" else torch.optim.Adam([p], lr=lr)
    sched = make(opt)
    lrs = []
    for i in range(steps):
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[i])
        lrs.append(round(opt.param_groups[0]["lr"], 8))
    return lrs, sched


for name, make in [
    ("StepLR", lambda o: S.StepLR(o, step_size=3, gamma=0.5)),
    ("MultiStepLR", lambda o: S.MultiStepLR(o, milestones=[2, 5, 9], gamma=0.1)),
    ("ExponentialLR", lambda o: S.ExponentialLR(o, gamma=0.8)),
    ("CosineAnnealingLR", lambda o: S.CosineAnnealingLR(o, T_max=6, eta_min=0.01)),
    ("CosineAnnealingWarmRestarts", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2)),
    ("LambdaLR", lambda o: S.LambdaLR(o, lambda epoch: 1 / (epoch + 1))),
    ("MultiplicativeLR", lambda o: S.MultiplicativeLR(o, lambda epoch: 0.9)),
    ("LinearLR", lambda o: S.LinearLR(o, start_factor=0.2, total_iters=4)),
    ("OneCycleLR", lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=12)),
    ("SequentialLR", lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=3), S.ExponentialLR(o, gamma=0.9)], milestones=[3])),
]:
    lrs, sched = curve(make)
    print(name, lrs)
    print(" last", [round(v, 8) for v in sched.get_last_lr()], sched.last_epoch)
lrs, sched = curve(lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=12), opt_name="Adam")
print("OneCycleLR Adam", lrs, round(sched.optimizer.param_groups[0]["betas"][0], 6))
losses = [1.0, 0.8, 0.81, 0.82, 0.79, 0.85, 0.9, 0.5, 0.51, 0.52, 0.53, 0.54]
lrs, sched = curve(lambda o: S.ReduceLROnPlateau(o, factor=0.5, patience=1), metrics=losses)
print("ReduceLROnPlateau min", lrs, sched.best, sched.num_bad_epochs)
acc = [0.5, 0.6, 0.6, 0.61, 0.6, 0.7, 0.7, 0.7, 0.7, 0.71, 0.71, 0.71]
lrs, sched = curve(lambda o: S.ReduceLROnPlateau(o, mode="max", factor=0.1, patience=2, threshold=0.05, threshold_mode="abs", cooldown=1, min_lr=1e-4), metrics=acc)
print("ReduceLROnPlateau max", lrs)
p = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([p], lr=0.1)
sched = S.StepLR(opt, step_size=2)
print(sorted(sched.state_dict().keys()))
