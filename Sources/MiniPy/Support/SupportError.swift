/// An error raised by the formatting, `random` and `math` helpers, carrying the CPython
/// exception type and its exact message so the interpreter can raise it unchanged.
public struct SupportError: Error, Equatable, CustomStringConvertible {
    /// The CPython exception class the error maps to.
    public enum Kind: String, Sendable {
        /// `ValueError`.
        case valueError = "ValueError"
        /// `TypeError`.
        case typeError = "TypeError"
        /// `OverflowError`.
        case overflowError = "OverflowError"
        /// `IndexError`.
        case indexError = "IndexError"
        /// `KeyError` (the message is the missing key).
        case keyError = "KeyError"
        /// `ZeroDivisionError`.
        case zeroDivisionError = "ZeroDivisionError"
    }

    /// Which exception class to raise.
    public let kind: Kind
    /// The exception's message, worded as CPython words it.
    public let message: String

    /// Creates an error of the given class with CPython's message.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// `ValueError: message`.
    static func value(_ message: String) -> SupportError { SupportError(.valueError, message) }
    /// `TypeError: message`.
    static func type(_ message: String) -> SupportError { SupportError(.typeError, message) }
    /// `OverflowError: message`.
    static func overflow(_ message: String) -> SupportError { SupportError(.overflowError, message) }

    /// The traceback's last line: `ValueError: message`.
    public var description: String { "\(kind.rawValue): \(message)" }
}

/// An error of a Python class outside `SupportError.Kind`, named by its class
/// (`RecursionError`, `_csv.Error`); the module that raises it maps the name to the class.
public struct NamedPythonError: Error, Equatable, CustomStringConvertible {
    /// The class as tracebacks print it (`_csv.Error`).
    public let className: String
    /// The exception's message.
    public let message: String

    /// Creates an error of the named class.
    public init(_ className: String, _ message: String) {
        self.className = className
        self.message = message
    }

    /// `csv.Error` as CPython names it in tracebacks.
    static func csv(_ message: String) -> NamedPythonError { NamedPythonError("_csv.Error", message) }

    /// The traceback's last line.
    public var description: String { "\(className): \(message)" }
}
