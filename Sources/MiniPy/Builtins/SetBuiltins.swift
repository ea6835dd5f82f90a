// `set` and `frozenset`.
import Collections

enum SetBuiltins {
    static func construct(_ interp: Interpreter, _ cls: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        if args.count > 1 { throw PyErr.typeError("set expected at most 1 argument, got \(args.count)") }
        return .object(PySet(try elements(interp, args.first), type: cls))
    }

    static func constructFrozen(_ interp: Interpreter, _ cls: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        if args.count > 1 { throw PyErr.typeError("frozenset expected at most 1 argument, got \(args.count)") }
        return .object(PyFrozenSet(try elements(interp, args.first)))
    }

    static func elements(_ interp: Interpreter, _ v: Value?) throws -> OrderedSet<HashKey> {
        var s = OrderedSet<HashKey>()
        guard let v else { return s }
        try interp.forEach(v) { x in
            s.append(try interp.hashKey(x))
            return true
        }
        return s
    }

    static func storage(_ args: [Value], _ name: String) throws -> OrderedSet<HashKey> {
        guard case .object(let o)? = args.first, let s = o.setStorage else {
            throw PyErr.typeError("descriptor '\(name)' requires a 'set' object")
        }
        return s
    }

    static func mutable(_ args: [Value], _ name: String) throws -> PySet {
        guard case .object(let o)? = args.first, let s = o as? PySet else {
            throw PyErr.typeError("descriptor '\(name)' requires a 'set' object")
        }
        return s
    }

    /// `|`, `&`, `-`, `^` between sets; the result has the left operand's kind.
    static func binary(_ op: BinaryOperator, _ a: PyObject, _ b: PyObject) throws -> Value? {
        guard let x = a.setStorage, let y = b.setStorage else { return nil }
        let r: OrderedSet<HashKey>
        switch op {
        case .bitOr: r = x.union(y)
        case .bitAnd: r = x.filter { y.contains($0) }
        case .subtract: r = x.filter { !y.contains($0) }
        case .bitXor: r = x.filter { !y.contains($0) }.union(y.filter { !x.contains($0) })
        default: return nil
        }
        return a is PyFrozenSet ? .object(PyFrozenSet(r)) : .object(PySet(r))
    }

    static func install(_ t: PyType, frozen: Bool) {
        func make(_ r: OrderedSet<HashKey>) -> Value { frozen ? .object(PyFrozenSet(r)) : .object(PySet(r)) }
        t.define("union") { interp, args, _ in
            var r = try storage(args, "union")
            for other in args.dropFirst() { r.formUnion(try elements(interp, other)) }
            return make(r)
        }
        t.define("intersection") { interp, args, _ in
            var r = try storage(args, "intersection")
            for other in args.dropFirst() {
                let o = try elements(interp, other)
                r = r.filter { o.contains($0) }
            }
            return make(r)
        }
        t.define("difference") { interp, args, _ in
            var r = try storage(args, "difference")
            for other in args.dropFirst() {
                let o = try elements(interp, other)
                r = r.filter { !o.contains($0) }
            }
            return make(r)
        }
        t.define("symmetric_difference") { interp, args, _ in
            let a = try storage(args, "symmetric_difference")
            let b = try elements(interp, args.count > 1 ? args[1] : nil)
            return make(a.filter { !b.contains($0) }.union(b.filter { !a.contains($0) }))
        }
        t.define("issubset") { interp, args, _ in
            let a = try storage(args, "issubset"), b = try elements(interp, args.count > 1 ? args[1] : nil)
            return .bool(a.allSatisfy { b.contains($0) })
        }
        t.define("issuperset") { interp, args, _ in
            let a = try storage(args, "issuperset"), b = try elements(interp, args.count > 1 ? args[1] : nil)
            return .bool(b.allSatisfy { a.contains($0) })
        }
        t.define("isdisjoint") { interp, args, _ in
            let a = try storage(args, "isdisjoint"), b = try elements(interp, args.count > 1 ? args[1] : nil)
            return .bool(!a.contains { b.contains($0) })
        }
        t.define("copy") { _, args, _ in make(try storage(args, "copy")) }
        t.define("__len__") { _, args, _ in .int(try storage(args, "__len__").count) }
        t.define("__contains__") { interp, args, _ in .bool(try storage(args, "__contains__").contains(try interp.hashKey(args[1]))) }
        t.define("__iter__") { interp, args, _ in .object(try interp.iterate(args[0])) }
        guard !frozen else { return }
        t.define("add") { interp, args, _ in
            guard args.count == 2 else { throw PyErr.typeError("set.add() takes exactly one argument (\(args.count - 1) given)") }
            try mutable(args, "add").storage.append(try interp.hashKey(args[1]))
            return .none
        }
        t.define("remove") { interp, args, _ in
            let s = try mutable(args, "remove")
            guard args.count == 2 else { throw PyErr.typeError("set.remove() takes exactly one argument (\(args.count - 1) given)") }
            guard s.storage.remove(try interp.hashKey(args[1])) != nil else { throw PyErr.keyError(args[1]) }
            return .none
        }
        t.define("discard") { interp, args, _ in
            let s = try mutable(args, "discard")
            guard args.count == 2 else { throw PyErr.typeError("set.discard() takes exactly one argument (\(args.count - 1) given)") }
            s.storage.remove(try interp.hashKey(args[1]))
            return .none
        }
        t.define("pop") { _, args, _ in
            let s = try mutable(args, "pop")
            guard !s.storage.isEmpty else { throw PyErr.keyError(.str("pop from an empty set")) }
            return s.storage.removeFirst().value
        }
        t.define("clear") { _, args, _ in
            try mutable(args, "clear").storage.removeAll()
            return .none
        }
        t.define("update") { interp, args, _ in
            let s = try mutable(args, "update")
            for other in args.dropFirst() { s.storage.formUnion(try elements(interp, other)) }
            return .none
        }
        t.define("difference_update") { interp, args, _ in
            let s = try mutable(args, "difference_update")
            for other in args.dropFirst() {
                let o = try elements(interp, other)
                s.storage = s.storage.filter { !o.contains($0) }
            }
            return .none
        }
        t.define("intersection_update") { interp, args, _ in
            let s = try mutable(args, "intersection_update")
            for other in args.dropFirst() {
                let o = try elements(interp, other)
                s.storage = s.storage.filter { o.contains($0) }
            }
            return .none
        }
    }
}
