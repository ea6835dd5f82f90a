// Python exceptions: instances of BaseException and its subclasses, thrown as Swift errors.

/// One line of a traceback: where a frame was when the exception passed through it.
public struct TracebackEntry: Sendable, Equatable {
    /// The file as tracebacks print it.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The function name (`<module>` for module code).
    public var name: String
    /// Identifies the frame, so an entry is recorded once per frame.
    var frameID: ObjectIdentifier?
}

/// An exception instance. It is the Swift error thrown through the interpreter, so
/// `try`/`catch` in Swift and `try`/`except` in Python see the same object.
public final class PyExceptionObject: PyObject, Error, @unchecked Sendable {
    /// `e.args`.
    public var args: [Value]
    /// Frames the exception passed through, innermost first.
    public var traceback: [TracebackEntry] = []
    /// `__cause__` (set by `raise ... from`).
    public var cause: PyExceptionObject?
    /// `__context__`: the exception being handled when this one was raised.
    public var context: PyExceptionObject?
    /// `__suppress_context__`.
    public var suppressContext = false
    /// The parser's report, for SyntaxError/IndentationError raised while compiling.
    public var syntaxError: SyntaxErrorInfo?

    /// An exception of `type` with the given arguments.
    public init(type: PyType, args: [Value]) {
        self.args = args
        super.init(type: type)
    }

    /// An exception of `type` with a message as its only argument.
    public convenience init(_ type: PyType, _ message: String) {
        self.init(type: type, args: [.str(message)])
    }

    /// True when the exception is an instance of `type` (or a subclass).
    public func isInstance(of type: PyType) -> Bool { self.type.isSubtype(of: type) }
}

/// Builds the exceptions the runtime raises, worded as CPython words them.
public enum PyErr {
    public static func typeError(_ m: String) -> PyExceptionObject { PyExceptionObject(BuiltinTypes.typeError, m) }
    public static func valueError(_ m: String) -> PyExceptionObject { PyExceptionObject(BuiltinTypes.valueError, m) }
    public static func indexError(_ m: String) -> PyExceptionObject { PyExceptionObject(BuiltinTypes.indexError, m) }
    public static func keyError(_ key: Value) -> PyExceptionObject { PyExceptionObject(type: BuiltinTypes.keyError, args: [key]) }
    public static func attributeError(_ m: String) -> PyExceptionObject { PyExceptionObject(BuiltinTypes.attributeError, m) }
    public static func nameError(_ name: String) -> PyExceptionObject {
        PyExceptionObject(BuiltinTypes.nameError, "name '\(name)' is not defined")
    }
    public static func unboundLocal(_ name: String) -> PyExceptionObject {
        PyExceptionObject(BuiltinTypes.unboundLocalError,
                          "cannot access local variable '\(name)' where it is not associated with a value")
    }
    public static func zeroDivision(_ m: String) -> PyExceptionObject { PyExceptionObject(BuiltinTypes.zeroDivisionError, m) }
    public static func overflow(_ m: String = "integer overflow: result does not fit in 64 bits") -> PyExceptionObject {
        PyExceptionObject(BuiltinTypes.overflowError, m)
    }
    public static func runtimeError(_ m: String) -> PyExceptionObject { PyExceptionObject(BuiltinTypes.runtimeError, m) }
    public static func notImplemented(_ m: String) -> PyExceptionObject { PyExceptionObject(BuiltinTypes.notImplementedError, m) }
    public static func recursion() -> PyExceptionObject {
        PyExceptionObject(BuiltinTypes.recursionError, "maximum recursion depth exceeded")
    }
    public static func stopIteration(_ value: Value? = nil) -> PyExceptionObject {
        PyExceptionObject(type: BuiltinTypes.stopIteration, args: value.map { [$0] } ?? [])
    }
    public static func importError(_ m: String) -> PyExceptionObject { PyExceptionObject(BuiltinTypes.importError, m) }
    public static func moduleNotFound(_ name: String) -> PyExceptionObject {
        let e = PyExceptionObject(BuiltinTypes.moduleNotFoundError, "No module named '\(name)'")
        e.dict["name"] = .str(name)
        return e
    }
    public static func assertion(_ args: [Value]) -> PyExceptionObject { PyExceptionObject(type: BuiltinTypes.assertionError, args: args) }
    /// An OSError subclass with errno, message and file name, printed `[Errno 2] No such file or directory: 'x'`.
    public static func osError(_ type: PyType, errno: Int, message: String, filename: String?) -> PyExceptionObject {
        var args: [Value] = [.int(errno), .str(message)]
        if let filename { args.append(.str(filename)) }
        let e = PyExceptionObject(type: type, args: args)
        e.dict["errno"] = .int(errno)
        e.dict["strerror"] = .str(message)
        e.dict["filename"] = filename.map { .str($0) } ?? Value.none
        return e
    }
    /// `unsupported operand type(s) for +: 'int' and 'str'`.
    public static func unsupportedOperands(_ op: String, _ a: Value, _ b: Value) -> PyExceptionObject {
        typeError("unsupported operand type(s) for \(op): '\(a.typeName)' and '\(b.typeName)'")
    }
    /// `'int' object is not subscriptable` and friends.
    public static func notA(_ what: String, _ v: Value) -> PyExceptionObject {
        typeError("'\(v.typeName)' object is not \(what)")
    }
    /// `'Foo' object has no attribute 'bar'`.
    public static func noAttribute(_ v: Value, _ name: String) -> PyExceptionObject {
        let e: PyExceptionObject
        if case .object(let t as PyType) = v {
            e = attributeError("type object '\(t.name)' has no attribute '\(name)'")
        } else if case .object(let m as PyModule) = v {
            e = attributeError("module '\(m.name)' has no attribute '\(name)'")
        } else {
            e = attributeError("'\(v.typeName)' object has no attribute '\(name)'")
        }
        e.dict["name"] = .str(name)
        e.dict["obj"] = v
        return e
    }
}
