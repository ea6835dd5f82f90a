/// A JSON document as Python's `json` module sees it, independent of the interpreter's values.
public indirect enum JSONValue: Equatable, Sendable {
    /// `null` / `None`.
    case null
    /// `true` / `false`.
    case bool(Bool)
    /// An integer literal / `int`.
    case int(Int)
    /// A number with a fraction or exponent, `NaN`, `Infinity` / `float`.
    case float(Double)
    /// A string / `str`.
    case string(String)
    /// An array / `list` (or tuple when encoding).
    case array([JSONValue])
    /// An object / `dict`, in insertion order.
    case object([(key: JSONKey, value: JSONValue)])

    /// Structural equality (objects compare entry by entry, in order).
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.float(a), .float(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }
}

/// A dict key that `json.dumps` accepts: str, int, float, bool or None.
public enum JSONKey: Equatable, Sendable {
    /// A `str` key.
    case string(String)
    /// An `int` key, written as its decimal text.
    case int(Int)
    /// A `float` key, written as its repr (`NaN`, `Infinity` for the specials).
    case float(Double)
    /// A `bool` key, written `true` / `false`.
    case bool(Bool)
    /// A `None` key, written `null`.
    case null

    /// The key as it appears in the JSON text, before string escaping.
    var text: String {
        switch self {
        case .string(let s): return s
        case .int(let n): return String(n)
        case .float(let x): return jsonFloatText(x)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    /// The Python type name, for sorting errors.
    var typeName: String {
        switch self {
        case .string: return "str"
        case .int: return "int"
        case .float: return "float"
        case .bool: return "bool"
        case .null: return "NoneType"
        }
    }
}

/// A float as `json` writes it: its repr, or `NaN`, `Infinity`, `-Infinity`.
func jsonFloatText(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "Infinity" : "-Infinity" }
    return pythonFloatRepr(x)
}

/// `json.JSONDecodeError`: the message plus where in the document it happened.
public struct JSONDecodeFailure: Error, Equatable, CustomStringConvertible {
    /// The bare message (`Expecting value`).
    public let message: String
    /// Character offset in the document.
    public let position: Int
    /// 1-based line of the position.
    public let line: Int
    /// 1-based column of the position.
    public let column: Int

    /// `Expecting value: line 1 column 1 (char 0)`, as `str(err)` prints.
    public var description: String { "\(message): line \(line) column \(column) (char \(position))" }
}
