class TrainingError(Exception):
    def __init__(self, epoch, loss):
        super().__init__(f"loss diverged at epoch {epoch}: {loss}")
        self.epoch = epoch
        self.loss = loss


class ShapeError(ValueError):
    pass


def train():
    for epoch in range(5):
        loss = 10 ** epoch
        if loss > 100:
            raise TrainingError(epoch, loss)


try:
    train()
except TrainingError as e:
    print(e)
    print(e.epoch, e.loss, e.args)
    print(repr(e))
try:
    raise ShapeError("bad shape", (2, 3))
except ValueError as e:
    print(type(e).__name__, e.args, str(e))


class Quiet(Exception):
    def __str__(self):
        return "quiet!"


print(str(Quiet()), repr(Quiet("x")))
e = None
try:
    raise RuntimeError("x")
except RuntimeError as err:
    e = err
print(type(e).__name__)
