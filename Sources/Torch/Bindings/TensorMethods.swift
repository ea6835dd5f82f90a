// Tensor properties, shape and view methods, dtype conversions and the Python protocols
// (len, iter, bool, float, int, index, hash).
import Autograd
import MiniPy

/// Native tensor methods that are not math.
enum TensorMethods {
    static func install(_ ns: TorchNamespaces) {
        installProperties()
        installConversions()
        installViews(ns)
        installProtocols()
        TensorPrinting.install()
        TensorIndexing.install()
        TensorOperators.install()
        _ = deepCopyReady
    }

    /// `copy.deepcopy(tensor)`: a detached copy of a leaf keeping its Python type (so a
    /// Parameter stays one), `requires_grad` and `.grad`, registered once per process.
    static let deepCopyReady: Void = {
        CopyModule.registerDeepCopier { object, recurse in
            guard let source = object as? PyTensor else { return nil }
            let t = source.tensor
            guard t.isLeaf else {
                throw PyErr.runtimeError("Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001")
            }
            let copy = try rethrowingTorch { try t.detach().clone() }
            if t.requiresGrad { try rethrowingTorch { try copy.setRequiresGrad(true) } }
            if let g = t.grad { copy.grad = try rethrowingTorch { try g.detach().clone() } }
            let result = PyTensor(copy, type: source.type)
            for (k, v) in source.dict { result.dict[k] = try recurse(v) }
            return .object(result)
        }
    }()

    /// Defines a method taking only the receiver.
    static func unaryMethod(_ name: String, _ body: @escaping (Tensor) throws -> Tensor) {
        TorchTypes.tensor.define(name) { _, args, _ in
            let t = try selfTensor(args, name)
            return wrap(try rethrowingTorch { try body(t) })
        }
    }

    private static func property(_ name: String, _ body: @escaping (PyTensor) throws -> Value) {
        TorchTypes.tensor.defineProperty(name) { _, v in
            guard case .object(let o) = v, let t = o as? PyTensor else { return .none }
            return try body(t)
        }
    }

    private static func installProperties() {
        property("shape") { sizeObject($0.tensor.shape) }
        // nn.Parameter was made before Tensor had properties, so it does not know that
        // assignments like `p.grad = None` must go through Tensor's properties; giving it one
        // property of its own marks it.
        TorchTypes.parameter.defineProperty("shape") { _, v in
            guard case .object(let o) = v, let t = o as? PyTensor else { return .none }
            return sizeObject(t.tensor.shape)
        }
        property("dtype") { dtypeObject($0.tensor.dtype) }
        property("device") { _ in .object(TorchTypes.cpu) }
        property("ndim") { .int($0.tensor.ndim) }
        property("T") { t in wrap(try rethrowingTorch { try t.tensor.permute(Array((0..<t.tensor.ndim).reversed())) }) }
        property("mT") { t in
            guard t.tensor.ndim >= 2 else {
                throw PyErr.runtimeError("tensor.mT is only supported on matrices or batches of matrices. Got \(t.tensor.ndim)-D tensor.")
            }
            return wrap(try rethrowingTorch { try t.tensor.transpose(-2, -1) })
        }
        property("is_cuda") { _ in .bool(false) }
        property("is_cpu") { _ in .bool(true) }
        property("itemsize") { .int($0.tensor.dtype.itemSize) }
        property("layout") { _ in .str("torch.strided") }
        let type = TorchTypes.tensor
        type.define("size") { _, args, kwargs in
            let t = try selfTensor(args, "size")
            guard let d = try optionalInt(args, kwargs, 1, "dim") else { return sizeObject(t.shape) }
            guard t.ndim > 0 else { throw PyErr.indexError("Dimension specified as \(d) but tensor has no dimensions") }
            return .int(t.shape[try wrapDim(d, t.ndim)])
        }
        type.define("dim") { _, args, _ in .int(try selfTensor(args, "dim").ndim) }
        type.define("ndimension") { _, args, _ in .int(try selfTensor(args, "ndimension").ndim) }
        type.define("numel") { _, args, _ in .int(try selfTensor(args, "numel").count) }
        type.define("nelement") { _, args, _ in .int(try selfTensor(args, "nelement").count) }
        type.define("element_size") { _, args, _ in .int(try selfTensor(args, "element_size").dtype.itemSize) }
        type.define("is_contiguous") { _, args, _ in .bool(try selfTensor(args, "is_contiguous").isContiguous) }
        type.define("is_floating_point") { _, args, _ in .bool(try selfTensor(args, "is_floating_point").dtype.isFloatingPoint) }
        type.define("get_device") { _, _, _ in .int(-1) }
        type.define("data_ptr") { _, args, _ in
            let t = try selfTensor(args, "data_ptr")
            return .int(ObjectIdentifier(t.storage).hashValue &+ t.offset &* t.dtype.itemSize)
        }
        type.define("item") { _, args, _ in
            pythonNumber(try rethrowingTorch { try selfTensor(args, "item").item() })
        }
        type.define("tolist") { _, args, _ in try pythonValue(of: try selfTensor(args, "tolist")) }
    }

    private static func installConversions() {
        let type = TorchTypes.tensor
        for (name, dtype) in [("float", DType.float32), ("double", .float64), ("long", .int64), ("int", .int32), ("bool", .bool)] {
            type.define(name) { _, args, _ in
                let t = try selfTensor(args, name)
                if t.dtype == dtype { return args[0] }
                return wrap(try rethrowingTorch { try t.to(dtype) })
            }
        }
        type.define("to") { _, args, kwargs in
            let t = try selfTensor(args, "to")
            var dtype: DType?
            for (i, a) in args.enumerated().dropFirst() {
                if case .object(let o) = a {
                    if let d = o as? PyDType { dtype = d.dtype; continue }
                    if let other = o as? PyTensor { dtype = other.tensor.dtype; continue }
                    if o is PyDevice { try checkDevice(a); continue }
                }
                if case .str = a { try checkDevice(a); continue }
                if case .bool = a, i > 1 { continue }
                throw PyErr.typeError("to() received an invalid combination of arguments - got (\(a.typeName))")
            }
            if let d = presentArgument([], kwargs, 0, "dtype") { dtype = try dtypeArgument(d) }
            try checkDevice(argument([], kwargs, 0, "device"))
            let copy = try flag([], kwargs, 0, "copy", false)
            guard let dtype, dtype != t.dtype else {
                return copy ? wrap(try rethrowingTorch { try t.clone() }) : args[0]
            }
            return wrap(try rethrowingTorch { try t.to(dtype) })
        }
        type.define("cpu") { _, args, _ in _ = try selfTensor(args, "cpu"); return args[0] }
        type.define("cuda") { _, _, _ in
            try requireCPU(PyDevice(kind: "cuda", index: nil))
            return .none
        }
        type.define("type_as") { _, args, kwargs in
            let t = try selfTensor(args, "type_as")
            let other = try requiredTensor(args, kwargs, 1, "other", "type_as")
            if other.dtype == t.dtype { return args[0] }
            return wrap(try rethrowingTorch { try t.to(other.dtype) })
        }
        type.define("type") { _, args, kwargs in
            let t = try selfTensor(args, "type")
            guard let d = presentArgument(args, kwargs, 1, "dtype") else { return .str(t.dtype.legacyTypeName) }
            let dtype = try dtypeArgument(d)
            return dtype == t.dtype ? args[0] : wrap(try rethrowingTorch { try t.to(dtype) })
        }
        type.define("contiguous") { _, args, _ in
            let t = try selfTensor(args, "contiguous")
            return t.isContiguous ? args[0] : wrap(try rethrowingTorch { try t.contiguous() })
        }
        for (name, make) in [("new_zeros", { (s: [Int], d: DType) in try Tensor.zeros(s, dtype: d) }),
                             ("new_ones", { (s: [Int], d: DType) in try Tensor.ones(s, dtype: d) }),
                             ("new_empty", { (s: [Int], d: DType) in try Tensor.empty(s, dtype: d) })] {
            type.define(name) { interp, args, kwargs in
                let t = try selfTensor(args, name)
                let shape = try trailingShape(interp, args, from: 1, kwargs, keyword: "size")
                let dtype = try optionalDTypeArgument(argument([], kwargs, 0, "dtype")) ?? t.dtype
                return wrap(try rethrowingTorch { try make(shape, dtype) })
            }
        }
        type.define("new_full") { interp, args, kwargs in
            let t = try selfTensor(args, "new_full")
            let shape = try intList(interp, requiredArgument(args, kwargs, 1, "size", "new_full"), "size")
            let value = try scalarArgument(requiredArgument(args, kwargs, 2, "fill_value", "new_full"), "fill_value")
            let dtype = try optionalDTypeArgument(argument([], kwargs, 0, "dtype")) ?? t.dtype
            return wrap(try rethrowingTorch { try Tensor.full(shape, value, dtype: dtype) })
        }
        type.define("new_tensor") { interp, args, kwargs in
            let t = try selfTensor(args, "new_tensor")
            let data = try requiredArgument(args, kwargs, 1, "data", "new_tensor")
            let dtype = try optionalDTypeArgument(argument([], kwargs, 0, "dtype")) ?? t.dtype
            if let source = asTensor(data) { return wrap(try rethrowingTorch { try source.detach().to(dtype).clone() }) }
            return wrap(try tensorFromData(interp, data, dtype: dtype))
        }
    }

    private static func installViews(_ ns: TorchNamespaces) {
        let type = TorchTypes.tensor
        type.define("view") { interp, args, kwargs in
            let t = try selfTensor(args, "view")
            if args.count == 2, case .object(let o) = args[1], let d = o as? PyDType {
                guard d.dtype == t.dtype else {
                    throw PyErr.runtimeError("view(dtype) between different element types is not supported by gradstep")
                }
                return args[0]
            }
            let shape = try trailingShape(interp, args, from: 1, kwargs, keyword: "size")
            return wrap(try rethrowingTorch { try t.view(shape) })
        }
        type.define("view_as") { _, args, kwargs in
            let t = try selfTensor(args, "view_as")
            let other = try requiredTensor(args, kwargs, 1, "other", "view_as")
            return wrap(try rethrowingTorch { try t.view(other.shape) })
        }
        type.define("reshape") { interp, args, kwargs in
            let t = try selfTensor(args, "reshape")
            let shape = try trailingShape(interp, args, from: 1, kwargs, keyword: "shape")
            return wrap(try rethrowingTorch { try t.reshape(shape) })
        }
        type.define("reshape_as") { _, args, kwargs in
            let t = try selfTensor(args, "reshape_as")
            let other = try requiredTensor(args, kwargs, 1, "other", "reshape_as")
            return wrap(try rethrowingTorch { try t.reshape(other.shape) })
        }
        type.define("expand") { interp, args, kwargs in
            let t = try selfTensor(args, "expand")
            let shape = try trailingShape(interp, args, from: 1, kwargs, keyword: "size")
            return wrap(try rethrowingTorch { try t.expand(shape) })
        }
        type.define("expand_as") { _, args, kwargs in
            let t = try selfTensor(args, "expand_as")
            let other = try requiredTensor(args, kwargs, 1, "other", "expand_as")
            return wrap(try rethrowingTorch { try t.expandAs(other) })
        }
        type.define("repeat") { interp, args, kwargs in
            let t = try selfTensor(args, "repeat")
            let shape = try trailingShape(interp, args, from: 1, kwargs, keyword: "repeats")
            return wrap(try rethrowingTorch { try t.repeat(shape) })
        }
        type.define("permute") { interp, args, kwargs in
            let t = try selfTensor(args, "permute")
            let dims = try trailingShape(interp, args, from: 1, kwargs, keyword: "dims")
            return wrap(try rethrowingTorch { try t.permute(dims) })
        }
        // The rest exist both as methods and as torch functions with the tensor first.
        let both: [(String, NativeFunctionBody)] = [
            ("clone", { _, args, _ in wrap(try rethrowingTorch { try selfTensor(args, "clone").clone() }) }),
            ("flatten", { _, args, kwargs in
                let t = try selfTensor(args, "flatten")
                let start = try optionalInt(args, kwargs, 1, "start_dim") ?? 0
                let end = try optionalInt(args, kwargs, 2, "end_dim") ?? -1
                return wrap(try rethrowingTorch { try t.flatten(startDim: start, endDim: end) })
            }),
            ("unflatten", { interp, args, kwargs in
                let t = try selfTensor(args, "unflatten")
                let dim = try intArgument(requiredArgument(args, kwargs, 1, "dim", "unflatten"), "dim")
                let sizes = try intList(interp, requiredArgument(args, kwargs, 2, "sizes", "unflatten"), "sizes")
                return wrap(try rethrowingTorch { try t.unflatten(dim: dim, sizes: sizes) })
            }),
            ("unsqueeze", { _, args, kwargs in
                let t = try selfTensor(args, "unsqueeze")
                let dim = try intArgument(requiredArgument(args, kwargs, 1, "dim", "unsqueeze"), "dim")
                return wrap(try rethrowingTorch { try t.unsqueeze(dim) })
            }),
            ("squeeze", { interp, args, kwargs in
                let t = try selfTensor(args, "squeeze")
                guard let dims = try dimsArgument(interp, argument(args, kwargs, 1, "dim")) else {
                    return wrap(try rethrowingTorch { try t.squeeze() })
                }
                return wrap(try rethrowingTorch {
                    var r = t
                    for d in try dims.map({ try wrapDim($0, t.ndim) }).sorted(by: >) { r = try r.squeeze(d) }
                    return r
                })
            }),
            ("transpose", { _, args, kwargs in
                let t = try selfTensor(args, "transpose")
                let d0 = try intArgument(requiredArgument(args, kwargs, 1, "dim0", "transpose"), "dim0")
                let d1 = try intArgument(requiredArgument(args, kwargs, 2, "dim1", "transpose"), "dim1")
                return wrap(try rethrowingTorch { try t.transpose(d0, d1) })
            }),
            ("t", { _, args, _ in wrap(try rethrowingTorch { try selfTensor(args, "t").t() }) }),
            ("narrow", { _, args, kwargs in
                let t = try selfTensor(args, "narrow")
                let dim = try intArgument(requiredArgument(args, kwargs, 1, "dim", "narrow"), "dim")
                let start = try intArgument(requiredArgument(args, kwargs, 2, "start", "narrow"), "start")
                let length = try intArgument(requiredArgument(args, kwargs, 3, "length", "narrow"), "length")
                return wrap(try rethrowingTorch { try t.narrow(dim, start: start, length: length) })
            }),
            ("select", { _, args, kwargs in
                let t = try selfTensor(args, "select")
                let dim = try intArgument(requiredArgument(args, kwargs, 1, "dim", "select"), "dim")
                let index = try intArgument(requiredArgument(args, kwargs, 2, "index", "select"), "index")
                return wrap(try rethrowingTorch { try t.select(dim, index) })
            }),
            ("split", { interp, args, kwargs in
                let t = try selfTensor(args, "split")
                let size = try requiredArgument(args, kwargs, 1, "split_size_or_sections", "split")
                let dim = try optionalInt(args, kwargs, 2, "dim") ?? 0
                if isIntLike(size) {
                    return wrapTuple(try rethrowingTorch { try t.split(try intArgument(size, "split_size"), dim: dim) })
                }
                let sizes = try intList(interp, size, "split_size_or_sections")
                return wrapTuple(try rethrowingTorch { try t.split(sizes: sizes, dim: dim) })
            }),
            ("chunk", { _, args, kwargs in
                let t = try selfTensor(args, "chunk")
                let chunks = try intArgument(requiredArgument(args, kwargs, 1, "chunks", "chunk"), "chunks")
                let dim = try optionalInt(args, kwargs, 2, "dim") ?? 0
                return wrapTuple(try rethrowingTorch { try t.chunk(chunks, dim: dim) })
            }),
            ("unbind", { _, args, kwargs in
                let t = try selfTensor(args, "unbind")
                let dim = try optionalInt(args, kwargs, 1, "dim") ?? 0
                return wrapTuple(try rethrowingTorch { try t.unbind(dim) })
            }),
            ("flip", { interp, args, kwargs in
                let t = try selfTensor(args, "flip")
                let dims = try trailingShape(interp, args, from: 1, kwargs, keyword: "dims")
                guard t.ndim > 0 else { return args[0] }
                return wrap(try rethrowingTorch {
                    var r = t
                    for d in dims {
                        let axis = try wrapDim(d, t.ndim)
                        let n = t.shape[axis]
                        let order = try Tensor.from(ints: (0..<n).reversed().map { Int64($0) })
                        r = try r.indexSelect(dim: axis, index: order)
                    }
                    return r
                })
            }),
        ]
        for (name, body) in both {
            type.define(name, body)
            ns.torch.define(name, body)
        }
        for name in ["swapaxes", "swapdims"] {
            type.attributes[name] = type.attributes["transpose"]
            ns.torch.namespace[name] = ns.torch.namespace["transpose"]
        }
        for (name, source) in [("reshape", "reshape"), ("permute", "permute")] {
            // torch.reshape(t, shape) and torch.permute(t, dims) take the sizes as one sequence.
            ns.torch.define(name) { interp, args, kwargs in
                guard let method = type.attributes[source] else { return .none }
                var rest = args
                if rest.isEmpty, let input = argument([], kwargs, 0, "input") { rest = [input] }
                let keyword = name == "reshape" ? "shape" : "dims"
                if rest.count == 1, let shape = argument([], kwargs, 0, keyword) { rest.append(shape) }
                return try interp.call(method, rest)
            }
        }
    }

    private static func installProtocols() {
        let type = TorchTypes.tensor
        type.define("__len__") { _, args, _ in
            let t = try selfTensor(args, "__len__")
            guard t.ndim > 0 else { throw PyErr.typeError("len() of a 0-d tensor") }
            return .int(t.shape[0])
        }
        type.define("__iter__") { _, args, _ in
            let t = try selfTensor(args, "__iter__")
            guard t.ndim > 0 else { throw PyErr.typeError("iteration over a 0-d tensor") }
            return .object(TensorIterator(t))
        }
        type.define("__bool__") { _, args, _ in
            let t = try selfTensor(args, "__bool__")
            if t.count == 0 { throw PyErr.runtimeError("Boolean value of Tensor with no values is ambiguous") }
            if t.count > 1 { throw PyErr.runtimeError("Boolean value of Tensor with more than one value is ambiguous") }
            return .bool(try rethrowingTorch { try t.item() }.doubleValue != 0)
        }
        type.define("__float__") { _, args, _ in
            let t = try selfTensor(args, "__float__")
            guard t.count == 1 else { throw PyErr.valueError("only one element tensors can be converted to Python scalars") }
            return .float(try rethrowingTorch { try t.item() }.doubleValue)
        }
        type.define("__int__") { _, args, _ in
            let t = try selfTensor(args, "__int__")
            guard t.count == 1 else { throw PyErr.valueError("only one element tensors can be converted to Python scalars") }
            let s = try rethrowingTorch { try t.item() }
            if case .double(let d) = s {
                guard d.isFinite else {
                    throw PyErr.valueError(d.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer")
                }
            }
            return .int(Int(s.int64Value))
        }
        type.define("__index__") { _, args, _ in
            let t = try selfTensor(args, "__index__")
            guard t.count == 1, !t.dtype.isFloatingPoint else {
                throw PyErr.typeError("only integer tensors of a single element can be converted to an index")
            }
            return .int(Int(try rethrowingTorch { try t.item() }.int64Value))
        }
        type.define("__contains__") { _, args, _ in
            let t = try selfTensor(args, "__contains__")
            guard args.count == 2, let element = Operand(args[1]) else {
                throw PyErr.runtimeError("Tensor.__contains__ only supports Tensor or scalar, but you passed in a \(args.count == 2 ? args[1].typeName : "nothing").")
            }
            let hits: Tensor = try rethrowingTorch {
                switch element {
                case .tensor(let e): return try t.eq(e)
                case .scalar(let s): return try t.eq(s)
                }
            }
            return .bool(try rethrowingTorch { try hits.any().item() }.doubleValue != 0)
        }
        type.define("__hash__") { _, args, _ in
            guard case .object(let o)? = args.first else { return .int(0) }
            return .int(ObjectIdentifier(o).hashValue)
        }
    }
}

/// Iterates a tensor over its first dim, as `for row in t` does.
final class TensorIterator: PyIterator {
    private let tensor: Tensor
    private var index = 0

    init(_ tensor: Tensor) {
        self.tensor = tensor
        super.init(type: BuiltinTypes.iterator)
    }

    override func next(_ interp: Interpreter) throws -> Value? {
        guard index < tensor.shape[0] else { return nil }
        defer { index += 1 }
        return wrap(try rethrowingTorch { try tensor.select(0, index) })
    }
}

/// A dim wrapped into `0..<ndim`, with PyTorch's IndexError otherwise.
func wrapDim(_ dim: Int, _ ndim: Int) throws -> Int {
    let n = Swift.max(ndim, 1)
    guard dim >= -n && dim < n else {
        throw PyErr.indexError("Dimension out of range (expected to be in range of [\(-n), \(n - 1)], but got \(dim))")
    }
    return dim < 0 ? dim + n : dim
}
