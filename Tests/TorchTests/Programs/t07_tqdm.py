# tqdm wraps any iterable; the bar goes to stderr, the loop's own prints to stdout.
import torch
from tqdm import tqdm

total = 0
for i in tqdm(range(5), desc="sum"):
    total += i
print(total)
bar = tqdm(total=3, leave=False)
for step in range(3):
    bar.update(1)
    bar.set_postfix(loss=1.0 / (step + 1), step=step)
bar.close()
print(bar.n, bar.total)
with tqdm([torch.tensor(1.0), torch.tensor(2.0)], desc="tensors") as progress:
    values = [t.item() * 2 for t in progress]
print(values, len(progress))
