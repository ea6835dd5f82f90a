// Allocation-free argument binding for the tensor natives.
//
// Tensor methods run in every training step, so their arguments are read by position first
// and only then by scanning the (usually empty) keyword list; no dictionary is built per call.
import Autograd
import MiniPy

/// The argument at `position` (self is position 0 for methods), or the keyword `name`.
@inline(__always)
func argument(_ args: [Value], _ kwargs: KeywordArguments, _ position: Int, _ name: String) -> Value? {
    if position < args.count { return args[position] }
    if kwargs.isEmpty { return nil }
    for (k, v) in kwargs where k == name { return v }
    return nil
}

/// Like `argument`, but None counts as absent.
@inline(__always)
func presentArgument(_ args: [Value], _ kwargs: KeywordArguments, _ position: Int, _ name: String) -> Value? {
    guard let v = argument(args, kwargs, position, name), !v.isNone else { return nil }
    return v
}

/// Rejects keywords a native does not take, with PyTorch's wording.
@inline(__always)
func checkKeywords(_ kwargs: KeywordArguments, _ allowed: [String], _ function: String) throws {
    if kwargs.isEmpty { return }
    for (k, _) in kwargs where !allowed.contains(k) {
        throw PyErr.typeError("\(function)() got an unexpected keyword argument '\(k)'")
    }
}

/// The receiver of a tensor method (`args[0]`).
@inline(__always)
func selfTensor(_ args: [Value], _ function: String) throws -> Tensor {
    if let first = args.first, case .object(let o) = first, let t = o as? PyTensor { return t.tensor }
    throw PyErr.typeError("descriptor '\(function)' requires a 'torch._C.TensorBase' object but received '\(args.first?.typeName ?? "nothing")'")
}

/// A required tensor argument by position or name.
@inline(__always)
func requiredTensor(_ args: [Value], _ kwargs: KeywordArguments, _ position: Int, _ name: String,
                    _ function: String) throws -> Tensor {
    guard let v = argument(args, kwargs, position, name) else {
        throw PyErr.typeError("\(function)() missing required argument '\(name)' (pos \(position + 1))")
    }
    return try tensorArgument(v, name, function: function)
}

/// A required argument of any kind.
@inline(__always)
func requiredArgument(_ args: [Value], _ kwargs: KeywordArguments, _ position: Int, _ name: String,
                      _ function: String) throws -> Value {
    guard let v = argument(args, kwargs, position, name) else {
        throw PyErr.typeError("\(function)() missing required argument '\(name)' (pos \(position + 1))")
    }
    return v
}

/// An optional int (None or absent gives nil).
@inline(__always)
func optionalInt(_ args: [Value], _ kwargs: KeywordArguments, _ position: Int, _ name: String) throws -> Int? {
    guard let v = presentArgument(args, kwargs, position, name) else { return nil }
    return try intArgument(v, name)
}

/// A bool with a default.
@inline(__always)
func flag(_ args: [Value], _ kwargs: KeywordArguments, _ position: Int, _ name: String, _ fallback: Bool) throws -> Bool {
    guard let v = presentArgument(args, kwargs, position, name) else { return fallback }
    return try boolArgument(v, name)
}

/// A float with a default.
@inline(__always)
func real(_ args: [Value], _ kwargs: KeywordArguments, _ position: Int, _ name: String, _ fallback: Double) throws -> Double {
    guard let v = presentArgument(args, kwargs, position, name) else { return fallback }
    return try doubleArgument(v, name)
}

/// Sizes given as varargs after the receiver (`x.view(2, 3)`) or as one sequence (`x.view((2, 3))`).
func trailingShape(_ interp: Interpreter, _ args: [Value], from start: Int, _ kwargs: KeywordArguments,
                   keyword: String) throws -> [Int] {
    if args.count <= start {
        if let v = argument([], kwargs, 0, keyword) { return try intList(interp, v, keyword) }
        return []
    }
    if args.count == start + 1, !isIntLike(args[start]) {
        return try intList(interp, args[start], keyword)
    }
    var out: [Int] = []
    out.reserveCapacity(args.count - start)
    for i in start..<args.count { out.append(try intArgument(args[i], keyword)) }
    return out
}

/// Writes `result` into the `out=` tensor when one is given and returns what the call returns.
@inline(__always)
func finish(_ result: Tensor, _ kwargs: KeywordArguments) throws -> Value {
    if !kwargs.isEmpty, let out = argument([], kwargs, 0, "out"), !out.isNone {
        let target = try tensorArgument(out, "out")
        try rethrowingTorch {
            if target.shape == result.shape {
                _ = try target.copy_(result)
            } else {
                target.setData(try result.to(target.dtype).contiguous().detach())
            }
        }
        return out
    }
    return wrap(result)
}

/// A Python number or tensor operand: either the tensor or the scalar is set.
enum Operand {
    case tensor(Tensor)
    case scalar(Scalar)

    /// Reads a tensor or Python number; nil for anything else.
    @inline(__always)
    init?(_ value: Value) {
        switch value {
        case .int(let i): self = .scalar(.int(Int64(i)))
        case .float(let d): self = .scalar(.double(d))
        case .bool(let b): self = .scalar(.bool(b))
        case .object(let o):
            guard let t = o as? PyTensor else { return nil }
            self = .tensor(t.tensor)
        default: return nil
        }
    }

    /// The operand as a tensor: numbers become 0-d tensors of their natural dtype.
    var asTensor: Tensor {
        switch self {
        case .tensor(let t): return t
        case .scalar(let s): return Tensor.scalar(s, dtype: s.isFloatingPoint ? .defaultFloat : nil)
        }
    }
}

extension Scalar {
    /// True for a Python float.
    var isFloatingPoint: Bool {
        if case .double = self { return true }
        return false
    }
}

/// A tensor-or-number argument, or PyTorch's TypeError.
@inline(__always)
func operand(_ value: Value, _ name: String, _ function: String) throws -> Operand {
    guard let op = Operand(value) else {
        throw PyErr.typeError("\(function)(): argument '\(name)' (position 2) must be Tensor, not \(value.typeName)")
    }
    return op
}
