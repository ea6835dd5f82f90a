import Autograd
import MiniPy

/// Native bindings: filled in as the torch surface is bound.
enum MathFunctions {
    static func install(_ ns: TorchNamespaces) {}
}
