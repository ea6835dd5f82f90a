// Subscripts and slices: `a[i]`, `a[i] = v`, `del a[i]`.

extension Interpreter {
    /// `container[index]`.
    public func getItem(_ container: Value, _ index: Value) throws -> Value {
        switch container {
        case .object(let o):
            if let l = o as? PyList {
                if let i = index.asIndex { return l.items[try normalize(i, l.items.count, "list")] }
                if case .object(let s as PySlice) = index { return .list(try sliceItems(l.items, s)) }
                if let i = try indexProtocol(index, "list indices must be integers or slices, not \(index.typeName)") {
                    return l.items[try normalize(i, l.items.count, "list")]
                }
            }
            if let d = o as? PyDict {
                if let v = d.storage[try hashKey(index)] { return v }
                if d.type.isHeapType || !(d.type === BuiltinTypes.dict), let m = d.type.lookup("__missing__") {
                    return try callSpecial(m, container, [index])
                }
                throw PyErr.keyError(index)
            }
            if let t = o as? PyTuple {
                if let i = index.asIndex { return t.items[try normalize(i, t.items.count, "tuple")] }
                if case .object(let s as PySlice) = index { return .tuple(try sliceItems(t.items, s)) }
                if let i = try indexProtocol(index, "tuple indices must be integers or slices, not \(index.typeName)") {
                    return t.items[try normalize(i, t.items.count, "tuple")]
                }
            }
            if let r = o as? PyRange {
                if let i = index.asIndex {
                    let k = try normalize(i, r.count, "range object")
                    return .int(r.start + k * r.step)
                }
                if case .object(let s as PySlice) = index {
                    let (start, _, step, count) = try sliceIndices(s, r.count)
                    let newStart = r.start + start * r.step
                    let newStep = r.step * step
                    return .object(PyRange(start: newStart, stop: newStart + count * newStep, step: newStep))
                }
            }
            if let t = o as? PyType {
                // `list[int]` style annotations evaluate to the class itself.
                return .object(t)
            }
            if let m = o.type.lookup("__getitem__") { return try callSpecial(m, container, [index]) }
        case .str(let s):
            if let i = index.asIndex {
                let scalars = Array(s.unicodeScalars)
                return .str(String(scalars[try normalize(i, scalars.count, "string")]))
            }
            if case .object(let sl as PySlice) = index {
                let scalars = Array(s.unicodeScalars)
                var out = String.UnicodeScalarView()
                out.append(contentsOf: try sliceItems(scalars, sl))
                return .str(String(out))
            }
            throw PyErr.typeError("string indices must be integers, not '\(index.typeName)'")
        default: break
        }
        throw PyErr.notA("subscriptable", container)
    }

    /// `container[index] = value`.
    public func setItem(_ container: Value, _ index: Value, _ value: Value) throws {
        if case .object(let o) = container {
            if let l = o as? PyList {
                if let i = index.asIndex {
                    l.items[try normalize(i, l.items.count, "list assignment")] = value
                    return
                }
                if case .object(let s as PySlice) = index {
                    try assignSlice(l, s, try toArray(value))
                    return
                }
                if let i = try indexProtocol(index, "list indices must be integers or slices, not \(index.typeName)") {
                    l.items[try normalize(i, l.items.count, "list assignment")] = value
                    return
                }
            }
            if let d = o as? PyDict {
                d.storage[try hashKey(index)] = value
                return
            }
            if let m = o.type.lookup("__setitem__") {
                _ = try callSpecial(m, container, [index, value])
                return
            }
        }
        throw PyErr.typeError("'\(container.typeName)' object does not support item assignment")
    }

    /// `del container[index]`.
    public func deleteItem(_ container: Value, _ index: Value) throws {
        if case .object(let o) = container {
            if let l = o as? PyList {
                if let i = index.asIndex {
                    l.items.remove(at: try normalize(i, l.items.count, "list assignment"))
                    return
                }
                if case .object(let s as PySlice) = index {
                    let (start, _, step, count) = try sliceIndices(s, l.items.count)
                    let doomed = Set((0..<count).map { start + $0 * step })
                    l.items = l.items.enumerated().filter { !doomed.contains($0.offset) }.map(\.element)
                    return
                }
            }
            if let d = o as? PyDict {
                guard d.storage.removeValue(forKey: try hashKey(index)) != nil else { throw PyErr.keyError(index) }
                return
            }
            if let m = o.type.lookup("__delitem__") {
                _ = try callSpecial(m, container, [index])
                return
            }
        }
        throw PyErr.typeError("'\(container.typeName)' object doesn't support item deletion")
    }

    /// A valid index for `count` elements, or CPython's `IndexError`.
    @inline(__always)
    func normalize(_ i: Int, _ count: Int, _ what: String) throws -> Int {
        let k = i < 0 ? i + count : i
        guard k >= 0 && k < count else { throw PyErr.indexError("\(what) index out of range") }
        return k
    }

    /// Start, stop, step and length of a slice over `count` elements (CPython's `PySlice_AdjustIndices`).
    func sliceIndices(_ s: PySlice, _ count: Int) throws -> (Int, Int, Int, Int) {
        func component(_ v: Value) throws -> Int? {
            if v.isNone { return nil }
            if let i = v.asIndex { return i }
            if case .object(let o) = v, let m = o.type.lookup("__index__"), case .int(let i) = try callSpecial(m, v, []) { return i }
            throw PyErr.typeError("slice indices must be integers or None or have an __index__ method")
        }
        let step = try component(s.step) ?? 1
        if step == 0 { throw PyErr.valueError("slice step cannot be zero") }
        var start: Int, stop: Int
        if let a = try component(s.start) {
            start = a < 0 ? max(a + count, step < 0 ? -1 : 0) : min(a, step < 0 ? count - 1 : count)
        } else {
            start = step < 0 ? count - 1 : 0
        }
        if let b = try component(s.stop) {
            stop = b < 0 ? max(b + count, step < 0 ? -1 : 0) : min(b, step < 0 ? count - 1 : count)
        } else {
            stop = step < 0 ? -1 : count
        }
        var length = 0
        if step > 0 {
            if start < stop { length = (stop - start - 1) / step + 1 }
        } else if stop < start {
            length = (start - stop - 1) / (-step) + 1
        }
        return (start, stop, step, length)
    }

    func sliceItems<T>(_ items: [T], _ s: PySlice) throws -> [T] {
        let (start, stop, step, count) = try sliceIndices(s, items.count)
        if step == 1 { return start < stop ? Array(items[start..<stop]) : [] }
        var out: [T] = []
        out.reserveCapacity(count)
        var i = start
        for _ in 0..<count {
            out.append(items[i])
            i += step
        }
        return out
    }

    private func assignSlice(_ l: PyList, _ s: PySlice, _ values: [Value]) throws {
        let (start, stop, step, count) = try sliceIndices(s, l.items.count)
        if step == 1 {
            l.items.replaceSubrange(start..<max(start, stop), with: values)
            return
        }
        guard values.count == count else {
            throw PyErr.valueError("attempt to assign sequence of size \(values.count) to extended slice of size \(count)")
        }
        var i = start
        for v in values {
            l.items[i] = v
            i += step
        }
    }
}

extension Interpreter {
    /// An object's `__index__` (what lets a one-element integer tensor index a list), or the
    /// TypeError `message` when it has none. Never returns nil; the optional keeps call sites short.
    func indexProtocol(_ index: Value, _ message: String) throws -> Int? {
        guard case .object(let o) = index, let m = o.type.lookup("__index__") else {
            throw PyErr.typeError(message)
        }
        let r = try callSpecial(m, index, [])
        guard case .int(let i) = r else {
            throw PyErr.typeError("__index__ returned non-int (type \(r.typeName))")
        }
        return i
    }
}
