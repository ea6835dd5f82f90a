import Autograd
import MiniPy

/// Native bindings: filled in as the torch surface is bound.
enum NNFunctions {
    static func install(_ ns: TorchNamespaces) {}
}
