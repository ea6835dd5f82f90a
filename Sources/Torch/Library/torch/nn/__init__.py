"""torch.nn: layers, losses and the Module class that holds them together."""
from torch.nn.parameter import Parameter
from torch.nn import functional
from torch.nn import init
from torch.nn.modules import (AdaptiveAvgPool2d, AvgPool2d, BatchNorm1d, BatchNorm2d, BCELoss,
                              BCEWithLogitsLoss, Conv2d, CrossEntropyLoss, Dropout, ELU,
                              Embedding, Flatten, GELU, HuberLoss, Identity, KLDivLoss, L1Loss,
                              LayerNorm, LeakyReLU, Linear, LogSoftmax, MaxPool2d, Module,
                              ModuleDict, ModuleList, MSELoss, NLLLoss, ReLU, Sequential, SiLU,
                              Sigmoid, SmoothL1Loss, Softmax, Tanh, Unflatten)
from torch.nn import utils
