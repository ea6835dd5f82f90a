"""DataLoader: batches of samples, in sequential or shuffled order, one epoch per `for`."""
import torch
from torch.utils.data.dataset import TensorDataset
from torch.utils.data.sampler import BatchSampler, RandomSampler, SequentialSampler
from torch.utils.data._utils.collate import default_collate


class DataLoader:
    """Iterates over a dataset in batches (torch.utils.data.DataLoader)."""

    def __init__(self, dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None,
                 num_workers=0, collate_fn=None, pin_memory=False, drop_last=False, timeout=0,
                 worker_init_fn=None, generator=None, prefetch_factor=None,
                 persistent_workers=False, pin_memory_device=""):
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError(
                    "batch_sampler option is mutually exclusive with batch_size, shuffle, "
                    "sampler, and drop_last"
                )
            batch_size = None
            drop_last = False
        self.dataset = dataset
        self.num_workers = num_workers
        self.generator = generator
        if sampler is None:
            if shuffle:
                sampler = RandomSampler(dataset, generator=generator)
            else:
                sampler = SequentialSampler(dataset)
        if batch_size is not None and batch_sampler is None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self._uses_default_collate = collate_fn is None
        self.collate_fn = default_collate if collate_fn is None else collate_fn

    def __iter__(self):
        return _DataLoaderIterator(self)

    def __len__(self):
        if self.batch_sampler is not None:
            return len(self.batch_sampler)
        return len(self.sampler)


class _DataLoaderIterator:
    """One epoch of a DataLoader."""

    def __init__(self, loader):
        self._loader = loader
        # PyTorch draws a base seed for worker processes at the start of every epoch, even
        # with no workers; drawing it keeps the global random stream in step with PyTorch.
        torch.empty((), dtype=torch.int64).random_(generator=loader.generator)
        self._batches = None
        self._position = 0

    def __iter__(self):
        return self

    def __next__(self):
        loader = self._loader
        if self._batches is None:
            # Like PyTorch's lazy sampler, the epoch's order is drawn at the first batch.
            if loader.batch_sampler is not None:
                self._batches = list(loader.batch_sampler)
            else:
                self._batches = list(loader.sampler)
        if self._position >= len(self._batches):
            raise StopIteration
        indices = self._batches[self._position]
        self._position += 1
        if loader.batch_sampler is None:
            return loader.dataset[indices]
        dataset = loader.dataset
        if loader._uses_default_collate and type(dataset) is TensorDataset:
            # Indexing each tensor with the whole batch gives the same values as stacking
            # the samples one by one, without a tensor per sample.
            index = torch.tensor(indices)
            return [t[index] for t in dataset.tensors]
        return loader.collate_fn([dataset[i] for i in indices])

    def __len__(self):
        return len(self._loader)
