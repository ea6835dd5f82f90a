/// A fresh tensor written one element at a time in row-major order: how `torch.tensor`
/// stores numbers read from nested Python lists, without building them into an array first.
public struct TensorFiller {
    /// The tensor being written; complete once `isComplete`.
    public let tensor: Tensor
    private var position = 0

    /// Allocates a contiguous tensor of `shape` and `dtype`, checked against the allocation cap.
    public init(shape: [Int], dtype: DType) throws {
        try Tensor.checkShape(shape)
        tensor = try Tensor(checkedShape: shape, dtype: dtype, zeroed: true)
    }

    /// True when every element has been written.
    public var isComplete: Bool { position == tensor.count }

    /// Writes the next element, converted to the tensor's dtype; beyond the last it is ignored.
    public mutating func append(_ value: Scalar) {
        guard position < tensor.count else { return }
        let storage = tensor.storage
        switch tensor.dtype {
        case .float32: storage.typed(Float.self)[position] = Float(value.doubleValue)
        case .float64: storage.typed(Double.self)[position] = value.doubleValue
        case .int64: storage.typed(Int64.self)[position] = value.int64Value
        case .int32: storage.typed(Int32.self)[position] = Int32(truncatingIfNeeded: value.int64Value)
        case .bool: storage.typed(Bool.self)[position] = value.doubleValue != 0
        }
        position += 1
    }
}
