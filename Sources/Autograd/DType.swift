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

    /// True for int32 and int64.
    public var isIntegral: Bool { self == .int32 || self == .int64 }

    /// The legacy tensor type name PyTorch prints in error messages, e.g. `torch.FloatTensor`.
    public var legacyTypeName: String {
        switch self {
        case .float32: return "torch.FloatTensor"
        case .float64: return "torch.DoubleTensor"
        case .int64: return "torch.LongTensor"
        case .int32: return "torch.IntTensor"
        case .bool: return "torch.BoolTensor"
        }
    }

    /// PyTorch's scalar-type name used in messages, e.g. `Float`, `Long`.
    public var scalarTypeName: String {
        switch self {
        case .float32: return "Float"
        case .float64: return "Double"
        case .int64: return "Long"
        case .int32: return "Int"
        case .bool: return "Bool"
        }
    }

    /// The C++ type name PyTorch prints in some messages, e.g. `float`, `long int`.
    public var cTypeName: String {
        switch self {
        case .float32: return "float"
        case .float64: return "double"
        case .int64: return "long int"
        case .int32: return "int"
        case .bool: return "bool"
        }
    }

    /// The dtype PyTorch creates floating tensors with by default.
    public static let defaultFloat: DType = .float32

    /// Category used by type promotion: bool < integral < floating.
    var category: Int {
        switch self {
        case .bool: return 0
        case .int32, .int64: return 1
        case .float32, .float64: return 2
        }
    }

    /// PyTorch's `promote_types` for two dtypes.
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        if a.category != b.category { return a.category > b.category ? a : b }
        switch a.category {
        case 1: return (a == .int64 || b == .int64) ? .int64 : .int32
        case 2: return (a == .float64 || b == .float64) ? .float64 : .float32
        default: return a
        }
    }

    /// The dtype after integral or bool inputs are lifted to floating point.
    public var toFloating: DType { isFloatingPoint ? self : .defaultFloat }
}
