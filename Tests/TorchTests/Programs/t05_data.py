# Datasets, samplers and DataLoader batching, shuffling and collation.
import torch
from torch.utils.data import (DataLoader, Dataset, RandomSampler, SequentialSampler, Subset,
                              TensorDataset, random_split)


class Squares(Dataset):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return {"x": float(i), "y": i * i, "name": f"item{i}"}


ds = Squares(7)
print(len(ds), ds[3])
loader = DataLoader(ds, batch_size=3)
for batch in loader:
    print(batch["x"], batch["y"], batch["name"])
x = torch.arange(20).float().view(10, 2)
y = torch.arange(10) % 3
tds = TensorDataset(x, y)
print(len(tds), tds[4])
torch.manual_seed(0)
for epoch in range(2):
    print(epoch, [yb.tolist() for _, yb in DataLoader(tds, batch_size=4, shuffle=True)])
torch.manual_seed(0)
shuffled = DataLoader(tds, batch_size=4, shuffle=True)
print([xb.shape for xb, _ in shuffled])
print(len(shuffled), len(DataLoader(tds, batch_size=4, drop_last=True)))
g = torch.Generator()
g.manual_seed(7)
print([idx for idx in RandomSampler(range(6), generator=g)])
print(list(SequentialSampler(range(4))))
torch.manual_seed(1)
train, val = random_split(tds, [0.8, 0.2])
print(len(train), len(val), train.indices, val.indices)
sub = Subset(tds, [9, 0])
print(sub[0], sub[1][1])
pairs = DataLoader([(1, 2.5), (3, 4.5), (5, 6.5)], batch_size=2)
print([b for b in pairs])
print(DataLoader(tds, batch_size=5, collate_fn=lambda items: len(items)).__iter__().__next__())
torch.manual_seed(3)
print(torch.rand(2))
