"""tqdm: a progress bar on stderr, in tqdm's format.

Like tqdm with disable=None, the bar stays silent when stderr is not a terminal, so piped
output and test transcripts are not cluttered; pass disable=False to force it.
"""
import sys
import time


def _format_interval(seconds):
    minutes, s = divmod(int(seconds), 60)
    hours, m = divmod(minutes, 60)
    if hours:
        return f"{hours:d}:{m:02d}:{s:02d}"
    return f"{m:02d}:{s:02d}"


def _format_rate(rate, unit):
    if rate is None:
        return f"?{unit}/s"
    if rate < 1 and rate > 0:
        return f"{1 / rate:5.2f}s/{unit}"
    return f"{rate:5.2f}{unit}/s"


class tqdm:
    """Wraps an iterable and redraws a progress bar as items are taken from it."""

    def __init__(self, iterable=None, desc=None, total=None, leave=True, file=None, ncols=None,
                 mininterval=0.1, disable=None, unit="it", position=None, postfix=None,
                 dynamic_ncols=False, **kwargs):
        self.iterable = iterable
        self.desc = desc or ""
        if total is None and iterable is not None and hasattr(iterable, "__len__"):
            total = len(iterable)
        self.total = total
        self.leave = leave
        self.file = file if file is not None else sys.stderr
        self.ncols = ncols
        self.unit = unit
        self.n = 0
        self.postfix = ""
        if disable is None:
            disable = not (hasattr(self.file, "isatty") and self.file.isatty())
        self.disable = disable
        self.start_t = time.time()
        self._closed = False
        if postfix is not None:
            self.set_postfix(postfix, refresh=False)
        self.refresh()

    def __len__(self):
        return self.total if self.total is not None else len(self.iterable)

    def __iter__(self):
        return _TqdmIterator(self, iter(self.iterable))

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()

    def update(self, n=1):
        """Advance the count by n and redraw."""
        self.n += n
        self.refresh()

    def set_description(self, desc=None, refresh=True):
        self.desc = desc or ""
        if refresh:
            self.refresh()

    def set_postfix(self, ordered_dict=None, refresh=True, **kwargs):
        """Show key=value pairs after the bar (floats with 3 significant digits)."""
        items = dict(ordered_dict) if ordered_dict is not None else {}
        items.update(kwargs)
        parts = []
        for key, value in items.items():
            if isinstance(value, float):
                value = f"{value:.3g}"
            parts.append(f"{key}={value}")
        self.postfix = ", ".join(parts)
        if refresh:
            self.refresh()

    def format_meter(self):
        elapsed = time.time() - self.start_t
        rate = self.n / elapsed if elapsed > 0 else None
        prefix = self.desc + ": " if self.desc else ""
        postfix = ", " + self.postfix if self.postfix else ""
        if self.total:
            fraction = min(self.n / self.total, 1.0)
            remaining = (self.total - self.n) / rate if rate else None
            width = 10
            filled = int(fraction * width)
            bar = "█" * filled + " " * (width - filled)
            remaining_text = _format_interval(remaining) if remaining is not None else "?"
            return (f"{prefix}{fraction * 100:3.0f}%|{bar}| {self.n}/{self.total} "
                    f"[{_format_interval(elapsed)}<{remaining_text}, {_format_rate(rate, self.unit)}{postfix}]")
        return f"{prefix}{self.n}{self.unit} [{_format_interval(elapsed)}, {_format_rate(rate, self.unit)}{postfix}]"

    def refresh(self):
        if self.disable or self._closed:
            return
        self.file.write("\r" + self.format_meter())
        self.file.flush()

    def close(self):
        if self._closed:
            return
        if not self.disable:
            self.refresh()
            self.file.write("\n" if self.leave else "\r")
            self.file.flush()
        self._closed = True

    def write(self, text, file=None):
        target = file if file is not None else sys.stdout
        target.write(text + "\n")


class _TqdmIterator:
    def __init__(self, bar, inner):
        self.bar = bar
        self.inner = inner
        self.started = False

    def __iter__(self):
        return self

    def __next__(self):
        if self.started:
            self.bar.update(1)
        self.started = True
        try:
            return next(self.inner)
        except StopIteration:
            self.bar.close()
            raise


def trange(*args, **kwargs):
    """tqdm(range(*args), **kwargs)."""
    return tqdm(range(*args), **kwargs)
