// `obj.__dict__` and `vars(obj)`: a dictionary whose reads and writes go to the instance.

/// A live view of an object's attributes that behaves as a `dict` of str keys.
final class PyAttributeDict: PyObject {
    let owner: PyObject
    init(owner: PyObject) {
        self.owner = owner
        super.init(type: BuiltinTypes.attributeDict)
    }

    /// A snapshot as a real dict (for printing, copying and iteration).
    var snapshot: PyDict {
        let d = PyDict()
        for (k, v) in owner.dict { d.storage[HashKey(k)] = v }
        return d
    }
}

enum AttributeDictBuiltins {
    static func view(_ args: [Value]) throws -> PyAttributeDict {
        guard case .object(let o)? = args.first, let v = o as? PyAttributeDict else { throw PyErr.typeError("expected an attribute dict") }
        return v
    }

    static func key(_ args: [Value], _ i: Int) throws -> String {
        guard i < args.count else { throw PyErr.typeError("missing key") }
        guard case .str(let k) = args[i] else { throw PyErr.keyError(args[i]) }
        return k
    }

    static func install(_ t: PyType) {
        t.define("__getitem__") { _, args, _ in
            let v = try view(args)
            let k = try key(args, 1)
            guard let r = v.owner.dict[k] else { throw PyErr.keyError(args[1]) }
            return r
        }
        t.define("__setitem__") { _, args, _ in
            let v = try view(args)
            guard args.count == 3 else { throw PyErr.typeError("expected 2 arguments") }
            v.owner.dict[try key(args, 1)] = args[2]
            return .none
        }
        t.define("__delitem__") { _, args, _ in
            let v = try view(args)
            guard v.owner.dict.removeValue(forKey: try key(args, 1)) != nil else { throw PyErr.keyError(args[1]) }
            return .none
        }
        t.define("__contains__") { _, args, _ in
            let v = try view(args)
            guard args.count == 2, case .str(let k) = args[1] else { return .bool(false) }
            return .bool(v.owner.dict[k] != nil)
        }
        t.define("__len__") { _, args, _ in .int(try view(args).owner.dict.count) }
        t.define("__iter__") { _, args, _ in .object(PyArrayIterator(try view(args).owner.dict.keys.map { .str($0) })) }
        t.define("__repr__") { interp, args, _ in .str(try interp.repr(.object(try view(args).snapshot))) }
        t.define("__eq__") { interp, args, _ in .bool(try interp.equals(.object(try view(args).snapshot), args[1])) }
        t.define("get") { _, args, _ in
            let v = try view(args)
            guard args.count >= 2, case .str(let k) = args[1] else { return args.count > 2 ? args[2] : .none }
            return v.owner.dict[k] ?? (args.count > 2 ? args[2] : .none)
        }
        t.define("pop") { _, args, _ in
            let v = try view(args)
            let k = try key(args, 1)
            if let r = v.owner.dict.removeValue(forKey: k) { return r }
            if args.count > 2 { return args[2] }
            throw PyErr.keyError(args[1])
        }
        t.define("update") { interp, args, kwargs in
            let v = try view(args)
            let d = PyDict()
            if args.count > 1 { try DictBuiltins.update(interp, d, args[1]) }
            for (k, val) in d.storage {
                guard case .str(let ks) = k.value else { throw PyErr.typeError("attribute name must be string") }
                v.owner.dict[ks] = val
            }
            for (k, val) in kwargs { v.owner.dict[k] = val }
            return .none
        }
        t.define("setdefault") { _, args, _ in
            let v = try view(args)
            let k = try key(args, 1)
            if let r = v.owner.dict[k] { return r }
            let d = args.count > 2 ? args[2] : .none
            v.owner.dict[k] = d
            return d
        }
        t.define("keys") { _, args, _ in .object(PyDictView(.keys, try view(args).snapshot)) }
        t.define("values") { _, args, _ in .object(PyDictView(.values, try view(args).snapshot)) }
        t.define("items") { _, args, _ in .object(PyDictView(.items, try view(args).snapshot)) }
        t.define("copy") { _, args, _ in .object(try view(args).snapshot) }
        t.define("clear") { _, args, _ in
            try view(args).owner.dict.removeAll()
            return .none
        }
    }
}
