// Calls: a fast path binding positional arguments straight into the callee's slots, method
// calls that skip creating bound-method objects, and the general form with */** arguments.

/// `f(a, b)` with positional arguments only.
final class PositionalCallNode: ExprNode {
    let callee: ExprNode
    let args: ContiguousArray<ExprNode>
    init(callee: ExprNode, args: [ExprNode], line: Int) {
        self.callee = callee
        self.args = ContiguousArray(args)
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        let c = try callee.eval(f)
        if case .object(let o) = c {
            if let fn = o as? PyFunction {
                return try callPython(fn, receiver: nil, args: args, f)
            }
            if let nf = o as? PyNativeFunction {
                var argv: [Value] = []
                argv.reserveCapacity(args.count)
                for a in args { argv.append(try a.eval(f)) }
                return try nf.body(f.interp, argv, [])
            }
            if args.count == 1, let t = o as? PyType, let converted = try convertWithBuiltinType(t, f) {
                return converted
            }
            if let t = o as? PyType, t.makesPlainInstances, let initFunction = t.initFunction {
                // `Cls(a, b)` for a Python class: build the instance and run `__init__` in place.
                let obj = Value.object(PyInstance(type: t))
                let r = try callPython(initFunction, receiver: obj, args: args, f)
                if !r.isNone { throw PyErr.typeError("__init__() should return None, not '\(r.typeName)'") }
                return obj
            }
        }
        var argv: [Value] = []
        argv.reserveCapacity(args.count)
        for a in args { argv.append(try a.eval(f)) }
        return try f.interp.call(c, argv, [])
    }
}

extension PositionalCallNode {
    /// `float(x)`, `int(x)`, `str(x)`: the conversions a data-reading loop makes per field,
    /// done without building an argument array. Nil for any other type.
    @inline(__always)
    func convertWithBuiltinType(_ t: PyType, _ f: Frame) throws -> Value? {
        if t === BuiltinTypes.float { return .float(try NumberBuiltins.toFloat(f.interp, try args[0].eval(f))) }
        if t === BuiltinTypes.int { return .int(try NumberBuiltins.toInt(f.interp, try args[0].eval(f))) }
        if t === BuiltinTypes.str {
            let v = try args[0].eval(f)
            if case .int(let i) = v { return .str(String(i)) }
            return .str(try f.interp.str(v))
        }
        return nil
    }
}

/// Calls a Python function, evaluating the argument nodes straight into its new frame when
/// the signature allows it.
@inline(__always)
func callPython(_ fn: PyFunction, receiver: Value?, args: ContiguousArray<ExprNode>, _ f: Frame) throws -> Value {
    let code = fn.code
    let offset = receiver == nil ? 0 : 1
    let given = args.count + offset
    let npos = code.positionalCount
    if code.isSimple, given <= npos, given == npos || given >= npos - fn.defaults.count {
        var frame = code.makeFrame(globals: fn.globals, function: fn, interp: f.interp)
        if let receiver { frame.slots[0] = receiver }
        for i in 0..<args.count { frame.slots[i + offset] = try args[i].eval(f) }
        if given < npos {
            let firstDefault = npos - fn.defaults.count
            for i in given..<npos { frame.slots[i] = fn.defaults[i - firstDefault] }
        }
        let result = try f.interp.runFunction(fn, frame)
        code.recycle(&frame)
        return result
    }
    var argv: [Value] = []
    argv.reserveCapacity(given)
    if let receiver { argv.append(receiver) }
    for a in args { argv.append(try a.eval(f)) }
    let frame = try f.interp.bind(fn, argv, [])
    return try f.interp.runFunction(fn, frame)
}

/// `obj.name(a, b)`: looks the method up on the type and calls it with `obj` prepended,
/// without allocating a bound method.
final class MethodCallNode: ExprNode {
    let object: ExprNode
    let name: String
    let args: ContiguousArray<ExprNode>
    init(object: ExprNode, name: String, args: [ExprNode], line: Int) {
        self.object = object
        self.name = name
        self.args = ContiguousArray(args)
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        let recv = try object.eval(f)
        let interp = f.interp
        switch recv {
        case .object(let o):
            if let m = o as? PyModule {
                guard let fnv = m.namespace[name] else { throw PyErr.noAttribute(recv, name) }
                return try callValue(fnv, f)
            }
            if o is PyType || o is PySuper { break }
            let t = o.type
            if t.hasProperties { break }
            if !o.dict.isEmpty, let own = o.dict[name] { return try callValue(own, f) }
            if let method = cachedMethod, cachedType === t, cachedVersion == PyType.classVersion {
                switch method {
                case .python(let fn): return try callPython(fn, receiver: recv, args: args, f)
                case .native(let nf): return try callNative(nf, recv, f)
                }
            }
            if let attr = t.lookup(name), case .object(let a) = attr {
                if let fn = a as? PyFunction {
                    remember(t, .python(fn))
                    return try callPython(fn, receiver: recv, args: args, f)
                }
                if let nf = a as? PyNativeFunction {
                    remember(t, .native(nf))
                    return try callNative(nf, recv, f)
                }
            }
        default:
            let t = recv.type
            if case .native(let nf)? = cachedMethod, cachedType === t { return try callNative(nf, recv, f) }
            if let attr = t.lookup(name), case .object(let a) = attr, let nf = a as? PyNativeFunction {
                remember(t, .native(nf))
                return try callNative(nf, recv, f)
            }
        }
        let callee = try interp.getAttribute(recv, name)
        return try callValue(callee, f)
    }

    /// The method found on the receiver's type at the last call (an inline cache).
    private enum CachedMethod {
        case python(PyFunction)
        case native(PyNativeFunction)
    }
    private var cachedType: PyType?
    private var cachedMethod: CachedMethod?
    private var cachedVersion = 0

    private func remember(_ t: PyType, _ m: CachedMethod) {
        cachedType = t
        cachedMethod = m
        cachedVersion = PyType.classVersion
    }

    @inline(__always)
    private func callNative(_ nf: PyNativeFunction, _ recv: Value, _ f: Frame) throws -> Value {
        var argv: [Value] = []
        argv.reserveCapacity(args.count + 1)
        argv.append(recv)
        for a in args { argv.append(try a.eval(f)) }
        return try nf.body(f.interp, argv, [])
    }

    private func callValue(_ callee: Value, _ f: Frame) throws -> Value {
        if case .object(let o) = callee, let fn = o as? PyFunction {
            return try callPython(fn, receiver: nil, args: args, f)
        }
        var argv: [Value] = []
        argv.reserveCapacity(args.count)
        for a in args { argv.append(try a.eval(f)) }
        return try f.interp.call(callee, argv, [])
    }
}

/// One argument of a general call.
enum CallArgument {
    case positional(ExprNode)
    case unpacked(ExprNode)
    case keyword(String, ExprNode)
    case unpackedKeywords(ExprNode)
}

/// A call with keyword, `*args` or `**kwargs` arguments.
final class GeneralCallNode: ExprNode {
    let callee: ExprNode
    let args: [CallArgument]
    init(callee: ExprNode, args: [CallArgument], line: Int) {
        self.callee = callee
        self.args = args
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        let c = try callee.eval(f)
        let interp = f.interp
        var positional: [Value] = []
        var keywords: KeywordArguments = []
        for a in args {
            switch a {
            case .positional(let e): positional.append(try e.eval(f))
            case .unpacked(let e):
                let v = try e.eval(f)
                do {
                    positional.append(contentsOf: try interp.toArray(v))
                } catch let err as PyExceptionObject where err.isInstance(of: BuiltinTypes.typeError) {
                    throw PyErr.typeError("\(interp.callableName(c)) argument after * must be an iterable, not \(v.typeName)")
                }
            case .keyword(let k, let e):
                keywords.append((k, try e.eval(f)))
            case .unpackedKeywords(let e):
                let v = try e.eval(f)
                guard case .object(let o) = v, let d = o as? PyDict else {
                    if case .object(let o) = v, o.type.lookup("keys") != nil {
                        for k in try interp.toArray(interp.callMethod(v, "keys", [])) {
                            guard case .str(let ks) = k else { throw PyErr.typeError("keywords must be strings") }
                            keywords.append((ks, try interp.getItem(v, k)))
                        }
                        continue
                    }
                    throw PyErr.typeError("\(interp.callableName(c)) argument after ** must be a mapping, not \(v.typeName)")
                }
                for (k, val) in d.storage {
                    guard case .str(let ks) = k.value else { throw PyErr.typeError("keywords must be strings") }
                    if keywords.contains(where: { $0.name == ks }) {
                        throw PyErr.typeError("\(interp.callableName(c)) got multiple values for keyword argument '\(ks)'")
                    }
                    keywords.append((ks, val))
                }
            }
        }
        return try interp.call(c, positional, keywords)
    }
}

extension Interpreter {
    /// `f()` / `Foo.bar()` as CPython names a callable in call errors.
    func callableName(_ v: Value) -> String {
        if case .object(let o) = v {
            if let fn = o as? PyFunction { return "\(fn.qualname)()" }
            if let nf = o as? PyNativeFunction { return "\(nf.name)()" }
            if let t = o as? PyType { return "\(t.name)()" }
            if let m = o as? PyBoundMethod { return callableName(m.function) }
        }
        return "\(v.typeName) object"
    }
}
