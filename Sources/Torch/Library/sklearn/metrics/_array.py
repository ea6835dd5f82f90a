"""A small integer matrix that prints as NumPy prints arrays (what confusion_matrix returns)."""


class IntArray:
    """Rows of ints with NumPy's repr/str, tolist(), shape and indexing."""

    def __init__(self, rows):
        self.rows = [list(r) for r in rows]

    @property
    def shape(self):
        return (len(self.rows), len(self.rows[0]) if self.rows else 0)

    def tolist(self):
        return [list(r) for r in self.rows]

    def __getitem__(self, index):
        if isinstance(index, tuple):
            return self.rows[index[0]][index[1]]
        return self.rows[index]

    def __len__(self):
        return len(self.rows)

    def __iter__(self):
        return iter(self.tolist())

    def sum(self):
        return sum(sum(r) for r in self.rows)

    def _cells(self):
        width = max([len(str(v)) for r in self.rows for v in r] + [1])
        return [[str(v).rjust(width) for v in r] for r in self.rows]

    def __str__(self):
        lines = ["[" + " ".join(r) + "]" for r in self._cells()]
        return "[" + "\n ".join(lines) + "]"

    def __repr__(self):
        lines = ["[" + ", ".join(r) + "]" for r in self._cells()]
        return "array([" + ",\n       ".join(lines) + "])"
