import Autograd
import MiniPy

/// Native bindings: filled in as the torch surface is bound.
enum TensorConstruction {
    static func install(_ ns: TorchNamespaces) {}
}

extension TensorConstruction {
    /// `torch.Tensor(2, 3)` (uninitialised float32 of that shape) or `torch.Tensor([1, 2])`.
    static func legacyConstructor(cls: PyType, args: [Value], kwargs: KeywordArguments) throws -> Value {
        if !kwargs.isEmpty {
            throw PyErr.typeError("new() received an invalid combination of arguments")
        }
        let tensor: Tensor
        if args.count == 1, case .object(let o) = args[0], o is PyList || o is PyTuple {
            throw PyErr.typeError("torch.Tensor(data) is not supported by gradstep; use torch.tensor(data)")
        } else {
            let shape = try args.map { try intArgument($0, "size") }
            tensor = try rethrowingTorch { try Tensor.zeros(shape) }
        }
        return .object(PyTensor(tensor, type: cls))
    }
}
