// Binding the arguments of native functions by position and name, with CPython's errors.

/// The arguments of a native call bound to parameter names.
public struct NativeArguments {
    /// The function name used in error messages.
    public let function: String
    private let values: [Value?]
    private let names: [String]

    /// Binds `args`/`kwargs` to `names`; the first `required` names must be given.
    /// Errors read as CPython's: `round() takes at most 2 arguments (3 given)`,
    /// `'z' is an invalid keyword argument for sorted()`, `f() missing required argument 'x' (pos 1)`.
    public init(_ function: String, _ args: [Value], _ kwargs: KeywordArguments, names: [String], required: Int = 0) throws {
        self.function = function
        self.names = names
        if args.count > names.count {
            if names.count == required {
                throw PyErr.typeError("\(function)() takes \(names.count == 0 ? "no arguments" : "exactly \(names.count) argument\(names.count == 1 ? "" : "s")") (\(args.count) given)")
            }
            throw PyErr.typeError("\(function)() takes at most \(names.count) argument\(names.count == 1 ? "" : "s") (\(args.count) given)")
        }
        var vals = [Value?](repeating: nil, count: names.count)
        for (i, a) in args.enumerated() { vals[i] = a }
        for (k, v) in kwargs {
            guard let i = names.firstIndex(of: k) else {
                throw PyErr.typeError("'\(k)' is an invalid keyword argument for \(function)()")
            }
            if vals[i] != nil {
                throw PyErr.typeError("argument for \(function)() given by name ('\(k)') and position (\(i + 1))")
            }
            vals[i] = v
        }
        for i in 0..<required where vals[i] == nil {
            throw PyErr.typeError("\(function)() missing required argument '\(names[i])' (pos \(i + 1))")
        }
        values = vals
    }

    /// The argument bound to `name`, nil when not given.
    public subscript(_ name: String) -> Value? {
        guard let i = names.firstIndex(of: name) else { return nil }
        return values[i]
    }

    /// The argument at parameter position `i`, nil when not given.
    public subscript(_ i: Int) -> Value? {
        i < values.count ? values[i] : nil
    }
}

/// Checks a native call's positional argument count (`len() takes exactly one argument (2 given)`).
public func expectArgumentCount(_ function: String, _ args: [Value], _ kwargs: KeywordArguments, min: Int, max: Int) throws {
    if !kwargs.isEmpty {
        throw PyErr.typeError("\(function)() takes no keyword arguments")
    }
    if args.count < min || args.count > max {
        if min == max {
            let words = ["no arguments", "exactly one argument"]
            let what = min < words.count ? words[min] : "exactly \(min) arguments"
            throw PyErr.typeError("\(function)() takes \(what) (\(args.count) given)")
        }
        if args.count < min {
            throw PyErr.typeError("\(function) expected at least \(min) argument\(min == 1 ? "" : "s"), got \(args.count)")
        }
        throw PyErr.typeError("\(function) expected at most \(max) argument\(max == 1 ? "" : "s"), got \(args.count)")
    }
}

extension Value {
    /// The int inside, or a TypeError naming the expected kind.
    public func expectInt(_ what: String = "an integer") throws -> Int {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: throw PyErr.typeError("'\(typeName)' object cannot be interpreted as \(what)")
        }
    }

    /// The float value of an int, bool or float, or a TypeError.
    public func expectDouble(_ function: String = "") throws -> Double {
        switch self {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return d
        default: throw PyErr.typeError("must be real number, not \(typeName)")
        }
    }

    /// The string inside, or a TypeError.
    public func expectString(_ context: String) throws -> String {
        if case .str(let s) = self { return s }
        throw PyErr.typeError("\(context) must be str, not \(typeName)")
    }
}
