// Tensors as Python objects.
//
// A `PyTensor` is the Python face of an Autograd `Tensor`: `torch.Tensor`, or
// `torch.nn.Parameter` when a module registers it. Wrappers are made as results are
// returned; methods that return their receiver (in-place ops) return the same wrapper, and
// `.grad` keeps one wrapper per gradient tensor, so `p.grad is p.grad` holds as in PyTorch.
import Autograd
import MiniPy

/// A tensor seen from Python.
public final class PyTensor: PyObject {
    /// The tensor.
    public let tensor: Tensor
    /// The wrapper last returned for `.grad`, reused while the gradient is the same tensor.
    var gradObject: PyTensor?

    /// Wraps `tensor` as an instance of `type` (`torch.Tensor` unless a subclass is asked for).
    public init(_ tensor: Tensor, type: PyType = TorchTypes.tensor) {
        self.tensor = tensor
        super.init(type: type)
        // Leaves that require grad are remembered so `AccumulateGrad.variable` can return them.
        if tensor.isLeaf && tensor.requiresGrad { GradFnRegistry.rememberLeaf(self) }
    }

    /// True for `nn.Parameter` (and Python subclasses of it).
    public var isParameter: Bool { type.isSubtype(of: TorchTypes.parameter) }
}

/// The native Python types of the torch library.
public enum TorchTypes {
    /// `torch.Tensor`.
    nonisolated(unsafe) public static let tensor = PyType(
        name: "Tensor", base: BuiltinTypes.object, module: "torch",
        constructor: { interp, cls, args, kwargs in
            try TensorConstruction.legacyConstructor(interp, cls: cls, args: args, kwargs: kwargs)
        })

    /// `torch.nn.Parameter`: a tensor a module registers; requires grad by default.
    nonisolated(unsafe) public static let parameter = PyType(
        name: "Parameter", base: tensor, module: "torch.nn.parameter",
        constructor: { _, cls, args, kwargs in
            let bound = try NativeArguments("Parameter", args, kwargs, names: ["data", "requires_grad"])
            let data = try bound["data"].map { try $0.isNone ? Tensor.empty([0]) : tensorArgument($0, "data") }
                ?? Tensor.empty([0])
            let requiresGrad = try bound["requires_grad"].map { try boolArgument($0, "requires_grad") } ?? true
            // A parameter is a fresh leaf sharing the data's storage.
            let leaf = data.detach()
            try rethrowingTorch { try leaf.setRequiresGrad(requiresGrad) }
            return .object(PyTensor(leaf, type: cls))
        })
}

/// Wraps a tensor as a Python value.
@inline(__always)
public func wrap(_ tensor: Tensor) -> Value {
    .object(PyTensor(tensor))
}

/// Wraps a list of tensors as a Python tuple.
public func wrapTuple(_ tensors: [Tensor]) -> Value {
    .tuple(tensors.map(wrap))
}

/// Wraps an optional tensor (nil becomes None).
public func wrap(_ tensor: Tensor?) -> Value {
    tensor.map(wrap) ?? .none
}
