// The `copy` module.
import Collections

/// `copy`: `copy` and `deepcopy` for lists, dicts, sets, tuples and instances, with
/// `__copy__` / `__deepcopy__` honoured and a registry for native objects (tensors).
public enum CopyModule {
    /// Deep-copies a native object the interpreter does not know (a tensor, a module's
    /// parameter): return nil to let the next copier (or the default) handle it. `recurse`
    /// deep-copies a nested value through the same memo.
    public typealias NativeDeepCopier = (_ object: PyObject, _ recurse: (Value) throws -> Value) throws -> Value?

    /// Copiers registered by host libraries, tried in order before the default.
    nonisolated(unsafe) static var nativeDeepCopiers: [NativeDeepCopier] = []

    /// Registers a deep copier for native objects (the Torch layer registers tensors here).
    public static func registerDeepCopier(_ copier: @escaping NativeDeepCopier) {
        nativeDeepCopiers.append(copier)
    }

    /// The module's registration.
    static var definition: NativeModuleDefinition {
        NativeModuleDefinition(name: "copy", make: make)
    }

    static func make(_ interp: Interpreter) throws -> PyModule {
        let m = PyModule(name: "copy")
        m["Error"] = .object(errorType)
        m.define("copy") { interp, args, kwargs in
            try expectPositional("copy", args, kwargs, min: 1, max: 1)
            return try shallowCopy(interp, args[0])
        }
        m.define("deepcopy") { interp, args, kwargs in
            guard args.count == 1 || args.count == 2 else {
                throw PyErr.typeError("deepcopy() takes from 1 to 2 positional arguments but \(args.count) were given")
            }
            var copier = DeepCopier(interp: interp)
            return try copier.copy(args[0])
        }
        return m
    }

    /// `copy.Error`.
    nonisolated(unsafe) static let errorType = PyType(name: "Error", base: BuiltinTypes.exception, module: "copy")

    /// `copy.copy(x)`.
    public static func shallowCopy(_ interp: Interpreter, _ v: Value) throws -> Value {
        guard case .object(let o) = v else { return v }
        if let method = interp.specialMethod(v, "__copy__") {
            return try interp.callSpecial(method, v, [])
        }
        let copy: PyObject
        switch o {
        case let list as PyList: copy = PyList(list.items, type: list.type)
        case let dict as PyDict: copy = PyDict(dict.storage, type: dict.type)
        case let set as PySet: copy = PySet(set.storage, type: set.type)
        case is PyTuple, is PyType, is PyNativeFunction, is PyFunction, is PyModule: return v
        case is PyInstance: copy = PyInstance(type: o.type)
        default:
            throw PyErr.typeError("cannot pickle '\(o.type.name)' object")
        }
        copy.dict = o.dict
        return .object(copy)
    }

    /// `copy.deepcopy(x)` with a memo so shared and cyclic references stay shared.
    struct DeepCopier {
        let interp: Interpreter
        var memo: [ObjectIdentifier: Value] = [:]
        /// Keeps originals alive while their identifiers are memo keys.
        var originals: [PyObject] = []

        init(interp: Interpreter) {
            self.interp = interp
        }

        mutating func copy(_ v: Value) throws -> Value {
            guard case .object(let o) = v else { return v }
            let id = ObjectIdentifier(o)
            if let done = memo[id] { return done }
            if let method = interp.specialMethod(v, "__deepcopy__") {
                let result = try interp.callSpecial(method, v, [.object(PyDict())])
                remember(o, result)
                return result
            }
            for copier in CopyModule.nativeDeepCopiers {
                var nested = self
                if let result = try copier(o, { try nested.copy($0) }) {
                    self = nested
                    remember(o, result)
                    return result
                }
            }
            switch o {
            case let list as PyList:
                let copy = PyList([], type: list.type)
                remember(o, .object(copy))
                copy.items = try list.items.map { try self.copy($0) }
                copy.dict = try copyAttributes(o)
                return .object(copy)
            case let dict as PyDict:
                let copy = PyDict([:], type: dict.type)
                remember(o, .object(copy))
                for (key, item) in dict.storage {
                    let newKey = try interp.hashKey(try self.copy(key.value))
                    copy.storage[newKey] = try self.copy(item)
                }
                copy.dict = try copyAttributes(o)
                return .object(copy)
            case let set as PySet:
                let copy = PySet([], type: set.type)
                remember(o, .object(copy))
                for key in set.storage { copy.storage.append(try interp.hashKey(try self.copy(key.value))) }
                return .object(copy)
            case let tuple as PyTuple:
                let items = try tuple.items.map { try self.copy($0) }
                // A tuple of unchanged items is the tuple itself, as in CPython.
                if zip(items, tuple.items).allSatisfy({ $0.isIdentical(to: $1) }) { return v }
                let copy = Value.object(PyTuple(items, type: tuple.type))
                remember(o, copy)
                return copy
            case is PyType, is PyNativeFunction, is PyFunction, is PyModule:
                return v
            case is PyInstance:
                let copy = PyInstance(type: o.type)
                remember(o, .object(copy))
                copy.dict = try copyAttributes(o)
                return .object(copy)
            default:
                throw PyErr.typeError("cannot pickle '\(o.type.name)' object")
            }
        }

        private mutating func remember(_ original: PyObject, _ copy: Value) {
            memo[ObjectIdentifier(original)] = copy
            originals.append(original)
        }

        private mutating func copyAttributes(_ o: PyObject) throws -> InstanceAttributes {
            var result = o.dict
            for (name, item) in o.dict { result[name] = try copy(item) }
            return result
        }
    }
}
