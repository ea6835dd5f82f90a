/// A value handed to the formatting helpers, described without the interpreter's value type.
public enum FormatArgument {
    /// A Python `int`.
    case int(Int)
    /// A Python `bool` (formats as `True`/`False` with `%s`, as 1/0 with `%d`).
    case bool(Bool)
    /// A Python `float`.
    case float(Double)
    /// A Python `str`.
    case string(String)
    /// Any other object: its type name, and how to get its `str()` and `repr()` when needed.
    case object(typeName: String, str: () throws -> String, repr: () throws -> String)

    /// The Python type name, as used in error messages.
    public var typeName: String {
        switch self {
        case .int: return "int"
        case .bool: return "bool"
        case .float: return "float"
        case .string: return "str"
        case .object(let typeName, _, _): return typeName
        }
    }

    /// `str(value)`.
    public func str() throws -> String {
        switch self {
        case .int(let n): return String(n)
        case .bool(let b): return b ? "True" : "False"
        case .float(let x): return pythonFloatRepr(x)
        case .string(let s): return s
        case .object(_, let str, _): return try str()
        }
    }

    /// `repr(value)`.
    public func repr() throws -> String {
        switch self {
        case .string(let s): return pythonStringRepr(s)
        case .object(_, _, let repr): return try repr()
        default: return try str()
        }
    }
}

/// `format(value, spec)` for any argument: numbers and strings use their `__format__`;
/// other objects follow `object.__format__` (empty spec gives `str()`, anything else is a TypeError).
public func pythonFormat(_ value: FormatArgument, spec: String) throws -> String {
    switch value {
    case .int(let n): return try FormatSpec.format(n, spec: spec)
    // bool inherits int.__format__, which uses str() only for an empty spec.
    case .bool(let b): return spec.isEmpty ? (b ? "True" : "False") : try FormatSpec.format(b ? 1 : 0, spec: spec)
    case .float(let x): return try FormatSpec.format(x, spec: spec)
    case .string(let s): return try FormatSpec.format(s, spec: spec)
    case .object(let typeName, let str, _):
        if spec.isEmpty { return try str() }
        throw SupportError.type("unsupported format string passed to \(typeName).__format__")
    }
}
