"""Anomaly detection: backward checks every node's outputs for NaN and names the node."""
import torch


class detect_anomaly:
    """Context manager (or decorator) that turns anomaly detection on inside it."""

    def __init__(self, check_nan=True):
        self.prev = torch.is_anomaly_enabled()
        self.check_nan = check_nan

    def __enter__(self):
        self.prev = torch.is_anomaly_enabled()
        torch._C._set_anomaly_enabled(True)

    def __exit__(self, exc_type, exc_value, traceback):
        torch._C._set_anomaly_enabled(self.prev)
        return False

    def __call__(self, func):
        def decorate(*args, **kwargs):
            with detect_anomaly(self.check_nan):
                return func(*args, **kwargs)

        return decorate


class set_detect_anomaly:
    """Sets anomaly detection at once; used with `with`, the previous mode returns on exit."""

    def __init__(self, mode, check_nan=True):
        self.prev = torch.is_anomaly_enabled()
        self.mode = mode
        torch._C._set_anomaly_enabled(mode)

    def __enter__(self):
        pass

    def __exit__(self, exc_type, exc_value, traceback):
        torch._C._set_anomaly_enabled(self.prev)
        return False
