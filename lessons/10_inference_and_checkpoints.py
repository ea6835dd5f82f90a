"""Lesson 10 — inference, validation and checkpoints.

At inference time nothing will call backward(), so recording the graph is wasted work:
torch.no_grad() switches recording off (outputs have no grad_fn). A validation loop runs
in eval mode under no_grad, keeps the best model's state_dict, and at the end the best
weights are loaded back to write predictions to a submission file.
"""
import torch
import torch.nn as nn
from lessonlib import load_digits

X, y = load_digits()
X_train, y_train = X[:1200], y[:1200]
X_val, y_val = X[1200:1500], y[1200:1500]
X_test = X[1500:]

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
optimizer = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
criterion = nn.CrossEntropyLoss()

# Under no_grad, no graph is recorded: no grad_fn, no memory kept for backward.
with torch.no_grad():
    out = model(X_val[:2])
print(out.requires_grad, out.grad_fn)
torch.set_grad_enabled(False)
print(model(X_val[:2]).requires_grad)
torch.set_grad_enabled(True)

best_acc = 0.0
best_state = None
for epoch in range(8):
    model.train()
    optimizer.zero_grad()
    loss = criterion(model(X_train), y_train)
    loss.backward()
    # graph: loss --grads
    optimizer.step()
    # Validation: eval mode, no graph.
    model.eval()
    with torch.no_grad():
        acc = (model(X_val).argmax(dim=1) == y_val).float().mean().item()
    print(f"epoch {epoch}: train loss {loss.item():.4f}  val acc {acc:.4f}")
    if acc > best_acc:
        best_acc = acc
        # clone() so later training steps do not change the saved copy.
        best_state = {k: v.clone() for k, v in model.state_dict().items()}

torch.save(best_state, "best_model.pt")
restored = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
restored.load_state_dict(torch.load("best_model.pt"))
restored.eval()
with torch.no_grad():
    predictions = restored(X_test).argmax(dim=1)
with open("submission.csv", "w") as f:
    f.write("id,label\n")
    for i, label in enumerate(predictions.tolist()):
        f.write(f"{i},{label}\n")
print(f"best val acc {best_acc:.4f}; wrote {len(predictions)} predictions")
with open("submission.csv") as f:
    print(f.read().splitlines()[:4])
