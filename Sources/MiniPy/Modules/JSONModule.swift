// The `json` module: Value <-> JSONValue conversion around Support/'s reader and writer.

/// `json`: `loads`, `load`, `dumps`, `dump` and `JSONDecodeError`.
enum JSONModule {
    /// The module's registration.
    static var definition: NativeModuleDefinition {
        NativeModuleDefinition(name: "json", make: make)
    }

    /// `json.JSONDecodeError` (a ValueError subclass, shown as `json.decoder.JSONDecodeError`).
    nonisolated(unsafe) static let decodeErrorType = PyType(name: "JSONDecodeError", base: BuiltinTypes.valueError,
                                                            module: "json.decoder")

    static func make(_ interp: Interpreter) throws -> PyModule {
        let m = PyModule(name: "json")
        m["JSONDecodeError"] = .object(decodeErrorType)
        m.define("loads") { interp, args, kwargs in
            guard let text = args.first ?? interp.keyword(kwargs, "s") else {
                throw PyErr.typeError("loads() missing 1 required positional argument: 's'")
            }
            guard case .str(let s) = text else {
                throw PyErr.typeError("the JSON object must be str, bytes or bytearray, not \(text.typeName)")
            }
            return try decode(interp, s)
        }
        m.define("load") { interp, args, kwargs in
            guard let file = args.first ?? interp.keyword(kwargs, "fp") else {
                throw PyErr.typeError("load() missing 1 required positional argument: 'fp'")
            }
            let content = try interp.callMethod(file, "read", [])
            guard case .str(let s) = content else {
                throw PyErr.typeError("the JSON object must be str, bytes or bytearray, not \(content.typeName)")
            }
            return try decode(interp, s)
        }
        m.define("dumps") { interp, args, kwargs in
            guard args.count == 1 else {
                throw PyErr.typeError(args.isEmpty ? "dumps() missing 1 required positional argument: 'obj'"
                                      : "dumps() takes 1 positional argument but \(args.count) were given")
            }
            return .str(try encode(interp, args[0], kwargs, function: "dumps"))
        }
        m.define("dump") { interp, args, kwargs in
            guard args.count == 2 else {
                throw PyErr.typeError("dump() takes 2 positional arguments but \(args.count) were given")
            }
            let text = try encode(interp, args[0], kwargs, function: "dump")
            _ = try interp.callMethod(args[1], "write", [.str(text)])
            return .none
        }
        return m
    }

    static func decode(_ interp: Interpreter, _ text: String) throws -> Value {
        do {
            let document = try withPythonErrors(interp) { try pythonJSONDecode(text) }
            return try value(from: document)
        } catch let failure as JSONDecodeFailure {
            let error = PyExceptionObject(decodeErrorType, failure.description)
            error.dict["msg"] = .str(failure.message)
            error.dict["doc"] = .str(text)
            error.dict["pos"] = .int(failure.position)
            error.dict["lineno"] = .int(failure.line)
            error.dict["colno"] = .int(failure.column)
            throw error
        }
    }

    /// A decoded document as Python values (objects become dicts, arrays lists).
    static func value(from document: JSONValue) throws -> Value {
        switch document {
        case .null: return .none
        case .bool(let b): return .bool(b)
        case .int(let n): return .int(n)
        case .float(let x): return .float(x)
        case .string(let s): return .str(s)
        case .array(let items): return .list(try items.map(value(from:)))
        case .object(let entries):
            let dict = PyDict()
            for (key, item) in entries { dict.storage[HashKey(key.text)] = try value(from: item) }
            return .object(dict)
        }
    }

    static func encode(_ interp: Interpreter, _ object: Value, _ kwargs: KeywordArguments, function: String) throws -> String {
        try interp.checkKeywords(function, kwargs, allowed: [
            "skipkeys", "ensure_ascii", "check_circular", "allow_nan", "cls", "indent", "separators",
            "default", "sort_keys",
        ])
        var options = PythonJSONOptions()
        var converter = Converter(interp: interp)
        for (name, v) in kwargs {
            switch name {
            case "indent":
                switch v {
                case .none: options.indent = nil
                case .str(let s): options.indent = s
                default: options.indent = PythonJSONOptions.indentText(spaces: try interp.indexArgument(v))
                }
            case "sort_keys": options.sortKeys = try interp.isTruthy(v)
            case "ensure_ascii": options.ensureASCII = try interp.isTruthy(v)
            case "allow_nan": options.allowNaN = try interp.isTruthy(v)
            case "skipkeys": converter.skipKeys = try interp.isTruthy(v)
            case "default": converter.fallback = v.isNone ? nil : v
            case "separators":
                if !v.isNone {
                    let pair = try interp.toArray(v)
                    guard pair.count == 2, case .str(let item) = pair[0], case .str(let key) = pair[1] else {
                        throw PyErr.valueError("separators must be a (item_separator, key_separator) tuple")
                    }
                    options.separators = (item, key)
                }
            default: break
            }
        }
        let document = try converter.convert(object)
        return try withPythonErrors(interp) { try pythonJSONEncode(document, options: options) }
    }

    /// Turns Python values into a JSON document, with `default=` and the circular check.
    struct Converter {
        let interp: Interpreter
        var skipKeys = false
        var fallback: Value?
        var active: Set<ObjectIdentifier> = []

        init(interp: Interpreter) {
            self.interp = interp
        }

        mutating func convert(_ v: Value) throws -> JSONValue {
            switch v {
            case .none: return .null
            case .bool(let b): return .bool(b)
            case .int(let n): return .int(n)
            case .float(let x): return .float(x)
            case .str(let s): return .string(s)
            case .object(let o):
                let id = ObjectIdentifier(o)
                if let list = o as? PyList { return try array(id, list.items) }
                if let tuple = o as? PyTuple { return try array(id, tuple.items) }
                if let dict = o as? PyDict {
                    if active.contains(id) { throw PyErr.valueError("Circular reference detected") }
                    active.insert(id)
                    defer { active.remove(id) }
                    var entries: [(key: JSONKey, value: JSONValue)] = []
                    for (key, item) in dict.storage {
                        guard let jsonKey = try self.key(key.value) else { continue }
                        entries.append((jsonKey, try convert(item)))
                    }
                    return .object(entries)
                }
                guard let fallback else {
                    throw PyErr.typeError("Object of type \(v.typeName) is not JSON serializable")
                }
                if active.contains(id) { throw PyErr.valueError("Circular reference detected") }
                active.insert(id)
                defer { active.remove(id) }
                return try convert(try interp.call(fallback, [v]))
            }
        }

        private mutating func array(_ id: ObjectIdentifier, _ items: [Value]) throws -> JSONValue {
            if active.contains(id) { throw PyErr.valueError("Circular reference detected") }
            active.insert(id)
            defer { active.remove(id) }
            var converted: [JSONValue] = []
            converted.reserveCapacity(items.count)
            for item in items { converted.append(try convert(item)) }
            return .array(converted)
        }

        private func key(_ k: Value) throws -> JSONKey? {
            switch k {
            case .str(let s): return .string(s)
            case .int(let n): return .int(n)
            case .float(let x): return .float(x)
            case .bool(let b): return .bool(b)
            case .none: return .null
            default:
                if skipKeys { return nil }
                throw PyErr.typeError("keys must be str, int, float, bool or None, not \(k.typeName)")
            }
        }
    }
}
