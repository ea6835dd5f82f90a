"""Classification metrics, computed as scikit-learn computes them.

Inputs may be lists or 1-D tensors of class labels. Averages over classes follow NumPy's
summation order so that printed values match scikit-learn's.
"""
from sklearn.metrics._array import float_array, int_array


def _as_list(values):
    if hasattr(values, "tolist"):
        values = values.tolist()
    return list(values)


def _check_targets(y_true, y_pred):
    y_true = _as_list(y_true)
    y_pred = _as_list(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError(
            "Found input variables with inconsistent numbers of samples: "
            f"[{len(y_true)}, {len(y_pred)}]"
        )
    return y_true, y_pred


def _numpy_sum(values):
    # NumPy adds float arrays pairwise: below 8 elements in order, otherwise in eight
    # interleaved partial sums that are then combined in pairs.
    n = len(values)
    if n < 8:
        total = 0.0
        for v in values:
            total += v
        return total
    if n <= 128:
        r = [values[i] for i in range(8)]
        i = 8
        while i < n - (n % 8):
            for j in range(8):
                r[j] += values[i + j]
            i += 8
        total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while i < n:
            total += values[i]
            i += 1
        return total
    half = (n // 2) - ((n // 2) % 8)
    return _numpy_sum(values[:half]) + _numpy_sum(values[half:])


def _unique_labels(*lists):
    labels = set()
    for values in lists:
        for v in values:
            labels.add(v)
    return sorted(labels)


def accuracy_score(y_true, y_pred, normalize=True, sample_weight=None):
    """The fraction (or count) of samples predicted correctly."""
    y_true, y_pred = _check_targets(y_true, y_pred)
    correct = [1.0 if t == p else 0.0 for t, p in zip(y_true, y_pred)]
    if sample_weight is not None:
        weights = _as_list(sample_weight)
        hits = _numpy_sum([c * w for c, w in zip(correct, weights)])
        return float(hits / _numpy_sum(weights)) if normalize else float(hits)
    if normalize:
        return float(_numpy_sum(correct) / len(correct))
    return float(_numpy_sum(correct))


def confusion_matrix(y_true, y_pred, labels=None, sample_weight=None, normalize=None):
    """C[i][j] counts samples of true class i predicted as class j."""
    y_true, y_pred = _check_targets(y_true, y_pred)
    if labels is None:
        labels = _unique_labels(y_true, y_pred)
    else:
        labels = _as_list(labels)
        if len(labels) == 0:
            raise ValueError("'labels' should contains at least one label.")
    position = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for t, p in zip(y_true, y_pred):
        if t in position and p in position:
            matrix[position[t]][position[p]] += 1
    return int_array(matrix)


def _counts(y_true, y_pred, labels):
    tp = []
    pred_sum = []
    true_sum = []
    for label in labels:
        tp.append(sum(1 for t, p in zip(y_true, y_pred) if t == label and p == label))
        pred_sum.append(sum(1 for p in y_pred if p == label))
        true_sum.append(sum(1 for t in y_true if t == label))
    return tp, pred_sum, true_sum


def _divide(numerator, denominator, zero_division):
    if denominator == 0:
        if zero_division == "warn" or zero_division is None:
            return 0.0
        return float(zero_division)
    return numerator / denominator


def precision_recall_fscore_support(y_true, y_pred, beta=1.0, labels=None, pos_label=1,
                                    average=None, warn_for=("precision", "recall", "f-score"),
                                    sample_weight=None, zero_division="warn"):
    """Precision, recall, F-beta and support per class or averaged."""
    y_true, y_pred = _check_targets(y_true, y_pred)
    present = _unique_labels(y_true, y_pred)
    if average not in (None, "binary", "micro", "macro", "weighted", "samples"):
        raise ValueError("average has to be one of (None, 'micro', 'macro', 'weighted', 'samples')")
    if average == "binary":
        if len(present) > 2:
            raise ValueError(
                "Target is multiclass but average='binary'. Please choose another average "
                "setting, one of [None, 'micro', 'macro', 'weighted']."
            )
        if pos_label not in present and len(present) >= 2:
            raise ValueError(f"pos_label={pos_label} is not a valid label. It should be one of {present}")
        labels = [pos_label]
    elif labels is None:
        labels = present
    else:
        labels = _as_list(labels)
    tp, pred_sum, true_sum = _counts(y_true, y_pred, labels)
    if average == "micro":
        tp = [sum(tp)]
        pred_sum = [sum(pred_sum)]
        true_sum = [sum(true_sum)]
    beta2 = beta * beta
    precision = [_divide(t, p, zero_division) for t, p in zip(tp, pred_sum)]
    recall = [_divide(t, s, zero_division) for t, s in zip(tp, true_sum)]
    f_score = [_divide((1 + beta2) * t, beta2 * s + p, zero_division)
               for t, s, p in zip(tp, true_sum, pred_sum)]
    if average == "weighted":
        weights = [float(s) for s in true_sum]
        total = _numpy_sum(weights)
        if total == 0:
            return 0.0, 0.0, 0.0, None

        def averaged(values):
            return _numpy_sum([v * w for v, w in zip(values, weights)]) / total
    else:
        def averaged(values):
            return _numpy_sum(values) / len(values)
    if average is not None:
        return float(averaged(precision)), float(averaged(recall)), float(averaged(f_score)), None
    return float_array(precision), float_array(recall), float_array(f_score), int_array(true_sum)


def precision_score(y_true, y_pred, labels=None, pos_label=1, average="binary",
                    sample_weight=None, zero_division="warn"):
    """tp / (tp + fp)."""
    return precision_recall_fscore_support(y_true, y_pred, labels=labels, pos_label=pos_label,
                                           average=average, zero_division=zero_division)[0]


def recall_score(y_true, y_pred, labels=None, pos_label=1, average="binary",
                 sample_weight=None, zero_division="warn"):
    """tp / (tp + fn)."""
    return precision_recall_fscore_support(y_true, y_pred, labels=labels, pos_label=pos_label,
                                           average=average, zero_division=zero_division)[1]


def fbeta_score(y_true, y_pred, beta, labels=None, pos_label=1, average="binary",
                sample_weight=None, zero_division="warn"):
    """(1 + beta^2) tp / ((1 + beta^2) tp + beta^2 fn + fp)."""
    return precision_recall_fscore_support(y_true, y_pred, beta=beta, labels=labels,
                                           pos_label=pos_label, average=average,
                                           zero_division=zero_division)[2]


def f1_score(y_true, y_pred, labels=None, pos_label=1, average="binary", sample_weight=None,
             zero_division="warn"):
    """The harmonic mean of precision and recall."""
    return fbeta_score(y_true, y_pred, 1.0, labels=labels, pos_label=pos_label, average=average,
                       zero_division=zero_division)


def classification_report(y_true, y_pred, labels=None, target_names=None, sample_weight=None,
                          digits=2, output_dict=False, zero_division="warn"):
    """scikit-learn's text table of per-class and averaged precision, recall and F1."""
    y_true, y_pred = _check_targets(y_true, y_pred)
    if labels is None:
        labels = _unique_labels(y_true, y_pred)
        micro_is_accuracy = True
    else:
        labels = _as_list(labels)
        micro_is_accuracy = set(labels) >= set(_unique_labels(y_true, y_pred))
    if target_names is None:
        target_names = [str(label) for label in labels]
    elif len(labels) != len(target_names):
        raise ValueError(
            "Number of classes, {}, does not match size of target_names, {}. Try specifying the "
            "labels parameter".format(len(labels), len(target_names))
        )
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=None,
                                                 zero_division=zero_division)
    rows = list(zip(target_names, p.tolist(), r.tolist(), f.tolist(), s.tolist()))
    headings = ["accuracy" if micro_is_accuracy else "micro avg", "macro avg", "weighted avg"]
    if output_dict:
        report = {}
        for name, pi, ri, fi, si in rows:
            report[name] = {"precision": pi, "recall": ri, "f1-score": fi, "support": si}
    headers = ["precision", "recall", "f1-score", "support"]
    width = max(max(len(n) for n in target_names), len("weighted avg"), digits)
    text = ("{:>{width}s} " + " {:>9}" * len(headers)).format("", *headers, width=width)
    text += "\n\n"
    row_format = "{:>{width}s} " + " {:>9.{digits}f}" * 3 + " {:>9}\n"
    for row in rows:
        text += row_format.format(*row, width=width, digits=digits)
    text += "\n"
    support = s.sum()
    for heading in headings:
        average = heading[:-len(" avg")] if heading.endswith(" avg") else "micro"
        values = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=average,
                                                 zero_division=zero_division)
        if output_dict:
            if heading == "accuracy":
                report[heading] = values[0]
            else:
                report[heading] = {"precision": values[0], "recall": values[1],
                                   "f1-score": values[2], "support": support}
        elif heading == "accuracy":
            accuracy_format = "{:>{width}s} " + " {:>9.{digits}}" * 2 + " {:>9.{digits}f}" + " {:>9}\n"
            text += accuracy_format.format(heading, "", "", values[2], support, width=width,
                                           digits=digits)
        else:
            text += row_format.format(heading, values[0], values[1], values[2], support,
                                      width=width, digits=digits)
    if output_dict:
        return report
    return text
