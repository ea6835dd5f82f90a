// `torch.tensor(data)`: nested lists, tuples, ranges, numbers and tensors read in PyTorch's
// three passes (torch/csrc/utils/tensor_new.cpp): the shape from the first element at each
// depth, the dtype from every element unless one is given, then every element stored with
// each level's length checked. Keeping the passes keeps PyTorch's first error the one raised,
// and storing straight into the tensor keeps a large table of rows from being copied twice.
import Autograd
import MiniPy

/// The most dimensions a tensor built from nested data may have, as in PyTorch.
private let maximumDataDimensions = 128

/// A tensor from Python data, for `torch.tensor`, `as_tensor`, `new_tensor`, `torch.Tensor([...])`
/// and lists used as indices or assigned through them; `dtype` nil infers it as PyTorch does.
public func tensorFromData(_ interp: Interpreter, _ data: Value, dtype: DType?) throws -> Tensor {
    if case .str = data { throw PyErr.typeError("new(): invalid data type 'str'") }
    let shape = try dataShape(data)
    let resolved = try dtype ?? inferredDType(data)
    var filler = try rethrowingTorch { try TensorFiller(shape: shape, dtype: resolved) }
    // PyTorch stores nothing when the shape holds a zero, whatever the rest of the data.
    if filler.tensor.count > 0 {
        let store = DataStore(interp: interp, shape: shape, dtype: resolved)
        try store.store(data, dim: 0, into: &filler)
    }
    return filler.tensor
}

/// A list used as an index (`x[[0, 2]]`): bool when its elements infer as bool (a mask), else
/// int64 whatever the numbers are, as PyTorch's `indexing_tensor_from_data` makes it.
func indexTensorFromData(_ interp: Interpreter, _ data: Value) throws -> Tensor {
    let inferred = try inferredDType(data)
    return try tensorFromData(interp, data, dtype: inferred == .bool ? .bool : .int64)
}

/// A list, tuple or range: what PyTorch's shape and dtype passes descend into.
private struct DataSequence {
    private enum Elements {
        case values([Value])
        case range(PyRange)
    }
    private let elements: Elements

    init?(_ value: Value) {
        guard case .object(let object) = value else { return nil }
        switch object {
        case let list as PyList: elements = .values(list.items)
        case let tuple as PyTuple: elements = .values(tuple.items)
        case let range as PyRange: elements = .range(range)
        default: return nil
        }
    }

    var count: Int {
        switch elements {
        case .values(let items): return items.count
        case .range(let range): return range.count
        }
    }

    /// The element at `index`, which must be below `count`.
    subscript(index: Int) -> Value {
        switch elements {
        case .values(let items): return items[index]
        case .range(let range): return .int(range.start &+ index &* range.step)
        }
    }

    /// True for a range: all of its elements are ints, so the dtype pass need not visit them.
    var isRange: Bool {
        if case .range = elements { return true }
        return false
    }
}

/// The shape: each level's length, following first elements. A non-empty string is a sequence
/// of strings without end, so PyTorch gives up on its dimensions.
private func dataShape(_ data: Value) throws -> [Int] {
    var shape: [Int] = []
    var level = data
    while true {
        if case .str(let text) = level {
            if text.isEmpty {
                shape.append(0)
                break
            }
            throw PyErr.valueError("too many dimensions 'str'")
        }
        guard let sequence = DataSequence(level) else { break }
        shape.append(sequence.count)
        if shape.count > maximumDataDimensions {
            throw PyErr.valueError("too many dimensions '\(level.typeName)'")
        }
        guard sequence.count > 0 else { break }
        level = sequence[0]
    }
    return shape
}

/// PyTorch's dtype inference over every element: any float (or float tensor) gives the
/// default float dtype, else any int gives int64, else bool; an empty list counts as a float.
/// Walks with its own stack, so deeply nested data cannot exhaust the thread's.
private func inferredDType(_ data: Value) throws -> DType {
    var result: DType?
    var pending: [Value] = [data]
    while let value = pending.popLast() {
        let kind: DType
        switch value {
        case .float: kind = .defaultFloat
        case .int: kind = .int64
        case .bool: kind = .bool
        case .str: throw PyErr.typeError("new(): invalid data type 'str'")
        case .none, .object:
            if let tensor = asTensor(value) {
                kind = tensor.dtype
            } else if let sequence = DataSequence(value) {
                if sequence.count == 0 {
                    kind = .defaultFloat
                } else if sequence.isRange {
                    kind = .int64
                } else {
                    // Reversed, so elements are visited in order and the first bad one is reported.
                    for index in stride(from: sequence.count - 1, through: 0, by: -1) { pending.append(sequence[index]) }
                    continue
                }
            } else {
                throw PyErr.runtimeError("Could not infer dtype of \(value.typeName)")
            }
        }
        result = result.map { DType.promote($0, kind) } ?? kind
    }
    return result ?? .defaultFloat
}

/// The store pass: checks each level's length against the shape and writes the numbers,
/// converted as PyTorch's `store_scalar` converts them for the dtype.
private struct DataStore {
    let interp: Interpreter
    let shape: [Int]
    let dtype: DType

    func store(_ value: Value, dim: Int, into filler: inout TensorFiller) throws {
        if dim == shape.count {
            filler.append(try scalar(value))
            return
        }
        let expected = shape[dim]
        let items = try elements(of: value)
        guard items.count == expected else {
            throw PyErr.valueError("expected sequence of length \(expected) at dim \(dim) (got \(items.count))")
        }
        for index in 0..<items.count { try store(try items[index], dim: dim + 1, into: &filler) }
    }

    /// A level's elements as Python's `PySequence_Fast` gives them: lists, tuples and ranges
    /// directly, a tensor as its rows, a string as its characters, any other iterable by
    /// iterating it. A TypeError from `iter()` becomes "not a sequence"; any other error,
    /// and every error raised while iterating, reaches the program as raised.
    private func elements(of value: Value) throws -> DataElements {
        if let sequence = DataSequence(value) { return .sequence(sequence) }
        if let tensor = asTensor(value) {
            guard tensor.ndim > 0 else { throw PyErr.typeError("not a sequence") }
            return .rows(tensor)
        }
        if case .str(let text) = value { return .values(text.map { .str(String($0)) }) }
        guard case .object = value else { throw PyErr.typeError("not a sequence") }
        let iterator: PyIterator
        do {
            iterator = try interp.iterate(value)
        } catch let error as PyExceptionObject where error.isInstance(of: BuiltinTypes.typeError) {
            throw PyErr.typeError("not a sequence")
        }
        var items: [Value] = []
        while let item = try iterator.next(interp) { items.append(item) }
        return .values(items)
    }

    /// One element converted for the dtype, with PyTorch's errors for what cannot be.
    private func scalar(_ value: Value) throws -> Scalar {
        switch dtype {
        case .float32, .float64: return .double(try realNumber(value))
        case .int64, .int32: return .int(try integer(value))
        case .bool: return .bool(try truthValue(value))
        }
    }

    private func realNumber(_ value: Value) throws -> Double {
        switch value {
        case .float(let d): return d
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        default:
            if let tensor = asTensor(value) {
                guard tensor.count == 1 else {
                    throw PyErr.valueError("only one element tensors can be converted to Python scalars")
                }
                return try rethrowingTorch { try tensor.item() }.doubleValue
            }
            throw PyErr.typeError("must be real number, not \(value.typeName)")
        }
    }

    private func integer(_ value: Value) throws -> Int64 {
        let wide: Int64
        switch value {
        case .int(let i): wide = Int64(i)
        case .bool(let b): wide = b ? 1 : 0
        case .float(let d):
            // Truncated toward zero, then within [-2^31, 2^31) or [-2^63, 2^63).
            let limit = dtype == .int32 ? 2_147_483_648.0 : 9_223_372_036_854_775_808.0
            let truncated = d.rounded(.towardZero)
            guard truncated.isFinite, truncated >= -limit, truncated < limit else { throw overflow() }
            wide = Int64(truncated)
        default:
            if let tensor = asTensor(value) {
                guard tensor.count == 1, !tensor.dtype.isFloatingPoint else {
                    throw PyErr.typeError("only integer tensors of a single element can be converted to an index")
                }
                wide = try rethrowingTorch { try tensor.item() }.int64Value
            } else {
                throw PyErr.typeError("'\(value.typeName)' object cannot be interpreted as an integer")
            }
        }
        if dtype == .int32, Int32(exactly: wide) == nil { throw overflow() }
        return wide
    }

    private func truthValue(_ value: Value) throws -> Bool {
        switch value {
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        default:
            // Anything else goes through `__index__`, as for the integer dtypes.
            return try integer(value) != 0
        }
    }

    private func overflow() -> PyExceptionObject {
        PyErr.runtimeError("value cannot be converted to type \(dtype.rawValue) without overflow")
    }
}

/// The elements of one level of data, read lazily where that spares a copy.
private enum DataElements {
    case sequence(DataSequence)
    case rows(Tensor)
    case values([Value])

    var count: Int {
        switch self {
        case .sequence(let sequence): return sequence.count
        case .rows(let tensor): return tensor.shape.first ?? 0
        case .values(let items): return items.count
        }
    }

    subscript(index: Int) -> Value {
        get throws {
            switch self {
            case .sequence(let sequence): return sequence[index]
            case .rows(let tensor): return wrap(try rethrowingTorch { try tensor.select(0, index) })
            case .values(let items): return items[index]
            }
        }
    }
}
