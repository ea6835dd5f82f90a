"""Small NumPy-like arrays that print as NumPy prints them: what scikit-learn's metrics return
(a confusion matrix, per-class scores with average=None)."""


def _float_cells(values):
    # NumPy's default float printing: at most 8 fraction digits, trailing zeros dropped,
    # then every value padded so the decimal points line up.
    texts = []
    for v in values:
        text = f"{v:.8f}".rstrip("0")
        texts.append(text)
    int_width = max(len(t.split(".")[0]) for t in texts)
    frac_width = max(len(t.split(".")[1]) for t in texts)
    cells = []
    for t in texts:
        whole, frac = t.split(".")
        cells.append(whole.rjust(int_width) + "." + frac.ljust(frac_width))
    return cells


def _int_cells(values):
    width = max(len(str(v)) for v in values)
    return [str(v).rjust(width) for v in values]


def _wrap(cells, separator, first_prefix, next_prefix, closing, width):
    # NumPy's rule: a value moves to a new line when the line so far plus the value would
    # pass the width available for values (the line width less room for the bracket).
    lines = []
    line = first_prefix
    for i, cell in enumerate(cells):
        if len(line) + len(cell) > width and line.strip():
            lines.append(line.rstrip())
            line = next_prefix
        line += cell
        if i < len(cells) - 1:
            line += separator
    lines.append(line + closing)
    return "\n".join(lines)


class NDArray:
    """A 1-D or 2-D array of ints or floats with NumPy's str/repr, tolist, shape, indexing."""

    def __init__(self, data, is_float):
        self.data = data
        self.is_float = is_float

    @property
    def ndim(self):
        return 2 if self.data and isinstance(self.data[0], list) else 1

    @property
    def shape(self):
        if self.ndim == 2:
            return (len(self.data), len(self.data[0]))
        return (len(self.data),)

    def tolist(self):
        if self.ndim == 2:
            return [list(row) for row in self.data]
        return list(self.data)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        if isinstance(index, tuple):
            return self.data[index[0]][index[1]]
        item = self.data[index]
        if isinstance(item, list):
            return NDArray(item, self.is_float)
        return item

    def __iter__(self):
        return iter([self[i] for i in range(len(self.data))])

    def sum(self):
        if self.ndim == 2:
            return sum(sum(row) for row in self.data)
        return sum(self.data)

    def _cells(self):
        flat = [v for row in self.data for v in row] if self.ndim == 2 else list(self.data)
        if not flat:
            return []
        cells = _float_cells(flat) if self.is_float else _int_cells(flat)
        if self.ndim == 1:
            return cells
        columns = len(self.data[0])
        return [cells[i:i + columns] for i in range(0, len(cells), columns)]

    def __str__(self):
        cells = self._cells()
        if self.ndim == 1:
            return _wrap(cells, " ", "[", " ", "]", 74)
        rows = [_wrap(row, " ", " [", "  ", "]", 73)[1:] for row in cells]
        return "[" + "\n ".join(rows) + "]"

    def __repr__(self):
        cells = self._cells()
        if self.ndim == 1:
            return _wrap(cells, ", ", "array([", "       ", "])", 73)
        rows = [_wrap(row, ", ", "       [", "        ", "]", 72)[7:] for row in cells]
        return "array([" + ",\n       ".join(rows) + "])"


def int_array(data):
    """An int array (rows of ints, or a flat list)."""
    return NDArray(data, False)


def float_array(data):
    """A float array."""
    return NDArray([float(v) for v in data], True)
