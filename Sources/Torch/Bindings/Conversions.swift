// Reading Python arguments as tensors, numbers, dtypes and shapes, with PyTorch's errors.
import Autograd
import MiniPy

/// The tensor inside a Python value, or PyTorch's TypeError naming the argument.
public func tensorArgument(_ value: Value, _ name: String, function: String? = nil) throws -> Tensor {
    if case .object(let o) = value, let t = o as? PyTensor { return t.tensor }
    let owner = function.map { "\($0)(): " } ?? ""
    throw PyErr.typeError("\(owner)argument '\(name)' must be Tensor, not \(value.typeName)")
}

/// The tensor inside a value, nil for None.
public func optionalTensorArgument(_ value: Value?, _ name: String, function: String? = nil) throws -> Tensor? {
    guard let value, !value.isNone else { return nil }
    return try tensorArgument(value, name, function: function)
}

/// The tensor inside a value, if it is one.
@inline(__always)
public func asTensor(_ value: Value) -> Tensor? {
    if case .object(let o) = value, let t = o as? PyTensor { return t.tensor }
    return nil
}

/// A Python number (or a one-element tensor) as an engine scalar.
public func scalarArgument(_ value: Value, _ name: String) throws -> Scalar {
    switch value {
    case .int(let i): return .int(Int64(i))
    case .float(let d): return .double(d)
    case .bool(let b): return .bool(b)
    default:
        if let t = asTensor(value), t.count == 1 { return try rethrowingTorch { try t.item() } }
        throw PyErr.typeError("\(name) must be Number, not \(value.typeName)")
    }
}

/// A bool argument (Python truthiness is not applied: PyTorch wants a bool).
public func boolArgument(_ value: Value, _ name: String) throws -> Bool {
    switch value {
    case .bool(let b): return b
    case .int(let i): return i != 0
    default: throw PyErr.typeError("\(name) must be bool, not \(value.typeName)")
    }
}

/// An int argument.
public func intArgument(_ value: Value, _ name: String) throws -> Int {
    switch value {
    case .int(let i): return i
    case .bool(let b): return b ? 1 : 0
    default:
        if let t = asTensor(value), t.count == 1, !t.dtype.isFloatingPoint {
            return Int(try rethrowingTorch { try t.item() }.int64Value)
        }
        throw PyErr.typeError("\(name) must be int, not \(value.typeName)")
    }
}

/// A float argument (ints accepted).
public func doubleArgument(_ value: Value, _ name: String) throws -> Double {
    switch value {
    case .int(let i): return Double(i)
    case .float(let d): return d
    case .bool(let b): return b ? 1 : 0
    default:
        if let t = asTensor(value), t.count == 1 { return try rethrowingTorch { try t.item() }.doubleValue }
        throw PyErr.typeError("\(name) must be float, not \(value.typeName)")
    }
}

/// A shape given as varargs (`zeros(2, 3)`), or one tuple/list/`torch.Size` (`zeros((2, 3))`).
public func shapeArguments(_ interp: Interpreter, _ args: [Value], _ name: String = "size") throws -> [Int] {
    if args.count == 1, !isIntLike(args[0]) {
        return try intList(interp, args[0], name)
    }
    return try args.map { try intArgument($0, name) }
}

/// A list of ints from a tuple, list or `torch.Size` (or a single int).
public func intList(_ interp: Interpreter, _ value: Value, _ name: String) throws -> [Int] {
    if isIntLike(value) { return [try intArgument(value, name)] }
    guard case .object(let o) = value, o is PyTuple || o is PyList else {
        throw PyErr.typeError("\(name) must be tuple of ints, not \(value.typeName)")
    }
    return try interp.toArray(value).map { try intArgument($0, name) }
}

@inline(__always)
func isIntLike(_ value: Value) -> Bool {
    switch value {
    case .int, .bool: return true
    default: return false
    }
}

/// Dims given as an int, a tuple/list of ints, or None (all dims).
public func dimsArgument(_ interp: Interpreter, _ value: Value?, _ name: String = "dim") throws -> [Int]? {
    guard let value, !value.isNone else { return nil }
    return try intList(interp, value, name)
}

/// A tensor's elements as nested Python lists (`tolist()`), or a number for 0-d tensors.
/// The elements are read once in row-major order and then grouped, dim by dim.
public func pythonValue(of tensor: Tensor) throws -> Value {
    if tensor.ndim == 0 { return pythonNumber(try rethrowingTorch { try tensor.item() }) }
    if tensor.shape.contains(0) { return emptyNestedList(tensor.shape[...]) }
    let numbers: [Value]
    switch tensor.dtype {
    case .float32, .float64: numbers = tensor.doubleValues().map { .float($0) }
    case .int64, .int32: numbers = tensor.int64Values().map { .int(Int($0)) }
    case .bool: numbers = tensor.int64Values().map { .bool($0 != 0) }
    }
    var level = numbers
    for size in tensor.shape.dropFirst().reversed() {
        var grouped: [Value] = []
        grouped.reserveCapacity(level.count / size)
        var start = 0
        while start + size <= level.count {
            grouped.append(.list(Array(level[start..<(start + size)])))
            start += size
        }
        level = grouped
    }
    return .list(level)
}

/// Nested lists for a shape holding a zero: `[2, 0, 3]` gives `[[], []]`.
private func emptyNestedList(_ shape: ArraySlice<Int>) -> Value {
    guard let first = shape.first, first > 0 else { return .list([]) }
    return .list((0..<first).map { _ in emptyNestedList(shape.dropFirst()) })
}

/// An engine scalar as a Python number.
public func pythonNumber(_ scalar: Scalar) -> Value {
    switch scalar {
    case .int(let i): return .int(Int(i))
    case .double(let d): return .float(d)
    case .bool(let b): return .bool(b)
    }
}
