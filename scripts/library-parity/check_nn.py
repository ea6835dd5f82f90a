import torch, torch.nn as rnn
import gst.nn.modules as gm
from gst.utils.data import DataLoader as GDL, TensorDataset as GTD, random_split as grs
import gsk.metrics as gmet
import sklearn.metrics as smet

def same(a, b, label):
    print(label, a == b)
    if a != b: print("  real:", repr(a)); print("  mine:", repr(b))

for seed in [0, 1, 42]:
    torch.manual_seed(seed); r = rnn.Sequential(rnn.Linear(4, 3), rnn.ReLU(), rnn.Linear(3, 2), rnn.Conv2d(1, 2, 3), rnn.BatchNorm1d(3), rnn.LayerNorm(3), rnn.Embedding(5, 2, padding_idx=0))
    s1 = torch.get_rng_state()
    torch.manual_seed(seed); m = gm.Sequential(gm.Linear(4, 3), gm.ReLU(), gm.Linear(3, 2), gm.Conv2d(1, 2, 3), gm.BatchNorm1d(3), gm.LayerNorm(3), gm.Embedding(5, 2, padding_idx=0))
    s2 = torch.get_rng_state()
    rs, ms = r.state_dict(), m.state_dict()
    same(list(rs.keys()), list(ms.keys()), f"keys {seed}")
    print("values", all(torch.equal(rs[k], ms[k]) for k in rs), torch.equal(s1, s2))
same(repr(r), repr(m), "repr seq")
class RNet(rnn.Module):
    def __init__(self):
        super().__init__(); self.fc1 = rnn.Linear(4, 8); self.drop = rnn.Dropout(0.2); self.body = rnn.ModuleList([rnn.Linear(8, 8) for _ in range(3)] + [rnn.Tanh()]); self.d = rnn.ModuleDict({"a": rnn.GELU(), "b": rnn.LeakyReLU(0.2)}); self.pool = rnn.MaxPool2d(2); self.ap = rnn.AvgPool2d(3, 1); self.aa = rnn.AdaptiveAvgPool2d((1, 1)); self.f = rnn.Flatten(); self.sm = rnn.Softmax(dim=1); self.lsm = rnn.LogSoftmax(1); self.elu = rnn.ELU(); self.silu = rnn.SiLU(); self.sig = rnn.Sigmoid(); self.id = rnn.Identity()
        self.losses = rnn.ModuleList([rnn.CrossEntropyLoss(), rnn.MSELoss(), rnn.BCEWithLogitsLoss(), rnn.NLLLoss(), rnn.L1Loss(), rnn.SmoothL1Loss(), rnn.HuberLoss(), rnn.KLDivLoss(), rnn.BCELoss()])
        self.c2 = rnn.Conv2d(4, 8, (3, 5), stride=2, padding=1, groups=2, bias=False); self.bn2 = rnn.BatchNorm2d(8); self.ln = rnn.LayerNorm([2, 3]); self.uf = rnn.Unflatten(1, (2, 4))
class MNet(gm.Module):
    def __init__(self):
        super().__init__(); self.fc1 = gm.Linear(4, 8); self.drop = gm.Dropout(0.2); self.body = gm.ModuleList([gm.Linear(8, 8) for _ in range(3)] + [gm.Tanh()]); self.d = gm.ModuleDict({"a": gm.GELU(), "b": gm.LeakyReLU(0.2)}); self.pool = gm.MaxPool2d(2); self.ap = gm.AvgPool2d(3, 1); self.aa = gm.AdaptiveAvgPool2d((1, 1)); self.f = gm.Flatten(); self.sm = gm.Softmax(dim=1); self.lsm = gm.LogSoftmax(1); self.elu = gm.ELU(); self.silu = gm.SiLU(); self.sig = gm.Sigmoid(); self.id = gm.Identity()
        self.losses = gm.ModuleList([gm.CrossEntropyLoss(), gm.MSELoss(), gm.BCEWithLogitsLoss(), gm.NLLLoss(), gm.L1Loss(), gm.SmoothL1Loss(), gm.HuberLoss(), gm.KLDivLoss(), gm.BCELoss()])
        self.c2 = gm.Conv2d(4, 8, (3, 5), stride=2, padding=1, groups=2, bias=False); self.bn2 = gm.BatchNorm2d(8); self.ln = gm.LayerNorm([2, 3]); self.uf = gm.Unflatten(1, (2, 4))
RNet.__name__ = "Net"; MNet.__name__ = "Net"
torch.manual_seed(3); rn = RNet(); torch.manual_seed(3); mn = MNet()
same(repr(rn), repr(mn), "repr net")
same([n for n, _ in rn.named_parameters()], [n for n, _ in mn.named_parameters()], "named_parameters")
same([n for n, _ in rn.named_buffers()], [n for n, _ in mn.named_buffers()], "named_buffers")
same([n for n, _ in rn.named_modules()], [n for n, _ in mn.named_modules()], "named_modules")
same(list(rn.state_dict().keys()), list(mn.state_dict().keys()), "state keys")
print("sd equal", all(torch.equal(a, b) for a, b in zip(rn.state_dict().values(), mn.state_dict().values())))
for bad in [{"fc1.weight": torch.zeros(8, 4)}, dict(list(rn.state_dict().items()) + [("extra", torch.zeros(1))]), {**rn.state_dict(), "fc1.weight": torch.zeros(3, 3)}]:
    try: rn.load_state_dict(bad); e1 = None
    except Exception as e: e1 = (type(e).__name__, str(e))
    try: mn.load_state_dict(bad); e2 = None
    except Exception as e: e2 = (type(e).__name__, str(e))
    same(e1, e2, "load error")
same(repr(rn.load_state_dict(rn.state_dict())), repr(mn.load_state_dict(rn.state_dict())), "load ok")
same(repr(rn.load_state_dict({}, strict=False)), repr(mn.load_state_dict({}, strict=False)), "load nonstrict")
rn.eval(); mn.eval(); same([m.training for m in rn.modules()], [m.training for m in mn.modules()], "eval")
x = torch.randn(5, 3)
rbn, mbn = rnn.BatchNorm1d(3), gm.BatchNorm1d(3)
for _ in range(3):
    a, b = rbn(x), mbn(x)
print("bn", torch.equal(a, b), torch.equal(rbn.running_var, mbn.running_var), mbn.num_batches_tracked)
rbn.eval(); mbn.eval(); print("bn eval", torch.equal(rbn(x), mbn(x)))
# data loader order and rng
X = torch.arange(23).float().unsqueeze(1); Y = torch.arange(23)
torch.manual_seed(0)
rl = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, Y), batch_size=5, shuffle=True)
ro = [[yb.tolist() for _, yb in rl] for _ in range(3)]; rs = torch.rand(2)
torch.manual_seed(0)
ml = GDL(GTD(X, Y), batch_size=5, shuffle=True)
mo = [[yb.tolist() for _, yb in ml] for _ in range(3)]; ms = torch.rand(2)
same(ro, mo, "loader order"); print("rng after", torch.equal(rs, ms))
same(len(rl), len(ml), "len")
ml2 = GDL(GTD(X, Y), batch_size=5, drop_last=True); rl2 = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X, Y), batch_size=5, drop_last=True)
same([b[1].tolist() for b in rl2], [b[1].tolist() for b in ml2], "seq droplast")
same(len(rl2), len(ml2), "len droplast")
g1 = torch.Generator().manual_seed(5); g2 = torch.Generator().manual_seed(5)
same([s.indices for s in torch.utils.data.random_split(range(10), [0.3, 0.7], generator=g1)], [s.indices for s in grs(range(10), [0.3, 0.7], generator=g2)], "random_split")
ds = [(torch.tensor([1.0, 2.0]), 3), (torch.tensor([4.0, 5.0]), 6)]
a = torch.utils.data.default_collate(ds); from gst.utils.data import default_collate as gdc; b = gdc(ds)
same(repr(a), repr(b), "collate")
dd = [{"x": 1.5, "y": 2}, {"x": 2.5, "y": 3}]
same(repr(torch.utils.data.default_collate(dd)), repr(gdc(dd)), "collate dict")
# metrics
import random
random.seed(1)
for trial in range(20):
    k = random.choice([2, 3, 5, 10])
    yt = [random.randrange(k) for _ in range(random.randint(5, 60))]
    yp = [random.randrange(k) for _ in yt]
    for avg in ["macro", "micro", "weighted", None] + (["binary"] if k == 2 else []):
        for fn in ["precision_score", "recall_score", "f1_score"]:
            import warnings; warnings.simplefilter("ignore")
            r = getattr(smet, fn)(yt, yp, average=avg, zero_division=0)
            m = getattr(gmet, fn)(yt, yp, average=avg, zero_division=0)
            if avg is None:
                if str(r) != str(m) or repr(r) != repr(m): print('METRIC MISMATCH printing', str(r), str(m), repr(r), repr(m))
                r = [float(v) for v in r]; m = m.tolist()
            if r != m: print("METRIC MISMATCH", fn, avg, r, m)
    if smet.accuracy_score(yt, yp) != gmet.accuracy_score(yt, yp): print("ACC MISMATCH")
    if smet.confusion_matrix(yt, yp).tolist() != gmet.confusion_matrix(yt, yp).tolist(): print("CM MISMATCH")
    if smet.classification_report(yt, yp, zero_division=0) != gmet.classification_report(yt, yp, zero_division=0):
        print("REPORT MISMATCH"); print(smet.classification_report(yt, yp, zero_division=0)); print(gmet.classification_report(yt, yp, zero_division=0)); break
print("metrics done")
same(repr(smet.confusion_matrix([0,1,1,2],[0,1,2,2])), repr(gmet.confusion_matrix([0,1,1,2],[0,1,2,2])), "cm repr")
same(str(smet.confusion_matrix([0,1,1,2]*5,[0,1,2,2]*5)), str(gmet.confusion_matrix([0,1,1,2]*5,[0,1,2,2]*5)), "cm str")
