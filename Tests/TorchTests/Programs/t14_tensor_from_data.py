# torch.tensor from nested data: shapes, inferred dtypes, conversions and the error PyTorch
# raises first for each kind of malformed data.
import torch


def show(label, make):
    try:
        t = make()
        print(label, "->", t.dtype, list(t.shape), t.tolist())
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)


deep = 1
for _ in range(128):
    deep = [deep]
deeper = [deep]
rows = [[float(v) for v in "1,2.5,3".split(",")] for _ in range(4)]

show("rows", lambda: torch.tensor([r[:2] for r in rows]) / 2.0)
show("labels", lambda: torch.tensor([int(r[2]) for r in rows]))
show("tuples", lambda: torch.tensor([(1, 2), (3, 4)]))
show("bool and int", lambda: torch.tensor([True, 2]))
show("bool and float", lambda: torch.tensor([[True], [2.5]]))
show("bools", lambda: torch.tensor((True, False)))
show("range", lambda: torch.tensor(range(3)))
show("empty range", lambda: torch.tensor(range(0)))
show("ranges", lambda: torch.tensor([range(2), range(2)]))
show("empty", lambda: torch.tensor([]))
show("empty rows", lambda: torch.tensor([[], []]))
show("empty then one", lambda: torch.tensor([[], [1]]))
show("empty as int64", lambda: torch.tensor([], dtype=torch.int64))
show("0-d tensor inside", lambda: torch.tensor([torch.tensor(1.5), 2]))
show("tensor row", lambda: torch.tensor([[1, 2], torch.tensor([3, 4])]))
show("float64 row", lambda: torch.tensor([[1, 2], torch.tensor([3.0, 4.0], dtype=torch.float64)]))
show("bool tensor", lambda: torch.tensor([torch.tensor([True])]))
show("128 dims, flattened", lambda: torch.tensor(deep).flatten())
show("129 dims", lambda: torch.tensor(deeper))
show("as float64", lambda: torch.tensor([[1, 2], [3, 4]], dtype=torch.float64))
show("floats to int64", lambda: torch.tensor([1.7, -2.7], dtype=torch.int64))
show("floats to bool", lambda: torch.tensor([1.7, 0.0, float("inf")], dtype=torch.bool))
show("bool tensor to float", lambda: torch.tensor([[1], [torch.tensor([True])]], dtype=torch.float32))
show("big int to float", lambda: torch.tensor([2**40], dtype=torch.float32))
show("dict row", lambda: torch.tensor([[1, 2], {1: 2, 3: 4}], dtype=torch.float32))


class FailingRow:
    """Iterates 3, then fails."""

    def __init__(self):
        self.given = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.given += 1
        if self.given > 1:
            raise ValueError("row iterator failed")
        return 3


class NotIterable:
    pass


class BadIter:
    def __iter__(self):
        raise TypeError("iter refused")


class RaisingIter:
    def __iter__(self):
        raise KeyError("iter broke")


show("iterator row", lambda: torch.tensor([[1, 2], iter((3, 4))], dtype=torch.float32))
show("iterator row raising", lambda: torch.tensor([[1, 2], FailingRow()], dtype=torch.float32))
show("object row", lambda: torch.tensor([[1, 2], NotIterable()], dtype=torch.float32))
show("iter raising TypeError", lambda: torch.tensor([[1, 2], BadIter()], dtype=torch.float32))
show("iter raising KeyError", lambda: torch.tensor([[1, 2], RaisingIter()], dtype=torch.float32))
show("ragged", lambda: torch.tensor([[1, 2], [3]]))
show("list in ints", lambda: torch.tensor([1, [2, 3]]))
show("list in floats", lambda: torch.tensor([1.5, [2, 3]]))
show("list in bools", lambda: torch.tensor([True, [2]]))
show("int for a row", lambda: torch.tensor([[1, 2], 3]))
show("0-d tensor for a row", lambda: torch.tensor([[1, 2], torch.tensor(3)]))
show("string", lambda: torch.tensor("ab"))
show("string in list", lambda: torch.tensor(["a"]))
show("empty string", lambda: torch.tensor([""]))
show("int then string", lambda: torch.tensor([1, "a"]))
show("strings as float32", lambda: torch.tensor([["ab"], ["cd"]], dtype=torch.float32))
show("string row as float32", lambda: torch.tensor([[1, 2], "ab"], dtype=torch.float32))
show("None row", lambda: torch.tensor([[1], None]))
show("None row as float32", lambda: torch.tensor([[1], None], dtype=torch.float32))
show("None as float32", lambda: torch.tensor([[1], [None]], dtype=torch.float32))
show("None as int64", lambda: torch.tensor([[1], [None]], dtype=torch.int64))
show("None as bool", lambda: torch.tensor([[1], [None]], dtype=torch.bool))
show("dict as float32", lambda: torch.tensor([{1: 2}], dtype=torch.float32))
show("tensors as rows", lambda: torch.tensor([torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])]))
show("tensor then list", lambda: torch.tensor([torch.tensor([3, 4]), [1.5, 2]]))
show("int tensor to int64", lambda: torch.tensor([torch.tensor([3, 4]), [1, 2]]))
show("float tensor to int64", lambda: torch.tensor([torch.tensor([[2.5]])], dtype=torch.int64))
show("two-value tensor to bool", lambda: torch.tensor([torch.tensor([1, 0])], dtype=torch.bool))
show("overflow int32", lambda: torch.tensor([2**40], dtype=torch.int32))
show("overflow from float", lambda: torch.tensor([1e20], dtype=torch.int64))
show("nan to int64", lambda: torch.tensor([float("nan"), 1], dtype=torch.int64))
show("new_tensor", lambda: torch.zeros(1).new_tensor([[1, 2]]))
show("as_tensor", lambda: torch.as_tensor([[1.5], [2]]))
show("legacy constructor", lambda: torch.Tensor([[1, 2]]))
x = torch.zeros(2, 3)
x[0] = torch.tensor([1, 2, 3])
x[:, 1] = 7
print(x.tolist())
try:
    x[0] = [1, 2, 3]
except TypeError as e:
    print("assign a list:", e)
print(torch.arange(10)[[1, 3, 5]].tolist())
show("float list index", lambda: torch.arange(10)[[1.5]])
