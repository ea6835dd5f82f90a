"""torch.utils.data: datasets, samplers and the DataLoader that batches them."""
from torch.utils.data.dataset import Dataset, TensorDataset, Subset, ConcatDataset, random_split
from torch.utils.data.sampler import (Sampler, SequentialSampler, RandomSampler, BatchSampler,
                                      SubsetRandomSampler, WeightedRandomSampler)
from torch.utils.data._utils.collate import default_collate
from torch.utils.data.dataloader import DataLoader
