# scikit-learn's classification metrics on lists and tensors.
import torch
from sklearn.metrics import (accuracy_score, classification_report, confusion_matrix, f1_score,
                             precision_score, recall_score)

y_true = [0, 1, 2, 2, 1, 0, 2, 2, 1, 0, 0, 2]
y_pred = [0, 2, 2, 2, 1, 0, 1, 2, 1, 1, 0, 2]
print(accuracy_score(y_true, y_pred), accuracy_score(y_true, y_pred, normalize=False))
for avg in ["micro", "macro", "weighted", None]:
    print(avg, precision_score(y_true, y_pred, average=avg), recall_score(y_true, y_pred, average=avg), f1_score(y_true, y_pred, average=avg))
print(confusion_matrix(y_true, y_pred))
print(confusion_matrix(y_true, y_pred).tolist())
print(classification_report(y_true, y_pred))
print(classification_report(y_true, y_pred, target_names=["cat", "dog", "bird"], digits=3))
bt = torch.tensor([1, 0, 1, 1, 0, 1])
bp = torch.tensor([1, 0, 0, 1, 1, 1])
print(precision_score(bt, bp), recall_score(bt, bp), f1_score(bt, bp))
print(f1_score([0, 0, 1], [0, 0, 0], zero_division=0))
print(f"{f1_score(y_true, y_pred, average='macro'):.4f}")
