// The builtin functions (`print`, `len`, `sorted`, ...).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum BuiltinFunctions {
    static func install(into m: PyModule, interp: Interpreter) {
        let types: [PyType] = [BuiltinTypes.object, BuiltinTypes.type, BuiltinTypes.int, BuiltinTypes.bool, BuiltinTypes.float,
                               BuiltinTypes.str, BuiltinTypes.list, BuiltinTypes.tuple, BuiltinTypes.dict, BuiltinTypes.set,
                               BuiltinTypes.frozenset, BuiltinTypes.range, BuiltinTypes.slice, BuiltinTypes.property,
                               BuiltinTypes.staticmethod, BuiltinTypes.classmethod, BuiltinTypes.superType]
        for t in types { m[t.name] = .object(t) }
        for t in BuiltinTypes.allExceptions { m[t.name] = .object(t) }
        m["IOError"] = .object(BuiltinTypes.osError)
        m["EnvironmentError"] = .object(BuiltinTypes.osError)
        m["NotImplemented"] = .notImplemented
        m["Ellipsis"] = .ellipsis
        m["__debug__"] = .bool(true)
        m.define("print", print)
        m.define("len") { interp, args, kwargs in
            try expectArgumentCount("len", args, kwargs, min: 1, max: 1)
            return .int(try interp.length(args[0]))
        }
        m.define("repr") { interp, args, kwargs in
            try expectArgumentCount("repr", args, kwargs, min: 1, max: 1)
            return .str(try interp.repr(args[0]))
        }
        m.define("ascii") { interp, args, kwargs in
            try expectArgumentCount("ascii", args, kwargs, min: 1, max: 1)
            return .str(pythonAsciiEscape(try interp.repr(args[0])))
        }
        m.define("format") { interp, args, kwargs in
            let a = try NativeArguments("format", args, kwargs, names: ["value", "format_spec"], required: 1)
            return .str(try interp.format(a[0] ?? .none, try a[1]?.expectString("format() argument 2") ?? ""))
        }
        m.define("abs") { interp, args, kwargs in
            try expectArgumentCount("abs", args, kwargs, min: 1, max: 1)
            switch args[0] {
            case .int(let i):
                if i == Int.min { throw PyErr.overflow() }
                return .int(Swift.abs(i))
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let d): return .float(Swift.abs(d))
            default:
                guard let m = args[0].type.lookup("__abs__") else { throw PyErr.typeError("bad operand type for abs(): '\(args[0].typeName)'") }
                return try interp.callSpecial(m, args[0], [])
            }
        }
        m.define("min") { interp, args, kwargs in try extreme(interp, args, kwargs, name: "min", wantLess: true) }
        m.define("max") { interp, args, kwargs in try extreme(interp, args, kwargs, name: "max", wantLess: false) }
        m.define("sum") { interp, args, kwargs in
            let a = try NativeArguments("sum", args, kwargs, names: ["iterable", "start"], required: 1)
            var total = a[1] ?? .int(0)
            if case .str = total { throw PyErr.typeError("sum() can't sum strings [use ''.join(seq) instead]") }
            try interp.forEach(a[0] ?? .none) { v in
                if case .int(let x) = total, case .int(let y) = v {
                    total = .int(try Arithmetic.add(x, y))
                } else if case .float(let x) = total, case .float(let y) = v {
                    total = .float(x + y)
                } else {
                    total = try interp.binary(.add, total, v)
                }
                return true
            }
            return total
        }
        m.define("round", round)
        m.define("pow") { interp, args, kwargs in
            let a = try NativeArguments("pow", args, kwargs, names: ["base", "exp", "mod"], required: 2)
            let base = a[0] ?? .none, exp = a[1] ?? .none
            if let modulus = a[2], !modulus.isNone {
                var b = try base.expectInt(), e = try exp.expectInt()
                let md = try modulus.expectInt()
                if md == 0 { throw PyErr.valueError("pow() 3rd argument cannot be 0") }
                if e < 0 { throw PyErr.valueError("pow() 2nd argument cannot be negative when 3rd argument specified") }
                var r = 1 % md
                b = try Arithmetic.mod(b, md)
                while e > 0 {
                    if e & 1 == 1 { r = try Arithmetic.mod(Int(truncatingIfNeeded: r.multipliedFullWidth(by: b).low), md) }
                    b = try Arithmetic.mod(Int(truncatingIfNeeded: b.multipliedFullWidth(by: b).low), md)
                    e >>= 1
                }
                return .int(r)
            }
            return try interp.binary(.power, base, exp)
        }
        m.define("divmod") { interp, args, kwargs in
            try expectArgumentCount("divmod", args, kwargs, min: 2, max: 2)
            switch (args[0].demotingBool, args[1].demotingBool) {
            case (.int(let a), .int(let b)):
                return .tuple([.int(try Arithmetic.floorDiv(a, b)), .int(try Arithmetic.mod(a, b))])
            default:
                if let a = args[0].numericValue, let b = args[1].numericValue {
                    if b == 0 { throw PyErr.zeroDivision("float divmod()") }
                    let (q, r) = Arithmetic.floatDivmod(a, b)
                    return .tuple([.float(q), .float(r)])
                }
                return .tuple([try interp.binary(.floorDivide, args[0], args[1]), try interp.binary(.modulo, args[0], args[1])])
            }
        }
        m.define("any") { interp, args, kwargs in
            try expectArgumentCount("any", args, kwargs, min: 1, max: 1)
            var found = false
            try interp.forEach(args[0]) { v in
                found = try interp.isTruthy(v)
                return !found
            }
            return .bool(found)
        }
        m.define("all") { interp, args, kwargs in
            try expectArgumentCount("all", args, kwargs, min: 1, max: 1)
            var ok = true
            try interp.forEach(args[0]) { v in
                ok = try interp.isTruthy(v)
                return ok
            }
            return .bool(ok)
        }
        m.define("isinstance") { interp, args, kwargs in
            try expectArgumentCount("isinstance", args, kwargs, min: 2, max: 2)
            return .bool(try isInstance(args[0].type, args[1], "isinstance() arg 2 must be a type, a tuple of types, or a union"))
        }
        m.define("issubclass") { interp, args, kwargs in
            try expectArgumentCount("issubclass", args, kwargs, min: 2, max: 2)
            guard case .object(let o) = args[0], let t = o as? PyType else { throw PyErr.typeError("issubclass() arg 1 must be a class") }
            return .bool(try isInstance(t, args[1], "issubclass() arg 2 must be a class, a tuple of classes, or a union"))
        }
        m.define("hasattr") { interp, args, kwargs in
            try expectArgumentCount("hasattr", args, kwargs, min: 2, max: 2)
            let name = try args[1].expectString("attribute name")
            do {
                _ = try interp.getAttribute(args[0], name)
                return .bool(true)
            } catch let e as PyExceptionObject where e.isInstance(of: BuiltinTypes.attributeError) {
                return .bool(false)
            }
        }
        m.define("getattr") { interp, args, kwargs in
            try expectArgumentCount("getattr", args, kwargs, min: 2, max: 3)
            guard case .str(let name) = args[1] else { throw PyErr.typeError("attribute name must be string, not '\(args[1].typeName)'") }
            do {
                return try interp.getAttribute(args[0], name)
            } catch let e as PyExceptionObject where e.isInstance(of: BuiltinTypes.attributeError) && args.count == 3 {
                return args[2]
            }
        }
        m.define("setattr") { interp, args, kwargs in
            try expectArgumentCount("setattr", args, kwargs, min: 3, max: 3)
            guard case .str(let name) = args[1] else { throw PyErr.typeError("attribute name must be string, not '\(args[1].typeName)'") }
            try interp.setAttribute(args[0], name, args[2])
            return .none
        }
        m.define("delattr") { interp, args, kwargs in
            try expectArgumentCount("delattr", args, kwargs, min: 2, max: 2)
            guard case .str(let name) = args[1] else { throw PyErr.typeError("attribute name must be string, not '\(args[1].typeName)'") }
            try interp.deleteAttribute(args[0], name)
            return .none
        }
        m.define("id") { interp, args, kwargs in
            try expectArgumentCount("id", args, kwargs, min: 1, max: 1)
            if case .object(let o) = args[0] { return .int(Int(bitPattern: UInt(bitPattern: ObjectIdentifier(o).hashValue))) }
            return .int(try interp.hashKey(args[0]).hash)
        }
        m.define("hash") { interp, args, kwargs in
            try expectArgumentCount("hash", args, kwargs, min: 1, max: 1)
            return .int(try interp.hashKey(args[0]).hash)
        }
        m.define("callable") { interp, args, kwargs in
            try expectArgumentCount("callable", args, kwargs, min: 1, max: 1)
            guard case .object(let o) = args[0] else { return .bool(false) }
            return .bool(o is PyFunction || o is PyNativeFunction || o is PyBoundMethod || o is PyType || o.type.lookup("__call__") != nil)
        }
        m.define("iter") { interp, args, kwargs in
            try expectArgumentCount("iter", args, kwargs, min: 1, max: 1)
            if case .object(let o) = args[0], o.type.isHeapType, let m = o.type.lookup("__iter__") {
                return try interp.callSpecial(m, args[0], [])
            }
            return .object(try interp.iterate(args[0]))
        }
        m.define("next") { interp, args, kwargs in
            try expectArgumentCount("next", args, kwargs, min: 1, max: 2)
            if case .object(let o) = args[0] {
                if let it = o as? PyIterator {
                    if let v = try it.next(interp) { return v }
                    if args.count == 2 { return args[1] }
                    throw PyErr.stopIteration()
                }
                if let m = o.type.lookup("__next__") {
                    do {
                        return try interp.callSpecial(m, args[0], [])
                    } catch let e as PyExceptionObject where e.isInstance(of: BuiltinTypes.stopIteration) && args.count == 2 {
                        return args[1]
                    }
                }
            }
            throw PyErr.typeError("'\(args[0].typeName)' object is not an iterator")
        }
        m.define("chr") { _, args, kwargs in
            try expectArgumentCount("chr", args, kwargs, min: 1, max: 1)
            let i = try args[0].expectInt()
            guard let u = Unicode.Scalar(UInt32(clamping: max(i, 0))), i >= 0, i <= 0x10FFFF else {
                throw PyErr.valueError("chr() arg not in range(0x110000)")
            }
            return .str(String(u))
        }
        m.define("ord") { _, args, kwargs in
            try expectArgumentCount("ord", args, kwargs, min: 1, max: 1)
            guard case .str(let s) = args[0] else { throw PyErr.typeError("ord() expected string of length 1, but \(args[0].typeName) found") }
            let scalars = Array(s.unicodeScalars)
            guard scalars.count == 1 else { throw PyErr.typeError("ord() expected a character, but string of length \(scalars.count) found") }
            return .int(Int(scalars[0].value))
        }
        for (name, radix, prefix) in [("bin", 2, "0b"), ("oct", 8, "0o"), ("hex", 16, "0x")] {
            m.define(name) { _, args, kwargs in
                try expectArgumentCount(name, args, kwargs, min: 1, max: 1)
                let i = try args[0].expectInt()
                return .str((i < 0 ? "-" : "") + prefix + String(i.magnitude, radix: radix))
            }
        }
        m.define("open") { interp, args, kwargs in try FileBuiltins.open(interp, args, kwargs) }
        m.define("vars") { interp, args, kwargs in
            try expectArgumentCount("vars", args, kwargs, min: 0, max: 1)
            guard let target = args.first else { return try locals(interp) }
            if case .object(let o) = target {
                if let mod = o as? PyModule { return .object(interp.moduleDict(mod)) }
                if let t = o as? PyType { return try interp.getAttribute(.object(t), "__dict__") }
                if o.type.instancesHaveDict { return .object(InstanceDictView.make(o)) }
            }
            throw PyErr.typeError("vars() argument must have __dict__ attribute")
        }
        m.define("locals") { interp, _, _ in try locals(interp) }
        m.define("globals") { interp, _, _ in
            guard let f = interp.currentFrame else { return .object(PyDict()) }
            let d = PyDict()
            for (k, v) in f.globals.bindings { d.storage[HashKey(k)] = v }
            return .object(d)
        }
        m.define("dir") { interp, args, _ in
            var names: Set<String> = []
            if let target = args.first {
                // `dir(obj)` asks the object's type first, as CPython does, and sorts the answer.
                if case .object(let o) = target, !(o is PyType), !(o is PyModule), let custom = o.type.lookup("__dir__") {
                    let listed = try interp.toArray(try interp.callSpecial(custom, target, []))
                    return .list(try ListBuiltins.sort(interp, listed, key: nil, reverse: false))
                }
                names = target.attributeNames
            } else if let f = interp.currentFrame {
                names.formUnion(f.locals.map(\.name))
            }
            return .list(names.sorted().map { .str($0) })
        }
        m.define("enumerate") { interp, args, kwargs in
            let a = try NativeArguments("enumerate", args, kwargs, names: ["iterable", "start"], required: 1)
            let it = try interp.iterate(a[0] ?? .none)
            var i = try a[1]?.expectInt() ?? 0
            return .object(PyClosureIterator(type: BuiltinTypes.enumerateType) { interp in
                guard let v = try it.next(interp) else { return nil }
                defer { i += 1 }
                return .tuple([.int(i), v])
            })
        }
        m.define("zip") { interp, args, kwargs in
            let strict = try kwargs.first { $0.name == "strict" }.map { try interp.isTruthy($0.value) } ?? false
            let its = try args.map { try interp.iterate($0) }
            var done = false
            return .object(PyClosureIterator(type: BuiltinTypes.zipType) { interp in
                guard !its.isEmpty, !done else { return nil }
                var items: [Value] = []
                for (k, it) in its.enumerated() {
                    guard let v = try it.next(interp) else {
                        done = true
                        let othersLeft = try its.dropFirst().contains { try $0.next(interp) != nil }
                        if strict && (k > 0 || othersLeft) {
                            throw PyErr.valueError("zip() argument \(k + 1) is shorter than argument\(k > 1 ? "s 1-\(k)" : " 1")")
                        }
                        return nil
                    }
                    items.append(v)
                }
                return .tuple(items)
            })
        }
        m.define("map") { interp, args, kwargs in
            guard args.count >= 2 else { throw PyErr.typeError("map() must have at least two arguments.") }
            let fn = args[0]
            let its = try args.dropFirst().map { try interp.iterate($0) }
            return .object(PyClosureIterator(type: BuiltinTypes.mapType) { interp in
                var items: [Value] = []
                for it in its {
                    guard let v = try it.next(interp) else { return nil }
                    items.append(v)
                }
                return try interp.call(fn, items)
            })
        }
        m.define("filter") { interp, args, kwargs in
            try expectArgumentCount("filter", args, kwargs, min: 2, max: 2)
            let fn = args[0]
            let it = try interp.iterate(args[1])
            return .object(PyClosureIterator(type: BuiltinTypes.filterType) { interp in
                while let v = try it.next(interp) {
                    let keep = fn.isNone ? try interp.isTruthy(v) : try interp.isTruthy(interp.call(fn, [v]))
                    if keep { return v }
                }
                return nil
            })
        }
        m.define("sorted") { interp, args, kwargs in
            guard args.count == 1 else { throw PyErr.typeError("sorted expected 1 argument, got \(args.count)") }
            let a = try NativeArguments("sorted", [], kwargs, names: ["key", "reverse"])
            let key = a[0].flatMap { $0.isNone ? nil : $0 }
            let reverse = try a[1].map { try interp.isTruthy($0) } ?? false
            return .list(try ListBuiltins.sort(interp, try interp.toArray(args[0]), key: key, reverse: reverse))
        }
        m.define("reversed") { interp, args, kwargs in
            try expectArgumentCount("reversed", args, kwargs, min: 1, max: 1)
            if case .object(let o) = args[0], let m = o.type.lookup("__reversed__") { return try interp.callSpecial(m, args[0], []) }
            if case .object(let o) = args[0], o is PyDict || o is PyList || o is PyTuple || o is PyRange || o is PyDictView {
                return .object(PyArrayIterator(try interp.toArray(args[0]).reversed(), type: BuiltinTypes.reversedType))
            }
            if case .str = args[0] {
                return .object(PyArrayIterator(try interp.toArray(args[0]).reversed(), type: BuiltinTypes.reversedType))
            }
            if case .object(let o) = args[0], o.type.lookup("__len__") != nil, o.type.lookup("__getitem__") != nil {
                let n = try interp.length(args[0])
                var items: [Value] = []
                for i in stride(from: n - 1, through: 0, by: -1) { items.append(try interp.getItem(args[0], .int(i))) }
                return .object(PyArrayIterator(items, type: BuiltinTypes.reversedType))
            }
            throw PyErr.typeError("'\(args[0].typeName)' object is not reversible")
        }
        m.define("exit") { _, args, _ in throw PyExceptionObject(type: BuiltinTypes.systemExit, args: args) }
        m.define("quit") { _, args, _ in throw PyExceptionObject(type: BuiltinTypes.systemExit, args: args) }
        m.define("input") { _, _, _ in throw PyErr.notImplemented("input() is not supported by gradstep") }
        m.define("eval") { _, _, _ in throw PyErr.notImplemented("eval() of strings is not supported by gradstep") }
        m.define("exec") { _, _, _ in throw PyErr.notImplemented("exec() of strings is not supported by gradstep") }
    }

    private static func locals(_ interp: Interpreter) throws -> Value {
        let d = PyDict()
        for (k, v) in interp.currentFrame?.locals ?? [] { d.storage[HashKey(k)] = v }
        return .object(d)
    }

    static func isInstance(_ t: PyType, _ spec: Value, _ message: String) throws -> Bool {
        guard case .object(let o) = spec else { throw PyErr.typeError(message) }
        if let cls = o as? PyType { return t.isSubtype(of: cls) }
        if let tuple = o as? PyTuple {
            for item in tuple.items where try isInstance(t, item, message) { return true }
            return false
        }
        throw PyErr.typeError(message)
    }

    /// `print(*objects, sep=' ', end='\n', file=None, flush=False)`.
    static func print(_ interp: Interpreter, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        var sep = " ", end = "\n"
        var file: Value = .none
        var flush = false
        for (k, v) in kwargs {
            switch k {
            case "sep": if !v.isNone { sep = try v.expectString("sep") }
            case "end": if !v.isNone { end = try v.expectString("end") }
            case "file": file = v
            case "flush": flush = try interp.isTruthy(v)
            default: throw PyErr.typeError("'\(k)' is an invalid keyword argument for print()")
            }
        }
        var text = ""
        for (i, a) in args.enumerated() {
            if i > 0 { text += sep }
            if case .str(let s) = a { text += s } else { text += try interp.str(a) }
        }
        text += end
        if file.isNone {
            interp.stdout.write(text)
            if flush { interp.stdout.flush() }
        } else if case .object(let o) = file, let f = o as? PyTextFile {
            try f.write(text)
            if flush { f.flush() }
        } else {
            _ = try interp.callMethod(file, "write", [.str(text)])
            if flush { _ = try? interp.callMethod(file, "flush", []) }
        }
        return .none
    }

    /// `round(number, ndigits=None)`: banker's rounding, as CPython.
    static func round(_ interp: Interpreter, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        let a = try NativeArguments("round", args, kwargs, names: ["number", "ndigits"], required: 1)
        let x = a[0] ?? .none
        let nd = a[1].flatMap { $0.isNone ? nil : $0 }
        switch x {
        case .int(let i):
            guard let nd else { return .int(i) }
            let n = try nd.expectInt()
            if n >= 0 { return .int(i) }
            if n < -18 { return .int(0) }
            var p = 1
            for _ in 0..<(-n) { p *= 10 }
            let q = try Arithmetic.floorDiv(i, p), r = i - q * p
            let twice = 2 * r
            let up = twice > p || (twice == p && q & 1 == 1)
            return .int((q + (up ? 1 : 0)) * p)
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let d):
            guard let nd else {
                if d.isNaN { throw PyErr.valueError("cannot convert float NaN to integer") }
                if d.isInfinite { throw PyErr.overflow("cannot convert float infinity to integer") }
                let r = d.rounded(.toNearestOrEven)
                guard let i = Int(exactly: r) else { throw PyErr.overflow() }
                return .int(i)
            }
            return .float(roundDouble(d, try nd.expectInt()))
        default:
            if let m = x.type.lookup("__round__") { return try interp.callSpecial(m, x, nd.map { [$0] } ?? []) }
            throw PyErr.typeError("type \(x.typeName) doesn't define __round__ method")
        }
    }

    /// Rounds to `n` decimal places the way CPython does: through the correctly rounded
    /// decimal string, so `round(2.675, 2) == 2.67`.
    static func roundDouble(_ d: Double, _ n: Int) -> Double {
        guard d.isFinite, d != 0 else { return d }
        if n > 22 { return d }
        if n < -308 { return 0 * d }
        // Format with enough digits via %.*e then use the exact decimal expansion.
        let text = formatExact(d, digits: n)
        return Double(text) ?? d
    }

    private static func formatExact(_ d: Double, digits n: Int) -> String {
        if n >= 0 {
            var buf = [CChar](repeating: 0, count: 400)
            _ = withVaList([Int32(n), d]) { vsnprintf(&buf, buf.count, "%.*f", $0) }
            return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        var p = 1.0
        for _ in 0..<(-n) { p *= 10 }
        let scaled = d / p
        let r = scaled.rounded(.toNearestOrEven)
        return String(r * p)
    }

    /// `min()`/`max()` over arguments or one iterable, with `key` and `default`.
    static func extreme(_ interp: Interpreter, _ args: [Value], _ kwargs: KeywordArguments, name: String, wantLess: Bool) throws -> Value {
        var key: Value?
        var dflt: Value?
        for (k, v) in kwargs {
            switch k {
            case "key": key = v.isNone ? nil : v
            case "default": dflt = v
            default: throw PyErr.typeError("'\(k)' is an invalid keyword argument for \(name)()")
            }
        }
        let items: [Value]
        if args.count == 1 {
            items = try interp.toArray(args[0])
        } else if args.isEmpty {
            throw PyErr.typeError("\(name) expected at least 1 argument, got 0")
        } else {
            if dflt != nil { throw PyErr.typeError("Cannot specify a default for \(name)() with multiple positional arguments") }
            items = args
        }
        guard var best = items.first else {
            if let dflt { return dflt }
            throw PyErr.valueError("\(name)() arg is an empty sequence")
        }
        var bestKey = try key.map { try interp.call($0, [best]) } ?? best
        for v in items.dropFirst() {
            let k = try key.map { try interp.call($0, [v]) } ?? v
            let better = wantLess ? try interp.lessThan(k, bestKey) : try interp.lessThan(bestKey, k)
            if better {
                best = v
                bestKey = k
            }
        }
        return best
    }
}

extension Value {
    /// The names `dir()` lists for a value whose type has no `__dir__`: a module's globals,
    /// the instance's attributes, and those of its class (or, for a class, its own) and bases.
    public var attributeNames: Set<String> {
        var names: Set<String> = []
        var owner = type
        if case .object(let o) = self {
            if let mod = o as? PyModule { names.formUnion(mod.namespace.bindings.map(\.0)) }
            names.formUnion(o.dict.keys)
            if let t = o as? PyType { owner = t }
        }
        for c in owner.mro { names.formUnion(c.attributes.keys) }
        return names
    }
}
