"""Lesson 7 — accuracy can lie.

On imbalanced data a model that always predicts the common class scores a high accuracy
and is useless. Macro F1 averages the F1 score of every class, so the rare class counts as
much as the common one. Pick the metric that matches what the task cares about.
"""
from sklearn.metrics import accuracy_score, classification_report, confusion_matrix, f1_score

# 95 healthy (0), 5 sick (1).
y_true = [0] * 95 + [1] * 5
lazy = [0] * 100                                  # always "healthy"
careful = [0] * 88 + [1] * 7 + [1] * 4 + [0] * 1  # some false alarms, finds 4 of 5 sick

for name, pred in [("lazy", lazy), ("careful", careful)]:
    acc = accuracy_score(y_true, pred)
    macro = f1_score(y_true, pred, average="macro", zero_division=0)
    print(f"{name:8} accuracy {acc:.3f}   macro F1 {macro:.3f}")

# Rows are the true class, columns the prediction: the lazy model never finds a sick case.
print(confusion_matrix(y_true, lazy))
print(confusion_matrix(y_true, careful))
print(classification_report(y_true, careful, target_names=["healthy", "sick"], digits=3))
