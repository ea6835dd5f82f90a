// Python operators on tensors: arithmetic with reflected and in-place forms, comparisons,
// bitwise operators on bool/int tensors, unary minus and abs().
import Autograd
import MiniPy

/// The operator slots of `torch.Tensor`.
enum TensorOperators {
    static func install() {
        binary("__add__", { try $0.add($1) }, { try $0.add($1) })
        binary("__radd__", { try $1.add($0) }, { try $0.add($1) })
        binary("__sub__", { try $0.sub($1) }, { try $0.sub($1) })
        binary("__rsub__", { try $1.sub($0) }, { try $0.rsub($1) })
        binary("__mul__", { try $0.mul($1) }, { try $0.mul($1) })
        binary("__rmul__", { try $1.mul($0) }, { try $0.mul($1) })
        binary("__truediv__", { try $0.div($1) }, { try $0.div($1) })
        binary("__rtruediv__", { try $1.div($0) }, { try $0.rdiv($1) })
        binary("__floordiv__", { try $0.floorDivide($1) }, { try $0.floorDivide($1) })
        binary("__rfloordiv__", { try $1.floorDivide($0) }, { try Operand.scalar($1).asTensor.floorDivide($0) })
        binary("__mod__", { try $0.remainder($1) }, { try $0.remainder($1) })
        binary("__rmod__", { try $1.remainder($0) }, { try Operand.scalar($1).asTensor.remainder($0) })
        binary("__pow__", { try $0.pow($1) }, { try $0.pow($1) })
        binary("__rpow__", { try $1.pow($0) }, { try $0.rpow($1) })
        binary("__matmul__", { a, b in try NNFunctions.namingKernel("mm") { try a.matmul(b) } }, nil)
        binary("__rmatmul__", { a, b in try NNFunctions.namingKernel("mm") { try b.matmul(a) } }, nil)
        binary("__eq__", { try $0.eq($1) }, { try $0.eq($1) })
        binary("__ne__", { try $0.ne($1) }, { try $0.ne($1) })
        binary("__lt__", { try $0.lt($1) }, { try $0.lt($1) })
        binary("__le__", { try $0.le($1) }, { try $0.le($1) })
        binary("__gt__", { try $0.gt($1) }, { try $0.gt($1) })
        binary("__ge__", { try $0.ge($1) }, { try $0.ge($1) })
        for (name, op) in [("and", "&"), ("or", "|"), ("xor", "^")] {
            binary("__\(name)__", { try $0.bitwise($1, op) }, { try $0.bitwise(Operand.scalar($1).asTensor, op) })
            binary("__r\(name)__", { try $1.bitwise($0, op) }, { try $0.bitwise(Operand.scalar($1).asTensor, op) })
            inPlace("__i\(name)__", { try $0.copy_(try $0.bitwise($1, op)) }, { try $0.copy_(try $0.bitwise(Operand.scalar($1).asTensor, op)) })
        }
        inPlace("__iadd__", { try $0.add_($1) }, { try $0.add_($1) })
        inPlace("__isub__", { try $0.sub_($1) }, { try $0.sub_($1) })
        inPlace("__imul__", { try $0.mul_($1) }, { try $0.mul_($1) })
        inPlace("__itruediv__", { try $0.div_($1) }, { try $0.div_($1) })
        inPlace("__ipow__", { try $0.pow_($1) }, { try $0.pow_($1) })
        inPlace("__ifloordiv__", { try $0.copy_(try $0.floorDivide($1)) }, { try $0.copy_(try $0.floorDivide($1)) })
        inPlace("__imod__", { try $0.copy_(try $0.remainder($1)) }, { try $0.copy_(try $0.remainder($1)) })
        let type = TorchTypes.tensor
        type.define("__neg__") { _, args, _ in wrap(try rethrowingTorch { try selfTensor(args, "__neg__").neg() }) }
        type.define("__pos__") { _, args, _ in _ = try selfTensor(args, "__pos__"); return args[0] }
        type.define("__abs__") { _, args, _ in wrap(try rethrowingTorch { try selfTensor(args, "__abs__").abs() }) }
        type.define("__invert__") { _, args, _ in wrap(try rethrowingTorch { try selfTensor(args, "__invert__").bitwiseNot() }) }
    }

    /// Defines an operator slot: tensor ⊕ tensor and tensor ⊕ number; anything else is
    /// NotImplemented so Python tries the reflected form (and `==` falls back to identity).
    private static func binary(_ name: String, _ withTensor: @escaping (Tensor, Tensor) throws -> Tensor,
                               _ withScalar: ((Tensor, Scalar) throws -> Tensor)?) {
        TorchTypes.tensor.define(name) { _, args, _ in
            guard args.count == 2, case .object(let o) = args[0], let a = o as? PyTensor else { return .notImplemented }
            switch args[1] {
            case .object(let p):
                guard let b = p as? PyTensor else { return .notImplemented }
                return wrap(try rethrowingTorch { try withTensor(a.tensor, b.tensor) })
            case .int(let i):
                guard let withScalar else { return .notImplemented }
                return wrap(try rethrowingTorch { try withScalar(a.tensor, .int(Int64(i))) })
            case .float(let d):
                guard let withScalar else { return .notImplemented }
                return wrap(try rethrowingTorch { try withScalar(a.tensor, .double(d)) })
            case .bool(let b):
                guard let withScalar else { return .notImplemented }
                return wrap(try rethrowingTorch { try withScalar(a.tensor, .bool(b)) })
            default:
                return .notImplemented
            }
        }
    }

    /// Defines an in-place operator slot (`+=`): mutates the receiver and returns it.
    private static func inPlace(_ name: String, _ withTensor: @escaping (Tensor, Tensor) throws -> Tensor,
                                _ withScalar: @escaping (Tensor, Scalar) throws -> Tensor) {
        TorchTypes.tensor.define(name) { _, args, _ in
            guard args.count == 2, case .object(let o) = args[0], let a = o as? PyTensor else { return .notImplemented }
            guard let other = Operand(args[1]) else { return .notImplemented }
            try rethrowingTorch {
                switch other {
                case .tensor(let b): _ = try withTensor(a.tensor, b)
                case .scalar(let s): _ = try withScalar(a.tensor, s)
                }
            }
            return args[0]
        }
    }
}
