// torch.tensor, zeros/ones/full/empty (and their _like forms), arange, linspace, eye, cat, stack.
import Autograd
import MiniPy

/// Natives that make new tensors.
enum TensorConstruction {
    static func install(_ ns: TorchNamespaces) {
        let torch = ns.torch
        torch.define("tensor") { interp, args, kwargs in
            try checkKeywords(kwargs, ["data", "dtype", "device", "requires_grad", "pin_memory"], "tensor")
            let data = try requiredArgument(args, kwargs, 0, "data", "tensor")
            let dtype = try optionalDTypeArgument(argument(args, kwargs, 1, "dtype"))
            try checkDevice(argument(args, kwargs, 2, "device"))
            let t: Tensor
            if let source = asTensor(data) {
                t = try rethrowingTorch { try source.detach().to(dtype ?? source.dtype).clone().detach() }
            } else {
                t = try tensorFromData(interp, data, dtype: dtype)
            }
            return try finishCreation(t, args, kwargs, requiresGradPosition: 3)
        }
        torch.define("as_tensor") { interp, args, kwargs in
            try checkKeywords(kwargs, ["data", "dtype", "device"], "as_tensor")
            let data = try requiredArgument(args, kwargs, 0, "data", "as_tensor")
            let dtype = try optionalDTypeArgument(argument(args, kwargs, 1, "dtype"))
            try checkDevice(argument(args, kwargs, 2, "device"))
            if let source = asTensor(data) {
                guard let dtype, dtype != source.dtype else { return data }
                return wrap(try rethrowingTorch { try source.to(dtype) })
            }
            return wrap(try tensorFromData(interp, data, dtype: dtype))
        }
        defineFilled(torch, "zeros") { shape, dtype in try Tensor.zeros(shape, dtype: dtype ?? .defaultFloat) }
        defineFilled(torch, "ones") { shape, dtype in try Tensor.ones(shape, dtype: dtype ?? .defaultFloat) }
        defineFilled(torch, "empty") { shape, dtype in try Tensor.empty(shape, dtype: dtype ?? .defaultFloat) }
        torch.define("full") { interp, args, kwargs in
            try checkKeywords(kwargs, ["size", "fill_value", "dtype", "device", "requires_grad", "out"], "full")
            let size = try requiredArgument(args, kwargs, 0, "size", "full")
            let value = try scalarArgument(requiredArgument(args, kwargs, 1, "fill_value", "full"), "fill_value")
            let dtype = try optionalDTypeArgument(argument(args, kwargs, 2, "dtype"))
            try checkDevice(argument(args, kwargs, 3, "device"))
            let shape = try intList(interp, size, "size")
            let t = try rethrowingTorch { try Tensor.full(shape, value, dtype: dtype) }
            return try finishCreation(t, [], kwargs, requiresGradPosition: 99)
        }
        defineLike(torch, "zeros_like") { t, dtype in Tensor.zerosLike(t, dtype: dtype) }
        defineLike(torch, "ones_like") { t, dtype in Tensor.onesLike(t, dtype: dtype) }
        defineLike(torch, "empty_like") { t, dtype in Tensor.emptyLike(t, dtype: dtype) }
        torch.define("full_like") { _, args, kwargs in
            try checkKeywords(kwargs, ["input", "fill_value", "dtype", "device", "requires_grad"], "full_like")
            let t = try requiredTensor(args, kwargs, 0, "input", "full_like")
            let value = try scalarArgument(requiredArgument(args, kwargs, 1, "fill_value", "full_like"), "fill_value")
            let dtype = try optionalDTypeArgument(argument(args, kwargs, 2, "dtype"))
            try checkDevice(argument(args, kwargs, 3, "device"))
            return try finishCreation(Tensor.fullLike(t, value, dtype: dtype), [], kwargs, requiresGradPosition: 99)
        }
        torch.define("arange") { _, args, kwargs in
            try checkKeywords(kwargs, ["start", "end", "step", "dtype", "device", "requires_grad", "out"], "arange")
            var numbers: [Scalar] = []
            for a in args { numbers.append(try scalarArgument(a, "end")) }
            if let s = argument([], kwargs, 0, "start") { numbers.insert(try scalarArgument(s, "start"), at: 0) }
            if let e = argument([], kwargs, 0, "end") { numbers.append(try scalarArgument(e, "end")) }
            let step = try presentArgument([], kwargs, 0, "step").map { try scalarArgument($0, "step") }
            let dtype = try optionalDTypeArgument(argument([], kwargs, 0, "dtype"))
            try checkDevice(argument([], kwargs, 0, "device"))
            let t: Tensor = try rethrowingTorch {
                switch numbers.count {
                case 1: return try Tensor.arange(.int(0), numbers[0], step: step ?? .int(1), dtype: dtype)
                case 2: return try Tensor.arange(numbers[0], numbers[1], step: step ?? .int(1), dtype: dtype)
                case 3: return try Tensor.arange(numbers[0], numbers[1], step: numbers[2], dtype: dtype)
                default: throw PyErr.typeError("arange() received an invalid combination of arguments - got \(numbers.count) numbers")
                }
            }
            return try finishCreation(t, [], kwargs, requiresGradPosition: 99)
        }
        torch.define("linspace") { _, args, kwargs in
            try checkKeywords(kwargs, ["start", "end", "steps", "dtype", "device", "requires_grad", "out"], "linspace")
            let start = try doubleArgument(requiredArgument(args, kwargs, 0, "start", "linspace"), "start")
            let end = try doubleArgument(requiredArgument(args, kwargs, 1, "end", "linspace"), "end")
            let steps = try intArgument(requiredArgument(args, kwargs, 2, "steps", "linspace"), "steps")
            let dtype = try optionalDTypeArgument(argument(args, kwargs, 3, "dtype")) ?? .defaultFloat
            let t = try rethrowingTorch { try Tensor.linspace(start, end, steps: steps, dtype: dtype) }
            return try finishCreation(t, [], kwargs, requiresGradPosition: 99)
        }
        torch.define("eye") { _, args, kwargs in
            try checkKeywords(kwargs, ["n", "m", "dtype", "device", "requires_grad", "out"], "eye")
            let n = try intArgument(requiredArgument(args, kwargs, 0, "n", "eye"), "n")
            let m = try optionalInt(args, kwargs, 1, "m")
            let dtype = try optionalDTypeArgument(argument(args, kwargs, 2, "dtype")) ?? .defaultFloat
            if n < 0 { throw PyErr.runtimeError("n must be greater or equal to 0, got \(n)") }
            if let m, m < 0 { throw PyErr.runtimeError("m must be greater or equal to 0, got \(m)") }
            let t = try rethrowingTorch { try Tensor.eye(n, m, dtype: dtype) }
            return try finishCreation(t, [], kwargs, requiresGradPosition: 99)
        }
        for name in ["cat", "concat", "concatenate"] {
            torch.define(name) { interp, args, kwargs in
                let tensors = try tensorSequence(interp, requiredArgument(args, kwargs, 0, "tensors", name), name)
                let dim = try optionalInt(args, kwargs, 1, "dim") ?? 0
                return try finish(try rethrowingTorch { try Tensor.cat(tensors, dim: dim) }, kwargs)
            }
        }
        torch.define("stack") { interp, args, kwargs in
            let tensors = try tensorSequence(interp, requiredArgument(args, kwargs, 0, "tensors", "stack"), "stack")
            let dim = try optionalInt(args, kwargs, 1, "dim") ?? 0
            return try finish(try rethrowingTorch { try Tensor.stack(tensors, dim: dim) }, kwargs)
        }
        torch.define("is_tensor") { _, args, _ in .bool(args.first.flatMap(asTensor) != nil) }
        torch.define("is_floating_point") { _, args, kwargs in
            .bool(try requiredTensor(args, kwargs, 0, "input", "is_floating_point").dtype.isFloatingPoint)
        }
        torch.define("numel") { _, args, kwargs in
            .int(try requiredTensor(args, kwargs, 0, "input", "numel").count)
        }
        torch.define("typename") { _, args, _ in
            guard let v = args.first else { throw PyErr.typeError("typename() missing required argument 'obj' (pos 1)") }
            if let t = asTensor(v) { return .str(t.dtype.legacyTypeName) }
            let type = v.type
            return .str(type.moduleName == "builtins" ? type.qualname : "\(type.moduleName).\(type.qualname)")
        }
        torch.define("set_printoptions") { _, args, kwargs in
            try TensorPrinting.setOptions(args, kwargs)
            return .none
        }
        torch.define("get_default_dtype") { _, _, _ in dtypeObject(.defaultFloat) }
    }

    /// `zeros(*size, dtype=, device=, requires_grad=)` and its siblings.
    private static func defineFilled(_ module: PyModule, _ name: String,
                                     _ make: @escaping ([Int], DType?) throws -> Tensor) {
        module.define(name) { interp, args, kwargs in
            try checkKeywords(kwargs, ["size", "dtype", "device", "requires_grad", "out", "layout", "pin_memory"], name)
            let shape = try trailingShape(interp, args, from: 0, kwargs, keyword: "size")
            let dtype = try optionalDTypeArgument(argument([], kwargs, 0, "dtype"))
            try checkDevice(argument([], kwargs, 0, "device"))
            if name == "zeros", shape.contains(where: { $0 < 0 }) {
                throw PyErr.runtimeError("zeros: Dimension size must be non-negative.")
            }
            let t = try rethrowingTorch { try make(shape, dtype) }
            if !kwargs.isEmpty, let out = presentArgument([], kwargs, 0, "out") {
                let target = try tensorArgument(out, "out")
                try rethrowingTorch { target.setData(try t.to(target.dtype)) }
                return out
            }
            return try finishCreation(t, [], kwargs, requiresGradPosition: 99)
        }
    }

    /// `zeros_like(input, dtype=, requires_grad=)` and its siblings.
    private static func defineLike(_ module: PyModule, _ name: String,
                                   _ make: @escaping (Tensor, DType?) throws -> Tensor) {
        module.define(name) { _, args, kwargs in
            try checkKeywords(kwargs, ["input", "dtype", "device", "requires_grad", "memory_format", "layout"], name)
            let t = try requiredTensor(args, kwargs, 0, "input", name)
            let dtype = try optionalDTypeArgument(argument(args, kwargs, 1, "dtype"))
            try checkDevice(argument([], kwargs, 0, "device"))
            return try finishCreation(try rethrowingTorch { try make(t, dtype) }, [], kwargs, requiresGradPosition: 99)
        }
    }

    /// Applies `requires_grad=` to a new tensor and wraps it.
    private static func finishCreation(_ t: Tensor, _ args: [Value], _ kwargs: KeywordArguments,
                                       requiresGradPosition: Int) throws -> Value {
        if try flag(args, kwargs, requiresGradPosition, "requires_grad", false) {
            guard t.dtype.isFloatingPoint else {
                throw PyErr.runtimeError("Only Tensors of floating point and complex dtype can require gradients")
            }
            try rethrowingTorch { try t.setRequiresGrad(true) }
        }
        return wrap(t)
    }

    /// The tensors of a list or tuple argument (`torch.cat([a, b])`).
    static func tensorSequence(_ interp: Interpreter, _ value: Value, _ function: String) throws -> [Tensor] {
        guard case .object(let o) = value, o is PyList || o is PyTuple else {
            throw PyErr.typeError("\(function)(): argument 'tensors' (position 1) must be tuple of Tensors, not \(value.typeName)")
        }
        return try interp.toArray(value).enumerated().map { i, v in
            guard let t = asTensor(v) else {
                throw PyErr.typeError("expected Tensor as element \(i) in argument 0, but got \(v.typeName)")
            }
            return t
        }
    }
}

/// Checks a `device=` argument: None or the CPU.
func checkDevice(_ value: Value?) throws {
    guard let value, !value.isNone else { return }
    try requireCPU(try deviceObject(value))
}

extension TensorConstruction {
    /// `torch.Tensor(2, 3)` (uninitialised float32 of that shape), `torch.Tensor([1, 2])`
    /// (float32 data) or `torch.Tensor()` (empty).
    static func legacyConstructor(_ interp: Interpreter, cls: PyType, args: [Value],
                                  kwargs: KeywordArguments) throws -> Value {
        if !kwargs.isEmpty {
            throw PyErr.typeError("new() received an invalid combination of arguments - got (\(kwargs.map(\.name).joined(separator: ", ")))")
        }
        let tensor: Tensor
        if args.isEmpty {
            tensor = try rethrowingTorch { try Tensor.zeros([0]) }
        } else if args.count == 1, case .object(let o) = args[0], o is PyList || (o is PyTuple && o.type !== TorchTypes.size) {
            tensor = try tensorFromData(interp, args[0], dtype: .float32)
        } else if args.count == 1, let source = asTensor(args[0]) {
            tensor = source
        } else {
            let shape = try shapeArguments(interp, args)
            tensor = try rethrowingTorch { try Tensor.zeros(shape) }
        }
        return .object(PyTensor(tensor, type: cls))
    }
}
