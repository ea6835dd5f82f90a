// Attribute access: instance dictionaries, class attributes, properties, methods.

extension Interpreter {
    /// `getattr(value, name)`.
    public func getAttribute(_ v: Value, _ name: String) throws -> Value {
        if let r = try lookupAttribute(v, name) { return r }
        if let ga = v.type.lookup("__getattr__") {
            return try callSpecial(ga, v, [.str(name)])
        }
        throw PyErr.noAttribute(v, name)
    }

    /// `getattr` without raising `AttributeError`: nil when absent (`__getattr__` not consulted).
    func lookupAttribute(_ v: Value, _ name: String) throws -> Value? {
        guard case .object(let o) = v else {
            guard let attr = v.type.lookup(name) else { return nil }
            return try bindAttribute(attr, to: v)
        }
        if let t = o as? PyType { return try typeAttribute(t, name) }
        if let m = o as? PyModule {
            if let r = m.namespace[name] { return r }
            if name == "__dict__" { return .object(moduleDict(m)) }
            return nil
        }
        if let s = o as? PySuper { return try superAttribute(s, name) }
        let t = o.type
        if !t.hasProperties, let r = o.dict[name] { return r }
        let attr = t.lookup(name)
        if let attr, case .object(let p as PyProperty) = attr {
            if p.getter.isNone { throw PyErr.attributeError("property '\(name)' of '\(t.name)' object has no getter") }
            return try call(p.getter, [v])
        }
        if let r = o.dict[name] { return r }
        if let attr { return try bindAttribute(attr, to: v) }
        return try specialAttribute(o, name)
    }

    /// Binds a class attribute found for an instance: functions become bound methods.
    @inline(__always)
    func bindAttribute(_ attr: Value, to v: Value) throws -> Value {
        guard case .object(let a) = attr else { return attr }
        if a is PyFunction || a is PyNativeFunction { return .object(PyBoundMethod(function: attr, receiver: v)) }
        if let sm = a as? PyStaticMethod { return sm.function }
        if let cm = a as? PyClassMethod { return .object(PyBoundMethod(function: cm.function, receiver: .object(v.type))) }
        if let p = a as? PyProperty { return try call(p.getter, [v]) }
        return attr
    }

    private func typeAttribute(_ t: PyType, _ name: String) throws -> Value? {
        if let attr = t.lookup(name) {
            guard case .object(let a) = attr else { return attr }
            if let sm = a as? PyStaticMethod { return sm.function }
            if let cm = a as? PyClassMethod { return .object(PyBoundMethod(function: cm.function, receiver: .object(t))) }
            return attr
        }
        switch name {
        case "__name__": return .str(t.name)
        case "__qualname__": return .str(t.qualname)
        case "__module__": return .str(t.moduleName)
        case "__mro__": return .tuple(t.mro.map { .object($0) })
        case "__bases__": return .tuple(t.base.map { [.object($0)] } ?? [])
        case "__base__": return t.base.map { .object($0) } ?? Value.none
        case "__dict__":
            let d = PyDict()
            for (k, v) in t.attributes { d.storage[HashKey(k)] = v }
            return .object(d)
        case "__doc__": return Value.none
        case "__class__": return .object(BuiltinTypes.type)
        case "mro":
            return .object(PyNativeFunction(name: "mro", qualifier: "type") { _, _, _ in .list(t.mro.map { .object($0) }) })
        case "__subclasses__":
            return nil
        default:
            // Methods of `type` itself are looked up on the metatype.
            if let m = BuiltinTypes.type.lookup(name), !(t === BuiltinTypes.type) {
                return try bindAttribute(m, to: .object(t))
            }
            return nil
        }
    }

    private func superAttribute(_ s: PySuper, _ name: String) throws -> Value? {
        let start: PyType
        if case .object(let recvType as PyType) = s.receiver, !(s.startClass === BuiltinTypes.type) {
            start = recvType
        } else {
            start = s.receiver.type
        }
        var found = false
        var next: PyType? = start
        while let cls = next {
            next = cls.base
            if found, let attr = cls.attributes[name] {
                guard case .object(let a) = attr else { return attr }
                if case .object(let t as PyType) = s.receiver {
                    if let cm = a as? PyClassMethod { return .object(PyBoundMethod(function: cm.function, receiver: .object(t))) }
                    if let sm = a as? PyStaticMethod { return sm.function }
                    return attr
                }
                return try bindAttribute(attr, to: s.receiver)
            }
            if cls === s.startClass { found = true }
        }
        if name == "__class__" { return .object(BuiltinTypes.superType) }
        return nil
    }

    /// Attributes every object has without storing them (`__class__`, `__dict__`, function names).
    private func specialAttribute(_ o: PyObject, _ name: String) throws -> Value? {
        switch name {
        case "__class__": return .object(o.type)
        case "__dict__":
            if o.type.instancesHaveDict { return .object(InstanceDictView.make(o)) }
            return nil
        default: break
        }
        if let f = o as? PyFunction {
            switch name {
            case "__name__": return .str(f.name)
            case "__qualname__": return .str(f.qualname)
            case "__module__": return .str(f.moduleName)
            case "__doc__": return f.code.docstring.map { .str($0) } ?? Value.none
            case "__defaults__": return f.defaults.isEmpty ? Value.none : .tuple(f.defaults)
            case "__code__": return Value.none
            default: return nil
            }
        }
        if let f = o as? PyNativeFunction {
            switch name {
            case "__name__": return .str(f.name)
            case "__qualname__": return .str(f.qualifier.map { "\($0).\(f.name)" } ?? f.name)
            case "__doc__": return Value.none
            default: return nil
            }
        }
        if let m = o as? PyBoundMethod {
            switch name {
            case "__self__": return m.receiver
            case "__func__": return m.function
            default: return try lookupAttribute(m.function, name)
            }
        }
        if let e = o as? PyExceptionObject {
            switch name {
            case "args": return .tuple(e.args)
            case "__cause__": return e.cause.map { .object($0) } ?? Value.none
            case "__context__": return e.context.map { .object($0) } ?? Value.none
            case "__suppress_context__": return .bool(e.suppressContext)
            case "__traceback__": return Value.none
            case "value" where e.isInstance(of: BuiltinTypes.stopIteration): return e.args.first ?? Value.none
            case "code" where e.isInstance(of: BuiltinTypes.systemExit): return e.args.first ?? Value.none
            default: return nil
            }
        }
        if let p = o as? PyProperty {
            switch name {
            case "fget": return p.getter
            case "fset": return p.setter
            case "__doc__": return p.doc
            default: return nil
            }
        }
        if let s = o as? PySlice {
            switch name {
            case "start": return s.start
            case "stop": return s.stop
            case "step": return s.step
            default: return nil
            }
        }
        if let r = o as? PyRange {
            switch name {
            case "start": return .int(r.start)
            case "stop": return .int(r.stop)
            case "step": return .int(r.step)
            default: return nil
            }
        }
        if let sm = o as? PyStaticMethod, name == "__func__" { return sm.function }
        if let cm = o as? PyClassMethod, name == "__func__" { return cm.function }
        return nil
    }

    /// `setattr(value, name, newValue)`.
    public func setAttribute(_ v: Value, _ name: String, _ newValue: Value) throws {
        guard case .object(let o) = v else {
            throw PyErr.noAttribute(v, name)
        }
        let t = o.type
        if t.isHeapType, let custom = t.customSetAttr {
            _ = try callSpecial(custom, v, [.str(name), newValue])
            return
        }
        try genericSetAttribute(o, name, newValue)
    }

    /// `object.__setattr__`: properties, then the instance dictionary.
    public func genericSetAttribute(_ o: PyObject, _ name: String, _ newValue: Value) throws {
        if let t = o as? PyType {
            guard t.isHeapType else {
                throw PyErr.typeError("cannot set '\(name)' attribute of immutable type '\(t.name)'")
            }
            t.setClassAttribute(name, newValue)
            return
        }
        if let m = o as? PyModule {
            m.namespace[name] = newValue
            return
        }
        let t = o.type
        if t.hasProperties, case .object(let p as PyProperty)? = t.lookup(name) {
            if p.setter.isNone {
                throw PyErr.attributeError("property '\(name)' of '\(t.name)' object has no setter")
            }
            _ = try call(p.setter, [.object(o), newValue])
            return
        }
        if o is PyExceptionObject, name == "__cause__" {
            if case .object(let c as PyExceptionObject) = newValue { (o as? PyExceptionObject)?.cause = c }
            return
        }
        guard t.instancesHaveDict || o is PyFunction else {
            throw PyErr.noAttribute(.object(o), name)
        }
        o.dict[name] = newValue
    }

    /// `delattr(value, name)`.
    public func deleteAttribute(_ v: Value, _ name: String) throws {
        guard case .object(let o) = v else { throw PyErr.noAttribute(v, name) }
        if let t = o as? PyType, t.isHeapType {
            guard t.attributes.removeValue(forKey: name) != nil else { throw PyErr.noAttribute(v, name) }
            return
        }
        if let m = o as? PyModule {
            guard m.namespace[name] != nil else { throw PyErr.noAttribute(v, name) }
            m.namespace[name] = nil
            return
        }
        if o.type.isHeapType, let custom = o.type.lookup("__delattr__"), !ObjectBuiltins.isObjectMethod(custom) {
            _ = try callSpecial(custom, v, [.str(name)])
            return
        }
        if o.type.hasProperties, case .object(let p as PyProperty)? = o.type.lookup(name) {
            if p.deleter.isNone { throw PyErr.attributeError("property '\(name)' of '\(o.type.name)' object has no deleter") }
            _ = try call(p.deleter, [v])
            return
        }
        guard o.dict.removeValue(forKey: name) != nil else { throw PyErr.noAttribute(v, name) }
    }

    func moduleDict(_ m: PyModule) -> PyDict {
        let d = PyDict()
        for (k, v) in m.namespace.bindings { d.storage[HashKey(k)] = v }
        return d
    }
}

/// `obj.__dict__`: a live view of the instance attributes.
enum InstanceDictView {
    static func make(_ o: PyObject) -> PyObject { PyAttributeDict(owner: o) }
}

extension PyType {
    /// Sets a class attribute, keeping the cached flags current.
    func setClassAttribute(_ name: String, _ value: Value) {
        attributes[name] = value
        refreshFlags()
        PyType.bumpClassVersion()
    }
}
