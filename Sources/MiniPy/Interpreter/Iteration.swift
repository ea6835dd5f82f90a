// The iteration protocol, with fast paths for the builtin containers.

extension Interpreter {
    /// `iter(v)` as a Swift iterator.
    public func iterate(_ v: Value) throws -> PyIterator {
        switch v {
        case .str(let s):
            return PyArrayIterator(s.unicodeScalars.map { .str(String($0)) }, type: BuiltinTypes.iterator)
        case .object(let o):
            if let it = o as? PyIterator { return it }
            if let l = o as? PyList { return PyListIterator(l) }
            if let r = o as? PyRange { return PyRangeIterator(r) }
            if let t = o as? PyTuple { return PyArrayIterator(t.items) }
            if let d = o as? PyDict { return PyArrayIterator(d.storage.keys.map(\.value)) }
            if let s = o.setStorage { return PyArrayIterator(SetOrder.ordered(s).map(\.value)) }
            if let m = o.type.lookup("__iter__") {
                let r = try callSpecial(m, v, [])
                if case .object(let ro) = r {
                    if let it = ro as? PyIterator { return it }
                    if ro.type.lookup("__next__") != nil { return PyProtocolIterator(r) }
                }
                throw PyErr.typeError("iter() returned non-iterator of type '\(r.typeName)'")
            }
            if o.type.lookup("__getitem__") != nil {
                var i = 0
                return PyClosureIterator(type: BuiltinTypes.iterator) { interp in
                    do {
                        defer { i += 1 }
                        return try interp.getItem(v, .int(i))
                    } catch let e as PyExceptionObject where e.isInstance(of: BuiltinTypes.indexError) || e.isInstance(of: BuiltinTypes.stopIteration) {
                        return nil
                    }
                }
            }
        default: break
        }
        throw PyErr.typeError("'\(v.typeName)' object is not iterable")
    }

    /// All elements of an iterable.
    public func toArray(_ v: Value) throws -> [Value] {
        if case .object(let o) = v {
            if let l = o as? PyList { return l.items }
            if let t = o as? PyTuple { return t.items }
            if let r = o as? PyRange {
                try MemoryLimit.check(count: r.count, itemBytes: MemoryLayout<Value>.stride)
                var out: [Value] = []
                out.reserveCapacity(r.count)
                var x = r.start
                for _ in 0..<r.count {
                    out.append(.int(x))
                    x += r.step
                }
                return out
            }
            if let d = o as? PyDict { return d.storage.keys.map(\.value) }
        }
        let it = try iterate(v)
        var out: [Value] = []
        while let x = try it.next(self) { out.append(x) }
        return out
    }

    /// Calls `body` for each element; `body` returns false to stop early.
    public func forEach(_ v: Value, _ body: (Value) throws -> Bool) throws {
        if case .object(let o) = v {
            if let l = o as? PyList {
                var i = 0
                while i < l.items.count {
                    if !(try body(l.items[i])) { return }
                    i += 1
                }
                return
            }
            if let r = o as? PyRange {
                var x = r.start
                for _ in 0..<r.count {
                    if !(try body(.int(x))) { return }
                    x &+= r.step
                }
                return
            }
            if let t = o as? PyTuple {
                for x in t.items where !(try body(x)) { return }
                return
            }
        }
        let it = try iterate(v)
        while let x = try it.next(self) {
            if !(try body(x)) { return }
        }
    }
}
