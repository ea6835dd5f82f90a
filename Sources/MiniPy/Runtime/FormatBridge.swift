// Connects the formatting helpers in Support/ (float repr, format specs, % and str.format)
// to the value model.

/// `repr(float)` exactly as CPython prints it.
@inline(__always)
func formatFloatRepr(_ d: Double) -> String { pythonFloatRepr(d) }

extension SupportError {
    /// The Python exception this error stands for.
    var pythonException: PyExceptionObject {
        switch kind {
        case .valueError: return PyErr.valueError(message)
        case .typeError: return PyErr.typeError(message)
        case .overflowError: return PyErr.overflow(message)
        case .indexError: return PyErr.indexError(message)
        case .keyError: return PyErr.keyError(.str(message))
        case .zeroDivisionError: return PyErr.zeroDivision(message)
        }
    }
}

/// Runs a Support/ helper, turning its errors into Python exceptions.
@inline(__always)
func bridgingSupportErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as SupportError {
        throw e.pythonException
    }
}

extension Interpreter {
    /// Describes a value for the formatting helpers.
    func formatArgument(_ v: Value) -> FormatArgument {
        switch v {
        case .int(let i): return .int(i)
        case .bool(let b): return .bool(b)
        case .float(let d): return .float(d)
        case .str(let s): return .string(s)
        case .none, .object:
            return .object(typeName: v.typeName, str: { [unowned self] in try self.str(v) },
                           repr: { [unowned self] in try self.repr(v) })
        }
    }

    /// `format(value, spec)`: `__format__` for objects that define it, the format-spec
    /// mini-language for numbers and strings.
    public func format(_ v: Value, _ spec: String) throws -> String {
        if case .object(let o) = v, let m = o.type.lookup("__format__"), !ObjectBuiltins.isObjectMethod(m) {
            let r = try callSpecial(m, v, [.str(spec)])
            guard case .str(let s) = r else {
                throw PyErr.typeError("__format__ must return a str, not \(r.typeName)")
            }
            return s
        }
        if spec.isEmpty, case .str(let s) = v { return s }
        return try bridgingSupportErrors { try pythonFormat(formatArgument(v), spec: spec) }
    }

    /// `format % args`.
    func percentFormat(_ format: String, _ args: Value) throws -> String {
        let arguments: PercentArguments
        if case .object(let o) = args, let t = o as? PyTuple {
            arguments = .tuple(t.items.map { formatArgument($0) })
        } else if case .object(let o) = args, o is PyDict {
            arguments = .mapping(formatArgument(args), lookup: { [unowned self] key in
                self.formatArgument(try self.getItem(args, .str(key)))
            })
        } else {
            arguments = .single(formatArgument(args))
        }
        return try bridgingSupportErrors { try pythonPercentFormat(format, arguments) }
    }

    /// `template.format(*args, **kwargs)`.
    func strFormat(_ template: String, _ args: [Value], _ kwargs: KeywordArguments) throws -> String {
        let formatter = StrFormatter<Value>(
            positionalCount: args.count,
            positional: { i in
                guard i < args.count else {
                    throw PyErr.indexError("Replacement index \(i) out of range for positional args tuple")
                }
                return args[i]
            },
            keyword: { k in
                guard let v = kwargs.first(where: { $0.name == k })?.value else { throw PyErr.keyError(.str(k)) }
                return v
            },
            attribute: { [unowned self] v, name in try self.getAttribute(v, name) },
            item: { [unowned self] v, key in
                switch key {
                case .index(let i): return try self.getItem(v, .int(i))
                case .key(let n): return try self.getItem(v, .str(n))
                }
            },
            convert: { [unowned self] v, c in
                switch c {
                case "r": return .str(try self.repr(v))
                case "a": return .str(pythonAsciiEscape(try self.repr(v)))
                default: return .str(try self.str(v))
                }
            },
            format: { [unowned self] v, spec in try self.format(v, spec) })
        return try bridgingSupportErrors { try formatter.render(template) }
    }
}
