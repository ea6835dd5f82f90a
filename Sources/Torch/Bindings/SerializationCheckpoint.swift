// Turning Python objects into safetensors entries plus a structure, and back.
import Autograd
import MiniPy

/// Tensor elements as little-endian bytes and back.
enum TensorBytes {
    /// The entry for `tensor` under `name` (contiguous, row-major).
    static func entry(_ name: String, _ tensor: Tensor) throws -> SafetensorsEntry {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(tensor.count * tensor.dtype.itemSize)
        switch tensor.dtype {
        case .float32:
            for v in tensor.doubleValues() { append(Float(v).bitPattern, &bytes) }
        case .float64:
            for v in tensor.doubleValues() { append(v.bitPattern, &bytes) }
        case .int64:
            for v in tensor.int64Values() { append(UInt64(bitPattern: v), &bytes) }
        case .int32:
            for v in tensor.int64Values() { append(UInt32(bitPattern: Int32(truncatingIfNeeded: v)), &bytes) }
        case .bool:
            for v in tensor.int64Values() { bytes.append(v != 0 ? 1 : 0) }
        }
        return SafetensorsEntry(name: name, dtype: tensor.dtype, shape: tensor.shape, data: bytes)
    }

    private static func append<W: FixedWidthInteger>(_ word: W, _ bytes: inout [UInt8]) {
        var w = word.littleEndian
        withUnsafeBytes(of: &w) { bytes.append(contentsOf: $0) }
    }

    private static func word<W: FixedWidthInteger>(_ data: [UInt8], _ index: Int, as _: W.Type) -> W {
        var w: W = 0
        let size = MemoryLayout<W>.size
        for k in 0..<size { w |= W(truncatingIfNeeded: data[index * size + k]) << (8 * k) }
        return w
    }

    /// The tensor an entry holds (the reader has already checked sizes).
    static func tensor(_ e: SafetensorsEntry) throws -> Tensor {
        var n = 1
        for d in e.shape {
            let (product, overflow) = n.multipliedReportingOverflow(by: d)
            guard !overflow else { throw PyErr.runtimeError("tensor \(e.name) is too large") }
            n = product
        }
        guard e.data.count / Swift.max(e.dtype.itemSize, 1) >= n else {
            throw PyErr.runtimeError("tensor \(e.name) has \(e.data.count) bytes, too few for \(n) elements")
        }
        return try rethrowingTorch {
            switch e.dtype {
            case .float32:
                return try Tensor.from((0..<n).map { Double(Float(bitPattern: word(e.data, $0, as: UInt32.self))) },
                                       shape: e.shape, dtype: .float32)
            case .float64:
                return try Tensor.from((0..<n).map { Double(bitPattern: word(e.data, $0, as: UInt64.self)) },
                                       shape: e.shape, dtype: .float64)
            case .int64:
                return try Tensor.from(ints: (0..<n).map { Int64(bitPattern: word(e.data, $0, as: UInt64.self)) },
                                       shape: e.shape, dtype: .int64)
            case .int32:
                return try Tensor.from(ints: (0..<n).map { Int64(Int32(bitPattern: word(e.data, $0, as: UInt32.self))) },
                                       shape: e.shape, dtype: .int32)
            case .bool:
                return try Tensor.from(bools: e.data.prefix(n).map { $0 != 0 }, shape: e.shape)
            }
        }
    }
}

/// Walks a Python object, collecting tensor entries and the structure around them.
struct CheckpointBuilder {
    let interp: Interpreter
    private(set) var entries: [SafetensorsEntry] = []
    private var used: Set<String> = []
    /// Containers being described, to refuse a structure that contains itself.
    private var open: Set<ObjectIdentifier> = []

    init(_ interp: Interpreter) { self.interp = interp }

    /// True for `{"d": [[{"s": key}, {"t": key ...}] ...]}`: a flat dict of tensors keyed by
    /// their names (a state dict), which is saved as a plain safetensors file.
    func isFlatTensorDict(_ s: StructureJSON) -> Bool {
        guard case .array(let pairs)? = s["d"] else { return false }
        return pairs.allSatisfy { pair in
            guard case .array(let kv) = pair, kv.count == 2, case .string(let key)? = kv[0]["s"],
                  case .string(let name)? = kv[1]["t"] else { return false }
            return key == name
        }
    }

    private mutating func name(for path: String) -> String {
        var candidate = path.isEmpty ? "tensor" : path
        var k = 1
        while used.contains(candidate) || candidate == "__metadata__" {
            candidate = "\(path.isEmpty ? "tensor" : path).\(k)"
            k += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// The structure of `value`; tensors become entries named by their key path.
    mutating func describe(_ value: Value, path: String) throws -> StructureJSON {
        func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }
        switch value {
        case .none: return .null
        case .bool(let b): return .object([("b", .bool(b))])
        case .int(let i): return .object([("i", .number(String(i)))])
        case .float(let d): return .object([("f", .string(String(d)))])
        case .str(let s): return .object([("s", .string(s))])
        case .object(let o):
            if let t = o as? PyTensor {
                let n = name(for: path)
                entries.append(try TensorBytes.entry(n, t.tensor))
                return .object([("t", .string(n)), ("p", .bool(t.isParameter)), ("g", .bool(t.tensor.requiresGrad))])
            }
            if o is PyDict || o is PyList || o is PyTuple {
                guard open.insert(ObjectIdentifier(o)).inserted else {
                    throw PyErr.valueError("torch.save cannot store a dict, list or tuple that contains itself")
                }
            }
            defer { open.remove(ObjectIdentifier(o)) }
            if let d = o as? PyDict {
                var pairs: [StructureJSON] = []
                for (k, v) in d.storage {
                    let keyText = try interp.str(k.value)
                    pairs.append(.array([try describe(k.value, path: "\u{0}key"), try describe(v, path: child(keyText))]))
                }
                return .object([("d", .array(pairs))])
            }
            if let l = o as? PyList {
                return .object([("l", .array(try l.items.enumerated().map { try describe($1, path: child(String($0))) }))])
            }
            if let t = o as? PyTuple {
                return .object([("u", .array(try t.items.enumerated().map { try describe($1, path: child(String($0))) }))])
            }
            throw PyErr.typeError("torch.save can store tensors, numbers, strings, None and dicts, lists and tuples of them, not \(value.typeName)")
        }
    }

    /// Rebuilds the Python value a structure describes.
    static func value(_ interp: Interpreter, _ s: StructureJSON, _ tensors: [String: Tensor]) throws -> Value {
        let broken = PyErr.runtimeError("checkpoint structure is not valid")
        switch s {
        case .null: return .none
        case .object:
            if case .string(let n)? = s["t"] {
                guard let t = tensors[n] else { throw PyErr.runtimeError("checkpoint has no tensor named \(n)") }
                if case .bool(true)? = s["g"] { try rethrowingTorch { try t.setRequiresGrad(true) } }
                let isParameter: Bool = { if case .bool(true)? = s["p"] { return true } else { return false } }()
                let o = PyTensor(t, type: isParameter ? TorchTypes.parameter : TorchTypes.tensor)
                if t.requiresGrad { GradFnRegistry.rememberLeaf(o) }
                return .object(o)
            }
            if case .bool(let b)? = s["b"] { return .bool(b) }
            if case .number(let n)? = s["i"], let i = Int(n) { return .int(i) }
            if case .string(let f)? = s["f"], let d = Double(f) { return .float(d) }
            if case .string(let text)? = s["s"] { return .str(text) }
            if case .array(let pairs)? = s["d"] {
                let d = PyDict()
                for pair in pairs {
                    guard case .array(let kv) = pair, kv.count == 2 else { throw broken }
                    let key = try value(interp, kv[0], tensors)
                    d.storage[try interp.hashKey(key)] = try value(interp, kv[1], tensors)
                }
                return .object(d)
            }
            if case .array(let items)? = s["l"] { return .list(try items.map { try value(interp, $0, tensors) }) }
            if case .array(let items)? = s["u"] { return .tuple(try items.map { try value(interp, $0, tensors) }) }
            throw broken
        default:
            throw broken
        }
    }
}

/// `copy.deepcopy` of tensors and parameters, as PyTorch's `Tensor.__deepcopy__`.
enum TensorDeepCopy {
    /// Registers the copier with the `copy` module (once per process).
    static let registered: Void = {
        CopyModule.registerDeepCopier { object, recurse in
            guard let o = object as? PyTensor else { return nil }
            let t = o.tensor
            if !t.isLeaf {
                throw PyErr.runtimeError("Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001")
            }
            let copy = try rethrowingTorch { () throws -> Tensor in
                let c = try GradMode.noGrad { try t.clone() }
                try c.setRequiresGrad(t.requiresGrad)
                if let g = t.grad { c.grad = try GradMode.noGrad { try g.clone() } }
                return c
            }
            let made = PyTensor(copy, type: o.type)
            for (key, value) in o.dict { made.dict[key] = try recurse(value) }
            return .object(made)
        }
    }()
}
