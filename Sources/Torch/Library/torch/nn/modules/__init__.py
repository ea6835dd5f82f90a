"""The layers and losses of torch.nn, gathered in one place."""
from torch.nn.modules.module import Module
from torch.nn.modules.linear import Identity, Linear
from torch.nn.modules.activation import (ELU, GELU, LeakyReLU, LogSoftmax, ReLU, SiLU, Sigmoid,
                                         Softmax, Tanh)
from torch.nn.modules.container import ModuleDict, ModuleList, Sequential
from torch.nn.modules.dropout import Dropout
from torch.nn.modules.flatten import Flatten, Unflatten
from torch.nn.modules.batchnorm import BatchNorm1d, BatchNorm2d
from torch.nn.modules.normalization import LayerNorm
from torch.nn.modules.sparse import Embedding
from torch.nn.modules.conv import Conv2d
from torch.nn.modules.pooling import AdaptiveAvgPool2d, AvgPool2d, MaxPool2d
from torch.nn.modules.loss import (BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss,
                                   KLDivLoss, L1Loss, MSELoss, NLLLoss, SmoothL1Loss)
