// `object`, `type`, `property`, `super` and iterator methods.

enum ObjectBuiltins {

    static func construct(_ interp: Interpreter, _ cls: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        if !args.isEmpty || !kwargs.isEmpty {
            if let i = cls.lookup("__init__"), isObjectInit(i) {
                throw PyErr.typeError("\(cls.name)() takes no arguments")
            }
        }
        if cls === BuiltinTypes.object { return .object(PyInstance(type: cls)) }
        return .object(PyInstance(type: cls))
    }

    static func isObjectInit(_ v: Value) -> Bool {
        if case .object(let o) = v, let f = o as? PyNativeFunction { return f.qualifier == "object" && f.name == "__init__" }
        return false
    }

    /// True for methods inherited from `object` (the default behaviours).
    static func isObjectMethod(_ v: Value) -> Bool {
        if case .object(let o) = v, let f = o as? PyNativeFunction { return f.qualifier == "object" }
        return false
    }

    /// True for `BaseException.__str__` (so exception subclasses use the args rule).
    static func isNativeExceptionStr(_ v: Value) -> Bool {
        if case .object(let o) = v, let f = o as? PyNativeFunction { return f.qualifier == "BaseException" || f.qualifier == "object" }
        return false
    }

    static func install(_ t: PyType) {
        t.define("__init__") { _, _, _ in .none }
        t.define("__eq__") { _, args, _ in
            guard args.count == 2 else { throw PyErr.typeError("expected 1 argument, got \(args.count - 1)") }
            return args[0].isIdentical(to: args[1]) ? .bool(true) : .notImplemented
        }
        t.define("__ne__") { interp, args, _ in
            guard args.count == 2 else { throw PyErr.typeError("expected 1 argument, got \(args.count - 1)") }
            return .bool(!(try interp.equals(args[0], args[1])))
        }
        t.define("__hash__") { interp, args, _ in .int(try interp.hashKey(args[0]).hash) }
        t.define("__repr__") { interp, args, _ in
            guard case .object(let o) = args[0] else { return .str(try interp.repr(args[0])) }
            let ty = o.type
            let prefix = ty.moduleName == "builtins" ? ty.name : "\(ty.moduleName).\(ty.qualname)"
            return .str("<\(prefix) object at \(interp.address(o))>")
        }
        t.define("__str__") { interp, args, _ in .str(try interp.repr(args[0])) }
        t.define("__format__") { interp, args, _ in
            guard args.count == 2, case .str(let spec) = args[1] else { throw PyErr.typeError("format spec must be str") }
            if !spec.isEmpty { throw PyErr.typeError("unsupported format string passed to \(args[0].typeName).__format__") }
            return .str(try interp.str(args[0]))
        }
        t.define("__setattr__") { interp, args, _ in
            guard args.count == 3, case .object(let o) = args[0], case .str(let name) = args[1] else {
                throw PyErr.typeError("__setattr__ expected 2 arguments")
            }
            try interp.genericSetAttribute(o, name, args[2])
            return .none
        }
        t.define("__getattribute__") { interp, args, _ in
            guard args.count == 2, case .str(let name) = args[1] else { throw PyErr.typeError("attribute name must be string") }
            guard let v = try interp.lookupAttribute(args[0], name) else { throw PyErr.noAttribute(args[0], name) }
            return v
        }
        t.define("__delattr__") { interp, args, _ in
            guard args.count == 2, case .object(let o) = args[0], case .str(let name) = args[1] else {
                throw PyErr.typeError("__delattr__ expected 1 argument")
            }
            guard o.dict.removeValue(forKey: name) != nil else { throw PyErr.noAttribute(args[0], name) }
            return .none
        }
    }

    static func constructType(_ interp: Interpreter, _ cls: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        if args.count == 1 { return .object(args[0].type) }
        throw PyErr.typeError("type() with 3 arguments (dynamic classes) is not supported by gradstep")
    }

    static func constructProperty(_ interp: Interpreter, _ cls: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        let a = try NativeArguments("property", args, kwargs, names: ["fget", "fset", "fdel", "doc"])
        return .object(PyProperty(getter: a[0] ?? .none, setter: a[1] ?? .none, deleter: a[2] ?? .none, doc: a[3] ?? .none))
    }

    /// `super()` (from the calling method's class and first argument) or `super(C, obj)`.
    static func constructSuper(_ interp: Interpreter, _ cls: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        if args.count == 2 {
            guard case .object(let o) = args[0], let start = o as? PyType else {
                throw PyErr.typeError("super() argument 1 must be a type, not \(args[0].typeName)")
            }
            let recvType: PyType
            if case .object(let r as PyType) = args[1] { recvType = r } else { recvType = args[1].type }
            guard recvType.isSubtype(of: start) else {
                throw PyErr.typeError("super(type, obj): obj must be an instance or subtype of type")
            }
            return .object(PySuper(startClass: start, receiver: args[1]))
        }
        guard args.isEmpty else { throw PyErr.typeError("super() takes 0 or 2 arguments") }
        guard let frame = interp.currentFrame, let fn = frame.function, let cls = fn.definingClass else {
            throw PyErr.runtimeError("super(): __class__ cell not found")
        }
        guard frame.code.slotCount > 0, !frame.code.positionalNames.isEmpty, var first = frame.slots[0] else {
            throw PyErr.runtimeError("super(): no arguments")
        }
        if frame.code.cellSlots.contains(0), case .object(let c as PyCell) = first, let inner = c.value { first = inner }
        return .object(PySuper(startClass: cls, receiver: first))
    }

    static func installProperty(_ t: PyType) {
        func prop(_ args: [Value]) throws -> PyProperty {
            guard case .object(let o)? = args.first, let p = o as? PyProperty, args.count == 2 else {
                throw PyErr.typeError("descriptor requires a 'property' object and one argument")
            }
            return p
        }
        t.define("setter") { _, args, _ in
            let p = try prop(args)
            return .object(PyProperty(getter: p.getter, setter: args[1], deleter: p.deleter, doc: p.doc))
        }
        t.define("getter") { _, args, _ in
            let p = try prop(args)
            return .object(PyProperty(getter: args[1], setter: p.setter, deleter: p.deleter, doc: p.doc))
        }
        t.define("deleter") { _, args, _ in
            let p = try prop(args)
            return .object(PyProperty(getter: p.getter, setter: p.setter, deleter: args[1], doc: p.doc))
        }
    }

    static func installIterator(_ t: PyType) {
        t.define("__iter__") { _, args, _ in args[0] }
        t.define("__next__") { interp, args, _ in
            guard case .object(let o) = args[0], let it = o as? PyIterator else { throw PyErr.typeError("not an iterator") }
            guard let v = try it.next(interp) else { throw PyErr.stopIteration() }
            return v
        }
    }
}

enum ExceptionBuiltins {
    static func construct(_ interp: Interpreter, _ cls: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        if !kwargs.isEmpty && !cls.isHeapType {
            throw PyErr.typeError("\(cls.name)() takes no keyword arguments")
        }
        return .object(PyExceptionObject(type: cls, args: args))
    }

    static func install(_ t: PyType) {
        t.define("__init__") { _, args, _ in
            if case .object(let o) = args[0], let e = o as? PyExceptionObject { e.args = Array(args.dropFirst()) }
            return .none
        }
        t.define("__str__") { interp, args, _ in
            guard case .object(let o) = args[0], let e = o as? PyExceptionObject else { return .str("") }
            return .str(try interp.exceptionMessage(e))
        }
        t.define("with_traceback") { _, args, _ in args[0] }
    }
}
