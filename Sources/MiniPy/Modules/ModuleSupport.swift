// Shared helpers for the native standard modules: argument checks worded as CPython's
// and the bridge from Support/'s errors to Python exceptions.

/// Runs a Support/ helper, turning `SupportError` and `NamedPythonError` into Python exceptions.
func withPythonErrors<T>(_ interp: Interpreter, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as SupportError {
        throw error.pythonException
    } catch let error as NamedPythonError {
        throw namedException(interp, error)
    }
}

/// The exception for a `NamedPythonError`: its builtin class, or a module's error class.
func namedException(_ interp: Interpreter, _ error: NamedPythonError) -> PyExceptionObject {
    switch error.className {
    case "RecursionError": return PyExceptionObject(BuiltinTypes.recursionError, error.message)
    case "_csv.Error": return PyExceptionObject(CSVModule.errorType, error.message)
    default: return PyErr.valueError(error.message)
    }
}

/// CPython's positional-count check for fixed-arity C functions: `pow expected 2 arguments, got 1`.
func expectPositional(_ name: String, _ args: [Value], _ kwargs: KeywordArguments, min: Int, max: Int) throws {
    if !kwargs.isEmpty { throw PyErr.typeError("\(name)() takes no keyword arguments") }
    if min == max, args.count != min {
        if min == 1 { throw PyErr.typeError("\(name)() takes exactly one argument (\(args.count) given)") }
        throw PyErr.typeError("\(name) expected \(min) arguments, got \(args.count)")
    }
    if args.count < min {
        throw PyErr.typeError("\(name) expected at least \(min) argument\(min == 1 ? "" : "s"), got \(args.count)")
    }
    if args.count > max {
        throw PyErr.typeError("\(name) expected at most \(max) argument\(max == 1 ? "" : "s"), got \(args.count)")
    }
}

extension Interpreter {
    /// `float(x)` as C functions taking a double see it: numbers, or objects with `__float__`.
    func doubleArgument(_ v: Value) throws -> Double {
        switch v {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return d
        case .object:
            if let method = specialMethod(v, "__float__") {
                let result = try callSpecial(method, v, [])
                if case .float(let d) = result { return d }
                throw PyErr.typeError("\(v.typeName).__float__ returned non-float (type \(result.typeName))")
            }
            fallthrough
        default:
            throw PyErr.typeError("must be real number, not \(v.typeName)")
        }
    }

    /// An index-like int (`operator.index`): ints and bools, or a TypeError naming the type.
    func indexArgument(_ v: Value) throws -> Int {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default:
            if case .object = v, let method = specialMethod(v, "__index__") {
                let result = try callSpecial(method, v, [])
                if case .int(let i) = result { return i }
            }
            throw PyErr.typeError("'\(v.typeName)' object cannot be interpreted as an integer")
        }
    }

    /// The value bound to a keyword, nil when not passed.
    func keyword(_ kwargs: KeywordArguments, _ name: String) -> Value? {
        kwargs.last { $0.name == name }?.value
    }

    /// Rejects keywords outside `allowed`, as CPython does for the named function.
    func checkKeywords(_ function: String, _ kwargs: KeywordArguments, allowed: [String]) throws {
        for (name, _) in kwargs where !allowed.contains(name) {
            throw PyErr.typeError("\(function)() got an unexpected keyword argument '\(name)'")
        }
    }
}
