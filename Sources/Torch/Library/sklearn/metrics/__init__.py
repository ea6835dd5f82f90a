"""sklearn.metrics: accuracy, precision, recall, F1, confusion matrix, classification report."""
from sklearn.metrics._classification import (accuracy_score, classification_report,
                                             confusion_matrix, f1_score, fbeta_score,
                                             precision_recall_fscore_support, precision_score,
                                             recall_score)
