"""tqdm.auto: the same bar."""
from tqdm import tqdm, trange
