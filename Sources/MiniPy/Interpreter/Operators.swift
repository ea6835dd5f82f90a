// Binary, unary and comparison operators: fast paths for numbers, then special methods.

extension Interpreter {
    /// `a op b` for every binary operator.
    public func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        if let r = try numericBinary(op, a, b) { return r }
        if let r = try builtinBinary(op, a, b) { return r }
        return try dunderBinary(op, a, b)
    }

    /// `a op= b`: in place when the left operand supports it (lists, `__iadd__`).
    public func inplaceBinary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        if case .object(let o) = a {
            if let l = o as? PyList {
                if op == .add {
                    if case .object(let ob) = b, let other = ob as? PyList {
                        l.items.append(contentsOf: other.items)
                    } else {
                        l.items.append(contentsOf: try toArray(b))
                    }
                    return a
                }
                if op == .multiply, case .int(let n) = b {
                    l.items = try repeated(l.items, n)
                    return a
                }
            }
            if !(o is PyType), let m = o.type.lookup("__i" + Self.dunderName(op) + "__") {
                let r = try callSpecial(m, a, [b])
                if !r.isNotImplemented { return r }
            }
        }
        return try binary(op, a, b)
    }

    @inline(__always)
    func numericBinary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return try intBinary(op, x, y)
        case (.float(let x), .float(let y)): return try floatBinary(op, x, y)
        case (.int(let x), .float(let y)): return try floatBinary(op, Double(x), y)
        case (.float(let x), .int(let y)): return try floatBinary(op, x, Double(y))
        case (.bool(let x), _):
            if case .bool(let y) = b, op == .bitAnd || op == .bitOr || op == .bitXor {
                switch op {
                case .bitAnd: return .bool(x && y)
                case .bitOr: return .bool(x || y)
                default: return .bool(x != y)
                }
            }
            return try numericBinary(op, .int(x ? 1 : 0), b.demotingBool)
        case (_, .bool(let y)):
            if case .int = a { return try intBinary(op, a.intValue, y ? 1 : 0) }
            if case .float(let x) = a { return try floatBinary(op, x, y ? 1 : 0) }
            return nil
        default: return nil
        }
    }

    func intBinary(_ op: BinaryOperator, _ x: Int, _ y: Int) throws -> Value? {
        switch op {
        case .add: return .int(try Arithmetic.add(x, y))
        case .subtract: return .int(try Arithmetic.sub(x, y))
        case .multiply: return .int(try Arithmetic.mul(x, y))
        case .divide: return .float(try Arithmetic.trueDiv(Double(x), Double(y), intOperands: true))
        case .floorDivide: return .int(try Arithmetic.floorDiv(x, y))
        case .modulo: return .int(try Arithmetic.mod(x, y))
        case .power: return try Arithmetic.intPow(x, y)
        case .bitAnd: return .int(x & y)
        case .bitOr: return .int(x | y)
        case .bitXor: return .int(x ^ y)
        case .leftShift:
            if y < 0 { throw PyErr.valueError("negative shift count") }
            if y >= 64 || (x << y) >> y != x { if x == 0 { return .int(0) }; throw PyErr.overflow() }
            return .int(x << y)
        case .rightShift:
            if y < 0 { throw PyErr.valueError("negative shift count") }
            return .int(y >= 64 ? (x < 0 ? -1 : 0) : x >> y)
        case .matrixMultiply: return nil
        }
    }

    func floatBinary(_ op: BinaryOperator, _ x: Double, _ y: Double) throws -> Value? {
        switch op {
        case .add: return .float(x + y)
        case .subtract: return .float(x - y)
        case .multiply: return .float(x * y)
        case .divide: return .float(try Arithmetic.trueDiv(x, y, intOperands: false))
        case .floorDivide: return .float(try Arithmetic.floatFloorDiv(x, y))
        case .modulo: return .float(try Arithmetic.floatMod(x, y))
        case .power: return .float(try Arithmetic.floatPow(x, y))
        default: return nil
        }
    }

    /// Sequence and container operators of the builtin types.
    private func builtinBinary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value? {
        if case .str(let x) = a {
            switch op {
            case .add:
                if case .str(let y) = b { return .str(x + y) }
                if b.isPrimitive || b.type.lookup("__radd__") == nil {
                    throw PyErr.typeError("can only concatenate str (not \"\(b.typeName)\") to str")
                }
                return nil
            case .multiply:
                if let n = b.asIndex { return .str(try repeatedString(x, n)) }
                return nil
            case .modulo:
                return .str(try percentFormat(x, b))
            default:
                return nil
            }
        }
        if case .str(let y) = b, op == .multiply, let n = a.asIndex {
            return .str(try repeatedString(y, n))
        }
        switch (a, b) {
        case (.object(let oa), _):
            if let l = oa as? PyList {
                if op == .add {
                    if case .object(let ob) = b, let r = ob as? PyList { return .list(l.items + r.items) }
                    if b.type.lookup("__radd__") == nil {
                        throw PyErr.typeError("can only concatenate list (not \"\(b.typeName)\") to list")
                    }
                }
                if op == .multiply, let n = b.asIndex { return .list(try repeated(l.items, n)) }
            } else if let t = oa as? PyTuple {
                if op == .add {
                    if case .object(let ob) = b, let r = ob as? PyTuple { return .tuple(t.items + r.items) }
                    if b.type.lookup("__radd__") == nil {
                        throw PyErr.typeError("can only concatenate tuple (not \"\(b.typeName)\") to tuple")
                    }
                }
                if op == .multiply, let n = b.asIndex { return .tuple(try repeated(t.items, n)) }
            } else if oa is PySet || oa is PyFrozenSet, case .object(let ob) = b, ob is PySet || ob is PyFrozenSet {
                return try SetBuiltins.binary(op, oa, ob)
            } else if let d = oa as? PyDict, op == .bitOr, case .object(let ob) = b, let e = ob as? PyDict {
                var s = d.storage
                for (k, v) in e.storage { s[k] = v }
                return .object(PyDict(s))
            }
        case (.int(let n), .object(let ob)) where op == .multiply:
            if let l = ob as? PyList { return .list(try repeated(l.items, n)) }
            if let t = ob as? PyTuple { return .tuple(try repeated(t.items, n)) }
        default: break
        }
        return nil
    }

    private func repeated(_ items: [Value], _ n: Int) throws -> [Value] {
        guard n > 0, !items.isEmpty else { return [] }
        try MemoryLimit.check(repeating: items.count, times: n, itemBytes: MemoryLayout<Value>.stride)
        var r: [Value] = []
        r.reserveCapacity(items.count * n)
        for _ in 0..<n { r.append(contentsOf: items) }
        return r
    }

    private func repeatedString(_ text: String, _ n: Int) throws -> String {
        guard n > 0, !text.isEmpty else { return "" }
        // CPython: a length past the largest size is an OverflowError, a merely huge one a MemoryError.
        guard !text.utf8.count.multipliedReportingOverflow(by: n).overflow else {
            throw PyExceptionObject(type: BuiltinTypes.overflowError, args: [.str("repeated string is too long")])
        }
        try MemoryLimit.check(repeating: text.utf8.count, times: n, itemBytes: 1)
        return String(repeating: text, count: n)
    }

    static func dunderName(_ op: BinaryOperator) -> String {
        switch op {
        case .add: return "add"
        case .subtract: return "sub"
        case .multiply: return "mul"
        case .divide: return "truediv"
        case .floorDivide: return "floordiv"
        case .modulo: return "mod"
        case .power: return "pow"
        case .matrixMultiply: return "matmul"
        case .bitAnd: return "and"
        case .bitOr: return "or"
        case .bitXor: return "xor"
        case .leftShift: return "lshift"
        case .rightShift: return "rshift"
        }
    }

    /// `__add__` on the left operand, then `__radd__` on the right (first when the right
    /// operand's type is a subclass of the left's that overrides it).
    private func dunderBinary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        let name = Self.dunderName(op)
        let ta = a.type, tb = b.type
        let leftMethod = ta.lookup("__\(name)__")
        let rightMethod = ta === tb ? nil : tb.lookup("__r\(name)__")
        if let rm = rightMethod, tb.isSubtype(of: ta), !(ta === tb) {
            let r = try callSpecial(rm, b, [a])
            if !r.isNotImplemented { return r }
        }
        if let lm = leftMethod, !a.isPrimitive {
            let r = try callSpecial(lm, a, [b])
            if !r.isNotImplemented { return r }
        }
        if let rm = rightMethod, !b.isPrimitive {
            let r = try callSpecial(rm, b, [a])
            if !r.isNotImplemented { return r }
        }
        if op == .power { throw PyErr.typeError("unsupported operand type(s) for ** or pow(): '\(a.typeName)' and '\(b.typeName)'") }
        throw PyErr.unsupportedOperands(op.rawValue, a, b)
    }

    /// `-x`, `+x`, `~x`, `not x`.
    public func unary(_ op: UnaryOperator, _ v: Value) throws -> Value {
        switch (op, v) {
        case (.not, _): return .bool(!(try isTruthy(v)))
        case (.negative, .int(let i)):
            if i == Int.min { throw PyErr.overflow() }
            return .int(-i)
        case (.negative, .float(let d)): return .float(-d)
        case (.negative, .bool(let b)): return .int(b ? -1 : 0)
        case (.positive, .int), (.positive, .float): return v
        case (.positive, .bool(let b)): return .int(b ? 1 : 0)
        case (.invert, .int(let i)): return .int(~i)
        case (.invert, .bool(let b)): return .int(~(b ? 1 : 0))
        default: break
        }
        let name: String
        switch op {
        case .negative: name = "__neg__"
        case .positive: name = "__pos__"
        case .invert: name = "__invert__"
        case .not: name = "__bool__"
        }
        if !v.isPrimitive, let m = v.type.lookup(name) { return try callSpecial(m, v, []) }
        throw PyErr.typeError("bad operand type for unary \(op.rawValue): '\(v.typeName)'")
    }
}

extension Value {
    /// True for values whose operators are implemented inline (no special methods to try).
    var isPrimitive: Bool {
        if case .object = self { return false }
        return true
    }

    /// An int for `__index__` purposes (ints and bools).
    var asIndex: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    var intValue: Int {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return 0
        }
    }

    /// Bools become ints for arithmetic.
    var demotingBool: Value {
        if case .bool(let b) = self { return .int(b ? 1 : 0) }
        return self
    }
}
