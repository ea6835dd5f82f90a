// `dict` and its views.
import Collections

/// `dict.keys()`, `.values()`, `.items()`: a snapshot list that iterates, prints and tests
/// membership like the view.
final class PyDictView: PyObject {
    enum Kind: String { case keys = "dict_keys", values = "dict_values", items = "dict_items" }
    let kind: Kind
    let target: PyDict
    init(_ kind: Kind, _ dict: PyDict) {
        self.kind = kind
        self.target = dict
        super.init(type: BuiltinTypes.dictView)
    }
    var items: [Value] {
        switch kind {
        case .keys: return target.storage.keys.map(\.value)
        case .values: return Array(target.storage.values)
        case .items: return target.storage.map { .tuple([$0.key.value, $0.value]) }
        }
    }
}

enum DictBuiltins {
    static func construct(_ interp: Interpreter, _ cls: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        let d = PyDict(type: cls)
        // As CPython's dict.__new__: a subclass starts empty and is filled by __init__
        // (dict.__init__, or the subclass's own calling super().__init__(...)).
        guard cls === BuiltinTypes.dict else { return .object(d) }
        if args.count > 1 { throw PyErr.typeError("dict expected at most 1 argument, got \(args.count)") }
        if let src = args.first { try update(interp, d, src) }
        for (k, v) in kwargs { d.storage[HashKey(k)] = v }
        return .object(d)
    }

    static func update(_ interp: Interpreter, _ d: PyDict, _ src: Value) throws {
        if case .object(let o) = src {
            if let other = o as? PyDict {
                for (k, v) in other.storage { d.storage[k] = v }
                return
            }
            if o.type.lookup("keys") != nil {
                for k in try interp.toArray(interp.callMethod(src, "keys", [])) {
                    d.storage[try interp.hashKey(k)] = try interp.getItem(src, k)
                }
                return
            }
        }
        var index = 0
        try interp.forEach(src) { item in
            let pair: [Value]
            do {
                pair = try interp.toArray(item)
            } catch {
                throw PyErr.typeError("cannot convert dictionary update sequence element #\(index) to a sequence")
            }
            guard pair.count == 2 else {
                throw PyErr.valueError("dictionary update sequence element #\(index) has length \(pair.count); 2 is required")
            }
            d.storage[try interp.hashKey(pair[0])] = pair[1]
            index += 1
            return true
        }
    }

    static func dict(_ args: [Value], _ name: String) throws -> PyDict {
        guard case .object(let o)? = args.first, let d = o as? PyDict else {
            throw PyErr.typeError("descriptor '\(name)' for 'dict' objects doesn't apply to a '\(args.first?.typeName ?? "NoneType")' object")
        }
        return d
    }

    static func install(_ t: PyType) {
        t.define("keys") { _, args, _ in .object(PyDictView(.keys, try dict(args, "keys"))) }
        t.define("values") { _, args, _ in .object(PyDictView(.values, try dict(args, "values"))) }
        t.define("items") { _, args, _ in .object(PyDictView(.items, try dict(args, "items"))) }
        t.define("get") { interp, args, _ in
            let d = try dict(args, "get")
            guard args.count == 2 || args.count == 3 else {
                throw PyErr.typeError("get expected at least 1 argument, got \(args.count - 1)")
            }
            if case .str(let s) = args[1] { return d.storage[HashKey(s)] ?? (args.count == 3 ? args[2] : .none) }
            return d.storage[try interp.hashKey(args[1])] ?? (args.count == 3 ? args[2] : .none)
        }
        t.define("setdefault") { interp, args, _ in
            let d = try dict(args, "setdefault")
            guard args.count >= 2 else { throw PyErr.typeError("setdefault expected at least 1 argument, got 0") }
            let k = try interp.hashKey(args[1])
            if let v = d.storage[k] { return v }
            let v = args.count > 2 ? args[2] : .none
            d.storage[k] = v
            return v
        }
        t.define("pop") { interp, args, _ in
            let d = try dict(args, "pop")
            guard args.count >= 2 else { throw PyErr.typeError("pop expected at least 1 argument, got 0") }
            if let v = d.storage.removeValue(forKey: try interp.hashKey(args[1])) { return v }
            if args.count > 2 { return args[2] }
            throw PyErr.keyError(args[1])
        }
        t.define("popitem") { _, args, _ in
            let d = try dict(args, "popitem")
            guard let last = d.storage.elements.last else { throw PyErr.keyError(.str("popitem(): dictionary is empty")) }
            d.storage.removeLast()
            return .tuple([last.key.value, last.value])
        }
        t.define("__repr__") { interp, args, _ in .str(try interp.dictRepr(try dict(args, "__repr__"))) }
        t.define("__init__") { interp, args, kwargs in
            let d = try dict(args, "__init__")
            if args.count > 2 { throw PyErr.typeError("dict expected at most 1 argument, got \(args.count - 1)") }
            if args.count == 2 { try update(interp, d, args[1]) }
            for (k, v) in kwargs { d.storage[HashKey(k)] = v }
            return .none
        }
        t.define("update") { interp, args, kwargs in
            let d = try dict(args, "update")
            if args.count > 2 { throw PyErr.typeError("update expected at most 1 argument, got \(args.count - 1)") }
            if args.count == 2 { try update(interp, d, args[1]) }
            for (k, v) in kwargs { d.storage[HashKey(k)] = v }
            return .none
        }
        t.define("copy") { _, args, _ in .object(PyDict(try dict(args, "copy").storage)) }
        t.define("clear") { _, args, _ in
            try dict(args, "clear").storage.removeAll()
            return .none
        }
        t.defineClassMethod("fromkeys") { interp, args, _ in
            guard args.count >= 2 else { throw PyErr.typeError("fromkeys expected at least 1 argument, got 0") }
            let d = PyDict()
            let v = args.count > 2 ? args[2] : .none
            for k in try interp.toArray(args[1]) { d.storage[try interp.hashKey(k)] = v }
            return .object(d)
        }
        t.define("__len__") { _, args, _ in .int(try dict(args, "__len__").storage.count) }
        t.define("__getitem__") { interp, args, _ in
            let d = try dict(args, "__getitem__")
            guard let v = d.storage[try interp.hashKey(args[1])] else { throw PyErr.keyError(args[1]) }
            return v
        }
        t.define("__setitem__") { interp, args, _ in
            try dict(args, "__setitem__").storage[try interp.hashKey(args[1])] = args[2]
            return .none
        }
        t.define("__delitem__") { interp, args, _ in
            let d = try dict(args, "__delitem__")
            guard d.storage.removeValue(forKey: try interp.hashKey(args[1])) != nil else { throw PyErr.keyError(args[1]) }
            return .none
        }
        t.define("__contains__") { interp, args, _ in .bool(try dict(args, "__contains__").storage[try interp.hashKey(args[1])] != nil) }
        t.define("__iter__") { interp, args, _ in .object(try interp.iterate(args[0])) }
    }

    static func installView(_ t: PyType) {
        t.define("__iter__") { _, args, _ in
            guard case .object(let o) = args[0], let v = o as? PyDictView else { throw PyErr.typeError("bad view") }
            return .object(PyArrayIterator(v.items))
        }
        t.define("__len__") { _, args, _ in
            guard case .object(let o) = args[0], let v = o as? PyDictView else { throw PyErr.typeError("bad view") }
            return .int(v.target.storage.count)
        }
        t.define("__contains__") { interp, args, _ in
            guard case .object(let o) = args[0], let v = o as? PyDictView else { throw PyErr.typeError("bad view") }
            if v.kind == .keys { return .bool(v.target.storage[try interp.hashKey(args[1])] != nil) }
            return .bool(try interp.contains(.list(v.items), args[1]))
        }
        t.define("__repr__") { interp, args, _ in
            guard case .object(let o) = args[0], let v = o as? PyDictView else { throw PyErr.typeError("bad view") }
            return .str("\(v.kind.rawValue)(\(try interp.repr(.list(v.items))))")
        }
    }
}
