"""torch.utils: data loading."""
from torch.utils import data
