// t[...] and t[...] = v: Python subscripts mapped onto the engine's TensorIndex.
import Autograd
import MiniPy

/// `__getitem__` / `__setitem__` of tensors.
enum TensorIndexing {
    static func install() {
        let type = TorchTypes.tensor
        type.define("__getitem__") { interp, args, _ in
            let t = try selfTensor(args, "__getitem__")
            guard args.count == 2 else { throw PyErr.typeError("__getitem__ expected 1 argument") }
            // The common `t[i]` on the first dim is a plain select.
            if case .int(let i) = args[1], t.ndim > 0 {
                return wrap(try rethrowingTorch { try t.select(0, i) })
            }
            let indices = try tensorIndices(interp, args[1])
            return wrap(try rethrowingTorch { try t.getItem(indices) })
        }
        type.define("__setitem__") { interp, args, _ in
            let t = try selfTensor(args, "__setitem__")
            guard args.count == 3 else { throw PyErr.typeError("__setitem__ expected 2 arguments") }
            let indices = try tensorIndices(interp, args[1])
            switch args[2] {
            case .int(let i): try rethrowingTorch { try t.setItem(indices, .int(Int64(i))) }
            case .float(let d): try rethrowingTorch { try t.setItem(indices, .double(d)) }
            case .bool(let b): try rethrowingTorch { try t.setItem(indices, .bool(b)) }
            default:
                // Like PyTorch, a list or tuple is not assignable: only numbers and tensors are.
                if let v = asTensor(args[2]) {
                    try rethrowingTorch { try t.setItem(indices, v) }
                } else {
                    throw PyErr.typeError("can't assign a \(args[2].typeName) to a \(t.dtype.legacyTypeName)")
                }
            }
            return .none
        }
    }

    /// The engine indices of a Python subscript (a tuple spreads into several).
    static func tensorIndices(_ interp: Interpreter, _ key: Value) throws -> [TensorIndex] {
        if case .object(let o) = key, let tuple = o as? PyTuple, o.type === BuiltinTypes.tuple {
            return try tuple.items.map { try tensorIndex(interp, $0) }
        }
        return [try tensorIndex(interp, key)]
    }

    /// One element of a subscript.
    static func tensorIndex(_ interp: Interpreter, _ v: Value) throws -> TensorIndex {
        switch v {
        case .int(let i): return .int(i)
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .float, .str:
            throw PyErr.indexError("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(v.typeName))")
        case .object(let o):
            if let t = o as? PyTensor {
                // A 0-d integer tensor indexes like the int it holds (and keeps the dim removal).
                return .tensor(t.tensor)
            }
            if let s = o as? PySlice {
                return .slice(start: try sliceBound(s.start), stop: try sliceBound(s.stop), step: try sliceBound(s.step))
            }
            if o === BuiltinTypes.ellipsisObject { return .ellipsis }
            if o is PyList || o is PyTuple {
                return .tensor(try indexTensorFromData(interp, v))
            }
            throw PyErr.indexError("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(v.typeName))")
        }
    }

    private static func sliceBound(_ v: Value) throws -> Int? {
        if v.isNone { return nil }
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default:
            if let t = asTensor(v), t.count == 1, !t.dtype.isFloatingPoint {
                return Int(try rethrowingTorch { try t.item() }.int64Value)
            }
            throw PyErr.typeError("slice indices must be integers or None or have an __index__ method")
        }
    }
}
