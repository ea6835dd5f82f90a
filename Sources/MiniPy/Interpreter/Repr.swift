// `repr()` and `str()` of every value, as CPython prints them.

extension Interpreter {
    /// `repr(v)`.
    public func repr(_ v: Value) throws -> String {
        switch v {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let d): return formatFloatRepr(d)
        case .str(let s): return quoteString(s)
        case .object(let o): return try reprObject(o, v)
        }
    }

    /// `str(v)`.
    public func str(_ v: Value) throws -> String {
        switch v {
        case .str(let s): return s
        case .object(let o):
            if let e = o as? PyExceptionObject, !(o.type.isHeapType && o.type.lookup("__str__").map { !ObjectBuiltins.isNativeExceptionStr($0) } ?? false) {
                return try exceptionMessage(e)
            }
            if let m = o.type.lookup("__str__"), !ObjectBuiltins.isObjectMethod(m) {
                let r = try callSpecial(m, v, [])
                guard case .str(let s) = r else {
                    throw PyErr.typeError("__str__ returned non-string (type \(r.typeName))")
                }
                return s
            }
            return try repr(v)
        default: return try repr(v)
        }
    }

    /// The text after `ValueError: ` in a traceback (`str(e)`).
    public func exceptionMessage(_ e: PyExceptionObject) throws -> String {
        if let info = e.syntaxError { return "\(info.displayMessage) (\(info.file), line \(info.line))" }
        if e.isInstance(of: BuiltinTypes.keyError), e.args.count == 1 { return try repr(e.args[0]) }
        if e.isInstance(of: BuiltinTypes.osError), e.args.count >= 2, case .int(let n) = e.args[0] {
            let msg = try str(e.args[1])
            if e.args.count >= 3 { return "[Errno \(n)] \(msg): \(try repr(e.args[2]))" }
            return "[Errno \(n)] \(msg)"
        }
        switch e.args.count {
        case 0: return ""
        case 1: return try str(e.args[0])
        default: return try repr(.tuple(e.args))
        }
    }

    private func reprObject(_ o: PyObject, _ v: Value) throws -> String {
        let id = ObjectIdentifier(o)
        if let l = o as? PyList, o.type === BuiltinTypes.list {
            if reprInProgress.contains(id) { return "[...]" }
            reprInProgress.insert(id)
            defer { reprInProgress.remove(id) }
            return "[" + (try l.items.map { try repr($0) }.joined(separator: ", ")) + "]"
        }
        if let t = o as? PyTuple, o.type === BuiltinTypes.tuple {
            if t.items.count == 1 { return "(" + (try repr(t.items[0])) + ",)" }
            return "(" + (try t.items.map { try repr($0) }.joined(separator: ", ")) + ")"
        }
        if let d = o as? PyDict, !o.type.isHeapType || o.type.lookup("__repr__").map(ObjectBuiltins.isObjectMethod) ?? true {
            // Subclasses without their own __repr__ print as a dict does, as in CPython.
            return try dictRepr(d)
        }
        if let s = o as? PySet, o.type === BuiltinTypes.set {
            if s.storage.isEmpty { return "set()" }
            return "{" + (try SetOrder.ordered(s.storage).map { try repr($0.value) }.joined(separator: ", ")) + "}"
        }
        if let s = o as? PyFrozenSet {
            if s.storage.isEmpty { return "frozenset()" }
            return "frozenset({" + (try SetOrder.ordered(s.storage).map { try repr($0.value) }.joined(separator: ", ")) + "})"
        }
        if let m = o.type.lookup("__repr__"), !ObjectBuiltins.isObjectMethod(m) {
            if reprInProgress.contains(id), o.type.isHeapType { return "..." }
            let r = try callSpecial(m, v, [])
            guard case .str(let s) = r else {
                throw PyErr.typeError("__repr__ returned non-string (type \(r.typeName))")
            }
            return s
        }
        return try defaultRepr(o)
    }

    /// Reprs of the builtin non-container objects.
    private func defaultRepr(_ o: PyObject) throws -> String {
        switch o {
        case let t as PyType:
            if t.isHeapType || t.moduleName != "builtins" { return "<class '\(t.moduleName).\(t.qualname)'>" }
            return "<class '\(t.name)'>"
        case let f as PyFunction:
            return "<function \(f.qualname) at \(address(o))>"
        case let f as PyNativeFunction:
            if let q = f.qualifier { return "<method '\(f.name)' of '\(q)' objects>" }
            return "<built-in function \(f.name)>"
        case let m as PyBoundMethod:
            if case .object(let fo) = m.function, let nf = fo as? PyNativeFunction {
                return "<built-in method \(nf.name) of \(m.receiver.typeName) object at \(address(m.receiver.asObject ?? o))>"
            }
            let qual = (m.function.asObject as? PyFunction)?.qualname ?? "?"
            return "<bound method \(qual) of \(try repr(m.receiver))>"
        case let m as PyModule:
            if let file = m.file { return "<module '\(m.name)' from '\(file)'>" }
            return "<module '\(m.name)' (built-in)>"
        case let r as PyRange:
            return r.step == 1 ? "range(\(r.start), \(r.stop))" : "range(\(r.start), \(r.stop), \(r.step))"
        case let s as PySlice:
            return "slice(\(try repr(s.start)), \(try repr(s.stop)), \(try repr(s.step)))"
        case let e as PyExceptionObject:
            let inner = e.args.count == 1 ? try repr(e.args[0]) : try e.args.map { try repr($0) }.joined(separator: ", ")
            return "\(e.type.name)(\(inner))"
        case let f as PyTextFile:
            return "<_io.TextIOWrapper name='\(f.name)' mode='\(f.mode)' encoding='UTF-8'>"
        case is PyCell:
            return "<cell at \(address(o))>"
        default:
            if o === BuiltinTypes.notImplementedObject { return "NotImplemented" }
            if o === BuiltinTypes.ellipsisObject { return "Ellipsis" }
            if let l = o as? PyList { return try repr(.list(l.items)) }
            let t = o.type
            let prefix = t.moduleName == "builtins" ? t.name : "\(t.moduleName).\(t.qualname)"
            return "<\(prefix) object at \(address(o))>"
        }
    }

    /// `0x7f...` for an object, as `id()` and default reprs show it.
    func address(_ o: PyObject) -> String {
        "0x" + String(UInt(bitPattern: ObjectIdentifier(o).hashValue), radix: 16).leftPadded(to: 12)
    }

    /// A string literal as `repr` writes it.
    public func quoteString(_ s: String) -> String { pythonStringRepr(s) }
}

extension String {
    /// Pads with zeros on the left to `width` characters.
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

extension Interpreter {
    /// `dict.__repr__`: `{key: value, ...}`, `{...}` where the dict contains itself.
    func dictRepr(_ d: PyDict) throws -> String {
        let id = ObjectIdentifier(d)
        if reprInProgress.contains(id) { return "{...}" }
        reprInProgress.insert(id)
        defer { reprInProgress.remove(id) }
        return "{" + (try d.storage.map { try repr($0.key.value) + ": " + repr($0.value) }.joined(separator: ", ")) + "}"
    }
}
