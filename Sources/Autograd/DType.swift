/// The element types a tensor can hold, named as PyTorch names them.
public enum DType: String, Sendable, CaseIterable {
    case float32, float64, int64, int32, bool

    /// PyTorch's printed name, e.g. `torch.float32`.
    public var torchName: String { "torch.\(rawValue)" }

    /// Bytes per element in storage.
    public var itemSize: Int {
        switch self {
        case .float32, .int32: return 4
        case .float64, .int64: return 8
        case .bool: return 1
        }
    }

    /// True for float32 and float64, the dtypes that can require grad.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }
}
