// Operator expressions, with inline fast paths for ints and floats.

final class BinaryNode: ExprNode {
    let op: BinaryOperator
    let left: ExprNode, right: ExprNode
    init(_ op: BinaryOperator, _ left: ExprNode, _ right: ExprNode, line: Int) {
        self.op = op
        self.left = left
        self.right = right
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        let a = try left.eval(f)
        let b = try right.eval(f)
        if case .int(let x) = a, case .int(let y) = b {
            if let r = Self.intFast(op, x, y) { return r }
        } else if case .float(let x) = a, case .float(let y) = b {
            switch op {
            case .add: return .float(x + y)
            case .subtract: return .float(x - y)
            case .multiply: return .float(x * y)
            default: break
            }
        }
        return try f.interp.binary(op, a, b)
    }

    /// `x op y` for two ints when no overflow or negative divisor needs the general path.
    @inline(__always)
    static func intFast(_ op: BinaryOperator, _ x: Int, _ y: Int) -> Value? {
        switch op {
        case .add:
            let (r, o) = x.addingReportingOverflow(y)
            if !o { return .int(r) }
        case .subtract:
            let (r, o) = x.subtractingReportingOverflow(y)
            if !o { return .int(r) }
        case .multiply:
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if !o { return .int(r) }
        case .modulo:
            if y > 0 {
                let r = x % y
                return .int(r < 0 ? r + y : r)
            }
        case .floorDivide:
            if y > 0 {
                let q = x / y
                return .int((x % y != 0 && x < 0) ? q - 1 : q)
            }
        default: break
        }
        return nil
    }
}

final class UnaryNode: ExprNode {
    let op: UnaryOperator, operand: ExprNode
    init(_ op: UnaryOperator, _ operand: ExprNode, line: Int) {
        self.op = op
        self.operand = operand
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        let v = try operand.eval(f)
        switch (op, v) {
        case (.negative, .int(let i)) where i != Int.min: return .int(-i)
        case (.negative, .float(let d)): return .float(-d)
        case (.not, _): return .bool(!(try operand.test(f, preevaluated: v)))
        default: return try f.interp.unary(op, v)
        }
    }
}

extension ExprNode {
    @inline(__always)
    func test(_ f: Frame, preevaluated v: Value) throws -> Bool {
        if case .bool(let b) = v { return b }
        return try f.interp.isTruthy(v)
    }
}

final class NotNode: ExprNode {
    let operand: ExprNode
    init(_ operand: ExprNode, line: Int) {
        self.operand = operand
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value { .bool(!(try operand.test(f))) }
    override func test(_ f: Frame) throws -> Bool { !(try operand.test(f)) }
}

final class CompareNode: ExprNode {
    let op: ComparisonOperator
    let left: ExprNode, right: ExprNode
    init(_ op: ComparisonOperator, _ left: ExprNode, _ right: ExprNode, line: Int) {
        self.op = op
        self.left = left
        self.right = right
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        let a = try left.eval(f)
        let b = try right.eval(f)
        if let r = Self.fast(op, a, b) { return .bool(r) }
        return try f.interp.compare(op, a, b)
    }
    override func test(_ f: Frame) throws -> Bool {
        let a = try left.eval(f)
        let b = try right.eval(f)
        if let r = Self.fast(op, a, b) { return r }
        let v = try f.interp.compare(op, a, b)
        if case .bool(let r) = v { return r }
        return try f.interp.isTruthy(v)
    }

    @inline(__always)
    static func fast(_ op: ComparisonOperator, _ a: Value, _ b: Value) -> Bool? {
        if case .int(let x) = a, case .int(let y) = b { return ordered(op, x, y) }
        if case .float(let x) = a, case .float(let y) = b { return ordered(op, x, y) }
        switch op {
        case .is: return a.isIdentical(to: b)
        case .isNot: return !a.isIdentical(to: b)
        default: return nil
        }
    }

    /// `x op y` for the six ordering operators on two ints or two floats; nil for the rest.
    @inline(__always)
    static func ordered<T: Comparable>(_ op: ComparisonOperator, _ x: T, _ y: T) -> Bool? {
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        case .less: return x < y
        case .lessEqual: return x <= y
        case .greater: return x > y
        case .greaterEqual: return x >= y
        default: return nil
        }
    }
}

/// `a < b < c`: each operand evaluated once, stopping at the first false link.
final class ChainCompareNode: ExprNode {
    let first: ExprNode
    let links: [(ComparisonOperator, ExprNode)]
    init(first: ExprNode, links: [(ComparisonOperator, ExprNode)], line: Int) {
        self.first = first
        self.links = links
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        var a = try first.eval(f)
        var result: Value = .bool(true)
        for (op, node) in links {
            let b = try node.eval(f)
            result = try f.interp.compare(op, a, b)
            if !(try f.interp.isTruthy(result)) { return result }
            a = b
        }
        return result
    }
    override func test(_ f: Frame) throws -> Bool { try f.interp.isTruthy(eval(f)) }
}

/// `a and b`, `a or b`: returns the deciding operand.
final class BoolOpNode: ExprNode {
    let isAnd: Bool
    let operands: [ExprNode]
    init(isAnd: Bool, operands: [ExprNode], line: Int) {
        self.isAnd = isAnd
        self.operands = operands
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        var v: Value = .none
        for (i, node) in operands.enumerated() {
            v = try node.eval(f)
            if i == operands.count - 1 { break }
            let t = try node.test(f, preevaluated: v)
            if t != isAnd { return v }
        }
        return v
    }
    override func test(_ f: Frame) throws -> Bool {
        for node in operands {
            let t = try node.test(f)
            if t != isAnd { return t }
        }
        return isAnd
    }
}

final class ConditionalNode: ExprNode {
    let condition: ExprNode, body: ExprNode, orElse: ExprNode
    init(condition: ExprNode, body: ExprNode, orElse: ExprNode, line: Int) {
        self.condition = condition
        self.body = body
        self.orElse = orElse
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        try condition.test(f) ? body.eval(f) : orElse.eval(f)
    }
}
