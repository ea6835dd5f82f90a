// Engine errors become Python exceptions with PyTorch's class and message.
import Autograd
import MiniPy

/// The Python exception for an error thrown by the engine, RNG or checkpoint code;
/// Python exceptions pass through unchanged.
public func pythonException(_ error: Error) -> Error {
    switch error {
    case let e as PyExceptionObject:
        return e
    case let e as TorchError:
        let type: PyType
        switch e.kind {
        case .runtimeError: type = BuiltinTypes.runtimeError
        case .indexError: type = BuiltinTypes.indexError
        case .valueError: type = BuiltinTypes.valueError
        case .typeError: type = BuiltinTypes.typeError
        case .notImplementedError: type = BuiltinTypes.notImplementedError
        }
        return PyExceptionObject(type, e.message)
    case let e as GeneratorError:
        return PyExceptionObject(e.pythonType == "ValueError" ? BuiltinTypes.valueError : BuiltinTypes.runtimeError,
                                 e.message)
    case let e as SafetensorsError:
        return PyExceptionObject(BuiltinTypes.runtimeError, e.description)
    default:
        return PyExceptionObject(BuiltinTypes.runtimeError, "\(error)")
    }
}

/// Runs engine code, turning its errors into Python exceptions.
@inline(__always)
public func rethrowingTorch<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw pythonException(error)
    }
}
