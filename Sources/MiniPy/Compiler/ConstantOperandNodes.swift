// Operators whose right operand is an int literal (`n - 1`, `i % 3 == 0`, `x < 2`): the
// constant is kept in the node, so evaluating it costs neither a node call nor a value copy.

/// `a op k` with `k` an int literal.
final class BinaryIntConstantNode: ExprNode {
    let op: BinaryOperator
    let left: ExprNode
    let constant: Int
    init(_ op: BinaryOperator, _ left: ExprNode, constant: Int, line: Int) {
        self.op = op
        self.left = left
        self.constant = constant
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        let a = try left.eval(f)
        if case .int(let x) = a, let r = BinaryNode.intFast(op, x, constant) { return r }
        return try f.interp.binary(op, a, .int(constant))
    }
}

/// `a op k` comparing with `k` an int literal.
final class CompareIntConstantNode: ExprNode {
    let op: ComparisonOperator
    let left: ExprNode
    let constant: Int
    init(_ op: ComparisonOperator, _ left: ExprNode, constant: Int, line: Int) {
        self.op = op
        self.left = left
        self.constant = constant
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        let a = try left.eval(f)
        if case .int(let x) = a, let r = CompareNode.ordered(op, x, constant) { return .bool(r) }
        return try f.interp.compare(op, a, .int(constant))
    }
    override func test(_ f: Frame) throws -> Bool {
        let a = try left.eval(f)
        if case .int(let x) = a, let r = CompareNode.ordered(op, x, constant) { return r }
        let v = try f.interp.compare(op, a, .int(constant))
        if case .bool(let r) = v { return r }
        return try f.interp.isTruthy(v)
    }
}
