// `list`, `tuple` and `range`.

enum ListBuiltins {
    static func construct(_ interp: Interpreter, _ cls: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        if !kwargs.isEmpty { throw PyErr.typeError("list() takes no keyword arguments") }
        if args.count > 1 { throw PyErr.typeError("list expected at most 1 argument, got \(args.count)") }
        return .object(PyList(try args.first.map { try interp.toArray($0) } ?? [], type: cls))
    }

    static func constructTuple(_ interp: Interpreter, _ cls: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        if !kwargs.isEmpty { throw PyErr.typeError("tuple() takes no keyword arguments") }
        if args.count > 1 { throw PyErr.typeError("tuple expected at most 1 argument, got \(args.count)") }
        if case .object(let o)? = args.first, o.type === BuiltinTypes.tuple, cls === BuiltinTypes.tuple { return args[0] }
        return .object(PyTuple(try args.first.map { try interp.toArray($0) } ?? [], type: cls))
    }

    static func constructRange(_ interp: Interpreter, _ cls: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        if !kwargs.isEmpty { throw PyErr.typeError("range() takes no keyword arguments") }
        func int(_ v: Value) throws -> Int {
            if let i = v.asIndex { return i }
            if case .object(let o) = v, let m = o.type.lookup("__index__") { return try interp.callSpecial(m, v, []).expectInt() }
            throw PyErr.typeError("'\(v.typeName)' object cannot be interpreted as an integer")
        }
        switch args.count {
        case 1: return .object(PyRange(start: 0, stop: try int(args[0]), step: 1))
        case 2: return .object(PyRange(start: try int(args[0]), stop: try int(args[1]), step: 1))
        case 3:
            let step = try int(args[2])
            if step == 0 { throw PyErr.valueError("range() arg 3 must not be zero") }
            return .object(PyRange(start: try int(args[0]), stop: try int(args[1]), step: step))
        case 0: throw PyErr.typeError("range expected at least 1 argument, got 0")
        default: throw PyErr.typeError("range expected at most 3 arguments, got \(args.count)")
        }
    }

    static func list(_ args: [Value], _ name: String) throws -> PyList {
        guard case .object(let o)? = args.first, let l = o as? PyList else {
            throw PyErr.typeError("descriptor '\(name)' for 'list' objects doesn't apply to a '\(args.first?.typeName ?? "NoneType")' object")
        }
        return l
    }

    private static func count(_ args: [Value], _ n: Int, _ name: String) throws {
        if args.count - 1 != n {
            let what = n == 0 ? "no arguments" : (n == 1 ? "exactly one argument" : "exactly \(n) arguments")
            throw PyErr.typeError("list.\(name)() takes \(what) (\(args.count - 1) given)")
        }
    }

    /// Sorts values with `<` (stable), optionally by key and reversed.
    static func sort(_ interp: Interpreter, _ items: [Value], key: Value?, reverse: Bool) throws -> [Value] {
        var keyed: [(Value, Value)] = []
        keyed.reserveCapacity(items.count)
        for v in items { keyed.append((try key.map { try interp.call($0, [v]) } ?? v, v)) }
        if reverse { keyed.reverse() }
        // Merge sort: stable, and every comparison may raise.
        var buffer = keyed
        func merge(_ lo: Int, _ hi: Int) throws {
            if hi - lo < 2 { return }
            let mid = (lo + hi) / 2
            try merge(lo, mid)
            try merge(mid, hi)
            var i = lo, j = mid, k = lo
            while i < mid && j < hi {
                if try interp.lessThan(keyed[j].0, keyed[i].0) {
                    buffer[k] = keyed[j]; j += 1
                } else {
                    buffer[k] = keyed[i]; i += 1
                }
                k += 1
            }
            while i < mid { buffer[k] = keyed[i]; i += 1; k += 1 }
            while j < hi { buffer[k] = keyed[j]; j += 1; k += 1 }
            for x in lo..<hi { keyed[x] = buffer[x] }
        }
        try merge(0, keyed.count)
        if reverse { keyed.reverse() }
        return keyed.map(\.1)
    }

    static func install(_ t: PyType) {
        t.define("append") { _, args, _ in
            try count(args, 1, "append")
            try list(args, "append").items.append(args[1])
            return .none
        }
        t.define("extend") { interp, args, _ in
            try count(args, 1, "extend")
            let l = try list(args, "extend")
            l.items.append(contentsOf: try interp.toArray(args[1]))
            return .none
        }
        t.define("insert") { _, args, _ in
            try count(args, 2, "insert")
            let l = try list(args, "insert")
            var i = try args[1].expectInt()
            if i < 0 { i = max(0, i + l.items.count) }
            l.items.insert(args[2], at: min(i, l.items.count))
            return .none
        }
        t.define("pop") { interp, args, _ in
            let l = try list(args, "pop")
            if l.items.isEmpty { throw PyErr.indexError("pop from empty list") }
            guard args.count > 1 else { return l.items.removeLast() }
            let i = try args[1].expectInt()
            let k = i < 0 ? i + l.items.count : i
            guard k >= 0 && k < l.items.count else { throw PyErr.indexError("pop index out of range") }
            _ = interp
            return l.items.remove(at: k)
        }
        t.define("remove") { interp, args, _ in
            try count(args, 1, "remove")
            let l = try list(args, "remove")
            for (i, v) in l.items.enumerated() where try v.isIdentical(to: args[1]) || interp.equals(v, args[1]) {
                l.items.remove(at: i)
                return .none
            }
            throw PyErr.valueError("list.remove(x): x not in list")
        }
        t.define("index") { interp, args, _ in
            let l = try list(args, "index")
            guard args.count >= 2 else { throw PyErr.typeError("index expected at least 1 argument, got 0") }
            var lo = args.count > 2 ? try args[2].expectInt() : 0
            var hi = args.count > 3 ? try args[3].expectInt() : l.items.count
            if lo < 0 { lo = max(0, lo + l.items.count) }
            if hi < 0 { hi = max(0, hi + l.items.count) }
            hi = min(hi, l.items.count)
            if lo < hi {
                for i in lo..<hi where try l.items[i].isIdentical(to: args[1]) || interp.equals(l.items[i], args[1]) { return .int(i) }
            }
            throw PyErr.valueError("\(try interp.repr(args[1])) is not in list")
        }
        t.define("count") { interp, args, _ in
            try count(args, 1, "count")
            let l = try list(args, "count")
            return .int(try l.items.filter { try $0.isIdentical(to: args[1]) || interp.equals($0, args[1]) }.count)
        }
        t.define("sort") { interp, args, kwargs in
            let l = try list(args, "sort")
            if args.count > 1 { throw PyErr.typeError("sort() takes no positional arguments") }
            let a = try NativeArguments("sort", [], kwargs, names: ["key", "reverse"])
            let key = a[0].flatMap { $0.isNone ? nil : $0 }
            let reverse = try a[1].map { try interp.isTruthy($0) } ?? false
            l.items = try sort(interp, l.items, key: key, reverse: reverse)
            return .none
        }
        t.define("reverse") { _, args, _ in
            try count(args, 0, "reverse")
            try list(args, "reverse").items.reverse()
            return .none
        }
        t.define("copy") { _, args, _ in
            try count(args, 0, "copy")
            return .list(try list(args, "copy").items)
        }
        t.define("clear") { _, args, _ in
            try count(args, 0, "clear")
            try list(args, "clear").items.removeAll()
            return .none
        }
        t.define("__len__") { _, args, _ in .int(try list(args, "__len__").items.count) }
        t.define("__getitem__") { interp, args, _ in try interp.getItem(args[0], args[1]) }
        t.define("__setitem__") { interp, args, _ in
            try interp.setItem(args[0], args[1], args[2])
            return .none
        }
        t.define("__contains__") { interp, args, _ in .bool(try interp.contains(args[0], args[1])) }
        t.define("__iter__") { interp, args, _ in .object(try interp.iterate(args[0])) }
        t.define("__add__") { interp, args, _ in try interp.binary(.add, args[0], args[1]) }
        t.define("__iadd__") { interp, args, _ in try interp.inplaceBinary(.add, args[0], args[1]) }
    }

    static func installTuple(_ t: PyType) {
        t.define("index") { interp, args, _ in
            guard case .object(let o) = args[0], let tup = o as? PyTuple, args.count >= 2 else {
                throw PyErr.typeError("index expected at least 1 argument, got 0")
            }
            for (i, v) in tup.items.enumerated() where try v.isIdentical(to: args[1]) || interp.equals(v, args[1]) { return .int(i) }
            throw PyErr.valueError("tuple.index(x): x not in tuple")
        }
        t.define("count") { interp, args, _ in
            guard case .object(let o) = args[0], let tup = o as? PyTuple, args.count == 2 else {
                throw PyErr.typeError("count() takes exactly one argument")
            }
            return .int(try tup.items.filter { try $0.isIdentical(to: args[1]) || interp.equals($0, args[1]) }.count)
        }
        t.define("__len__") { interp, args, _ in .int(try interp.length(args[0])) }
        t.define("__getitem__") { interp, args, _ in try interp.getItem(args[0], args[1]) }
        t.define("__contains__") { interp, args, _ in .bool(try interp.contains(args[0], args[1])) }
        t.define("__iter__") { interp, args, _ in .object(try interp.iterate(args[0])) }
    }

    static func installRange(_ t: PyType) {
        t.define("index") { interp, args, _ in
            guard case .object(let o) = args[0], let r = o as? PyRange, args.count == 2 else {
                throw PyErr.typeError("index() takes exactly one argument")
            }
            guard try interp.contains(args[0], args[1]), let i = args[1].asIndex else {
                throw PyErr.valueError("\(try interp.repr(args[1])) is not in range")
            }
            return .int((i - r.start) / r.step)
        }
        t.define("count") { interp, args, _ in .int(try interp.contains(args[0], args[1]) ? 1 : 0) }
        t.define("__len__") { interp, args, _ in .int(try interp.length(args[0])) }
        t.define("__getitem__") { interp, args, _ in try interp.getItem(args[0], args[1]) }
        t.define("__iter__") { interp, args, _ in .object(try interp.iterate(args[0])) }
    }
}
