/// A failure raised by the generator or its helpers, carrying PyTorch's wording and the
/// Python exception class it raises.
public struct GeneratorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The Python exception class name, e.g. `RuntimeError` or `ValueError`.
    public let pythonType: String
    /// PyTorch's message, word for word.
    public let message: String

    /// Creates an error of the given Python class.
    public init(pythonType: String, message: String) {
        self.pythonType = pythonType
        self.message = message
    }

    /// A `RuntimeError` with PyTorch's message.
    public static func runtime(_ message: String) -> GeneratorError {
        GeneratorError(pythonType: "RuntimeError", message: message)
    }

    /// A `ValueError` with PyTorch's message.
    public static func value(_ message: String) -> GeneratorError {
        GeneratorError(pythonType: "ValueError", message: message)
    }

    /// `Type: message`, as Python prints the last line of a traceback.
    public var description: String { "\(pythonType): \(message)" }
}
