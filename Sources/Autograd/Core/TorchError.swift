/// An error with PyTorch's Python exception class and its exact message.
public struct TorchError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The Python exception class the error maps to.
    public enum Kind: String, Sendable {
        case runtimeError = "RuntimeError"
        case indexError = "IndexError"
        case valueError = "ValueError"
        case typeError = "TypeError"
        case notImplementedError = "NotImplementedError"
    }

    /// Which Python exception this is.
    public let kind: Kind
    /// PyTorch's message, word for word.
    public let message: String

    /// Creates an error of the given kind.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A RuntimeError.
    public static func runtime(_ message: String) -> TorchError { TorchError(.runtimeError, message) }
    /// An IndexError.
    public static func index(_ message: String) -> TorchError { TorchError(.indexError, message) }
    /// A ValueError.
    public static func value(_ message: String) -> TorchError { TorchError(.valueError, message) }
    /// A TypeError.
    public static func type(_ message: String) -> TorchError { TorchError(.typeError, message) }

    /// `RuntimeError: message`.
    public var description: String { "\(kind.rawValue): \(message)" }

    /// The message shown when backward runs through freed saved tensors.
    public static let backwardTwiceMessage =
        "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward."
}
