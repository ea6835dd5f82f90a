/// A Python number as an operand: it takes part in type promotion as a "wrapped number"
/// (an int scalar keeps a float tensor's dtype, a float scalar lifts an int tensor to float32).
public enum Scalar: Sendable, Equatable, CustomStringConvertible {
    case int(Int64)
    case double(Double)
    case bool(Bool)

    /// The value as a Double.
    public var doubleValue: Double {
        switch self {
        case .int(let v): return Double(v)
        case .double(let v): return v
        case .bool(let v): return v ? 1 : 0
        }
    }

    /// The value as an Int64 (floats truncate).
    public var int64Value: Int64 {
        switch self {
        case .int(let v): return v
        case .double(let v): return Int64(clampingFloat: v)
        case .bool(let v): return v ? 1 : 0
        }
    }

    /// The dtype PyTorch gives a tensor made from this number.
    public var naturalDType: DType {
        switch self {
        case .int: return .int64
        case .double: return .defaultFloat
        case .bool: return .bool
        }
    }

    /// The dtype used for promotion: a Python float is Double-valued but weighs as float.
    var promotionDType: DType {
        switch self {
        case .int: return .int64
        case .double: return .float64
        case .bool: return .bool
        }
    }

    /// Python's repr of the number.
    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .double(let v): return formatPythonFloat(v)
        case .bool(let v): return v ? "True" : "False"
        }
    }
}

extension Scalar: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral {
    /// An int literal.
    public init(integerLiteral value: Int) { self = .int(Int64(value)) }
    /// A float literal.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A bool literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

/// Formats a Double as Python's `repr(float)` does for ordinary values.
func formatPythonFloat(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v > 0 ? "inf" : "-inf" }
    if v == v.rounded() && abs(v) < 1e16 { return (v.sign == .minus ? "-" : "") + "\(Int64(abs(v))).0" }
    return "\(v)"
}
