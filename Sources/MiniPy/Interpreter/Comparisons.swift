// Equality, ordering, truth, hashing and membership.
import Collections

extension Interpreter {
    /// `bool(v)`.
    public func isTruthy(_ v: Value) throws -> Bool {
        switch v {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .str(let s): return !s.isEmpty
        case .object(let o):
            if let l = o as? PyList { return !l.items.isEmpty }
            if let t = o as? PyTuple { return !t.items.isEmpty }
            if let d = o as? PyDict { return !d.storage.isEmpty }
            if let s = o as? PySet { return !s.storage.isEmpty }
            if let r = o as? PyRange { return r.count > 0 }
            if o is PyType || o is PyFunction || o is PyNativeFunction || o is PyModule { return true }
            let t = o.type
            if let m = t.lookup("__bool__") {
                let r = try callSpecial(m, v, [])
                guard case .bool(let b) = r else {
                    throw PyErr.typeError("__bool__ should return bool, returned \(r.typeName)")
                }
                return b
            }
            if let m = t.lookup("__len__") {
                return try lengthResult(callSpecial(m, v, [])) != 0
            }
            return true
        }
    }

    private func lengthResult(_ r: Value) throws -> Int {
        guard let n = r.asIndex else {
            throw PyErr.typeError("'\(r.typeName)' object cannot be interpreted as an integer")
        }
        if n < 0 { throw PyErr.valueError("__len__() should return >= 0") }
        return n
    }

    /// `len(v)`.
    public func length(_ v: Value) throws -> Int {
        switch v {
        case .str(let s): return s.unicodeScalars.count
        case .object(let o):
            if let l = o as? PyList { return l.items.count }
            if let t = o as? PyTuple { return t.items.count }
            if let d = o as? PyDict { return d.storage.count }
            if let s = o as? PySet { return s.storage.count }
            if let s = o as? PyFrozenSet { return s.storage.count }
            if let r = o as? PyRange { return r.count }
            if let m = o.type.lookup("__len__") { return try lengthResult(callSpecial(m, v, [])) }
        default: break
        }
        throw PyErr.typeError("object of type '\(v.typeName)' has no len()")
    }

    /// `a == b`.
    public func equals(_ a: Value, _ b: Value) throws -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.str(let x), .str(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.none, .none): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.object(let x), .object(let y)):
            if let lx = x as? PyList, let ly = y as? PyList { return try sequencesEqual(lx.items, ly.items) }
            if let tx = x as? PyTuple, let ty = y as? PyTuple { return try sequencesEqual(tx.items, ty.items) }
            if let dx = x as? PyDict, let dy = y as? PyDict {
                guard dx.storage.count == dy.storage.count else { return false }
                for (k, v) in dx.storage {
                    guard let w = dy.storage[k], try equals(v, w) else { return false }
                }
                return true
            }
            if let sx = x.setStorage, let sy = y.setStorage { return sx.count == sy.count && sx.allSatisfy { sy.contains($0) } }
            if let rx = x as? PyRange, let ry = y as? PyRange {
                return rx.count == ry.count && (rx.count == 0 || (rx.start == ry.start && (rx.count == 1 || rx.step == ry.step)))
            }
        default:
            if let x = a.numericValue, let y = b.numericValue { return x == y }
        }
        if a.isPrimitive && b.isPrimitive { return false }
        if let r = try richCompare("__eq__", "__eq__", a, b) { return try isTruthy(r) }
        return a.isIdentical(to: b)
    }

    private func sequencesEqual(_ x: [Value], _ y: [Value]) throws -> Bool {
        guard x.count == y.count else { return false }
        for i in 0..<x.count {
            if x[i].isIdentical(to: y[i]) { continue }
            if !(try equals(x[i], y[i])) { return false }
        }
        return true
    }

    /// Tries `a.name(b)` then `b.reflected(a)`; nil when both say NotImplemented.
    private func richCompare(_ name: String, _ reflected: String, _ a: Value, _ b: Value) throws -> Value? {
        let ta = a.type, tb = b.type
        if !(ta === tb), tb.isSubtype(of: ta), !b.isPrimitive, let m = tb.lookup(reflected), !ObjectBuiltins.isObjectMethod(m) {
            let r = try callSpecial(m, b, [a])
            if !r.isNotImplemented { return r }
        }
        if !a.isPrimitive, let m = ta.lookup(name), !ObjectBuiltins.isObjectMethod(m) {
            let r = try callSpecial(m, a, [b])
            if !r.isNotImplemented { return r }
        }
        if !b.isPrimitive, let m = tb.lookup(reflected), !ObjectBuiltins.isObjectMethod(m) {
            let r = try callSpecial(m, b, [a])
            if !r.isNotImplemented { return r }
        }
        return nil
    }

    /// Evaluates one comparison operator.
    public func compare(_ op: ComparisonOperator, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case .equal:
            // A number or builtin container on the left gives way to the right operand's
            // reflected __eq__ (so `1 == tensor` compares element-wise, as in CPython).
            if (!a.isPrimitive && !(a.asObject is PyList || a.asObject is PyTuple || a.asObject is PyDict))
                || (!b.isPrimitive && !(b.asObject is PyList || b.asObject is PyTuple || b.asObject is PyDict)),
               let r = try richCompare("__eq__", "__eq__", a, b) { return r }
            return .bool(try equals(a, b))
        case .notEqual:
            if !a.isPrimitive || !b.isPrimitive {
                if let r = try richCompare("__ne__", "__ne__", a, b) { return r }
                if let r = try richCompare("__eq__", "__eq__", a, b) { return .bool(!(try isTruthy(r))) }
            }
            return .bool(!(try equals(a, b)))
        case .less, .lessEqual, .greater, .greaterEqual:
            return try order(op, a, b)
        case .in: return .bool(try contains(b, a))
        case .notIn: return .bool(!(try contains(b, a)))
        case .is: return .bool(a.isIdentical(to: b))
        case .isNot: return .bool(!a.isIdentical(to: b))
        }
    }

    /// `<`, `<=`, `>`, `>=`.
    func order(_ op: ComparisonOperator, _ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)): return .bool(Self.apply(op, x, y))
        case (.float(let x), .float(let y)): return .bool(Self.apply(op, x, y))
        case (.str(let x), .str(let y)): return .bool(Self.applyStrings(op, x, y))
        case (.object(let x), .object(let y)):
            if let lx = x as? PyList, let ly = y as? PyList { return .bool(try orderSequences(op, lx.items, ly.items)) }
            if let tx = x as? PyTuple, let ty = y as? PyTuple { return .bool(try orderSequences(op, tx.items, ty.items)) }
            if let sx = x.setStorage, let sy = y.setStorage {
                switch op {
                case .lessEqual: return .bool(sx.allSatisfy { sy.contains($0) })
                case .less: return .bool(sx.count < sy.count && sx.allSatisfy { sy.contains($0) })
                case .greaterEqual: return .bool(sy.allSatisfy { sx.contains($0) })
                default: return .bool(sy.count < sx.count && sy.allSatisfy { sx.contains($0) })
                }
            }
        default:
            if let x = a.numericValue, let y = b.numericValue { return .bool(Self.apply(op, x, y)) }
        }
        let (name, reflected): (String, String)
        switch op {
        case .less: (name, reflected) = ("__lt__", "__gt__")
        case .lessEqual: (name, reflected) = ("__le__", "__ge__")
        case .greater: (name, reflected) = ("__gt__", "__lt__")
        default: (name, reflected) = ("__ge__", "__le__")
        }
        if !a.isPrimitive || !b.isPrimitive, let r = try richCompare(name, reflected, a, b) { return r }
        throw PyErr.typeError("'\(op.rawValue)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
    }

    /// True when `a < b` (what `sorted`, `min` and `max` use).
    public func lessThan(_ a: Value, _ b: Value) throws -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y
        case (.float(let x), .float(let y)): return x < y
        case (.str(let x), .str(let y)): return Self.applyStrings(.less, x, y)
        default: return try isTruthy(order(.less, a, b))
        }
    }

    private func orderSequences(_ op: ComparisonOperator, _ x: [Value], _ y: [Value]) throws -> Bool {
        var i = 0
        while i < x.count && i < y.count {
            if !(try equals(x[i], y[i])) { return try isTruthy(order(op, x[i], y[i])) }
            i += 1
        }
        return Self.apply(op, x.count, y.count)
    }

    @inline(__always)
    static func apply<T: Comparable>(_ op: ComparisonOperator, _ x: T, _ y: T) -> Bool {
        switch op {
        case .less: return x < y
        case .lessEqual: return x <= y
        case .greater: return x > y
        default: return x >= y
        }
    }

    /// Strings order by code point (Swift's `<` on String is by Unicode canonical order).
    static func applyStrings(_ op: ComparisonOperator, _ x: String, _ y: String) -> Bool {
        let c = codePointCompare(x, y)
        switch op {
        case .less: return c < 0
        case .lessEqual: return c <= 0
        case .greater: return c > 0
        default: return c >= 0
        }
    }

    static func codePointCompare(_ x: String, _ y: String) -> Int {
        // UTF-8 byte order equals code point order.
        var ix = x.utf8.makeIterator(), iy = y.utf8.makeIterator()
        while true {
            let a = ix.next(), b = iy.next()
            switch (a, b) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let p?, let q?): if p != q { return p < q ? -1 : 1 }
            }
        }
    }

    /// `item in container`.
    public func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case .str(let s):
            guard case .str(let sub) = item else {
                throw PyErr.typeError("'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return sub.isEmpty || s.contains(sub)
        case .object(let o):
            if let d = o as? PyDict { return d.storage[try hashKey(item)] != nil }
            if let l = o as? PyList { return try l.items.contains { try $0.isIdentical(to: item) || equals($0, item) } }
            if let t = o as? PyTuple { return try t.items.contains { try $0.isIdentical(to: item) || equals($0, item) } }
            if let s = o.setStorage { return s.contains(try hashKey(item)) }
            if let r = o as? PyRange {
                guard let i = item.asIndex else { return false }
                if r.step > 0 ? (i < r.start || i >= r.stop) : (i > r.start || i <= r.stop) { return false }
                return (i - r.start) % r.step == 0
            }
            if let m = o.type.lookup("__contains__") { return try isTruthy(callSpecial(m, container, [item])) }
            if o.type.lookup("__iter__") != nil || o.type.lookup("__getitem__") != nil || o is PyIterator {
                let it = try iterate(container)
                while let v = try it.next(self) {
                    if try v.isIdentical(to: item) || equals(v, item) { return true }
                }
                return false
            }
        default: break
        }
        throw PyErr.typeError("argument of type '\(container.typeName)' is not iterable")
    }

    /// The dictionary/set key for a value; raises `TypeError: unhashable type: 'list'`.
    public func hashKey(_ v: Value) throws -> HashKey {
        switch v {
        case .str(let s): return HashKey(value: v, hash: s.hashValue)
        case .int(let i): return HashKey(value: v, hash: PyHash.int(i))
        case .bool(let b): return HashKey(value: v, hash: b ? 1 : 0)
        case .float(let d): return HashKey(value: v, hash: PyHash.float(d))
        case .none: return HashKey(value: v, hash: 0x5f3759df)
        case .object(let o):
            return HashKey(value: v, hash: try hashObject(o, v))
        }
    }

    private func hashObject(_ o: PyObject, _ v: Value) throws -> Int {
        if let t = o as? PyTuple {
            // CPython's xxHash-based tuple hash.
            var acc: UInt64 = 2870177450012600261
            for item in t.items {
                let lane = UInt64(bitPattern: Int64(try hashKey(item).hash))
                acc = acc &+ lane &* 14029467366897019727
                acc = (acc << 31) | (acc >> 33)
                acc = acc &* 11400714785074694791
            }
            acc = acc &+ (UInt64(t.items.count) ^ (2870177450012600261 ^ 3527539))
            if acc == UInt64.max { return 1546275796 }
            return Int(bitPattern: UInt(acc))
        }
        if let f = o as? PyFrozenSet {
            var h = 0
            for k in f.storage { h ^= k.hash &* Int(bitPattern: 0x9E3779B97F4A7C15 as UInt) }
            return h
        }
        if o is PyList || o is PyDict || o is PySet || o is PySlice {
            throw PyErr.typeError("unhashable type: '\(o.type.name)'")
        }
        let t = o.type
        if t.isHeapType, let m = t.lookup("__hash__") {
            if m.isNone { throw PyErr.typeError("unhashable type: '\(t.name)'") }
            if !ObjectBuiltins.isObjectMethod(m) {
                let r = try callSpecial(m, v, [])
                guard case .int(let h) = r.demotingBool else {
                    throw PyErr.typeError("__hash__ method should return an integer")
                }
                return h
            }
        } else if t.isHeapType, t.lookup("__eq__").map({ !ObjectBuiltins.isObjectMethod($0) }) ?? false {
            throw PyErr.typeError("unhashable type: '\(t.name)'")
        }
        return ObjectIdentifier(o).hashValue >> 4
    }
}

extension PyObject {
    /// The elements of a set or frozenset.
    var setStorage: OrderedSetStorage? {
        if let s = self as? PySet { return s.storage }
        if let f = self as? PyFrozenSet { return f.storage }
        return nil
    }
}

/// The storage type of `set` and `frozenset`.
typealias OrderedSetStorage = OrderedSet<HashKey>
