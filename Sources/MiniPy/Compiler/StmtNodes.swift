// Statements: assignment, control flow, loops.

final class ExprStmt: StmtNode {
    let expr: ExprNode
    init(_ expr: ExprNode, line: Int) {
        self.expr = expr
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        _ = try expr.eval(f)
        return .normal
    }
}

/// `x = value` (the common single-name case).
final class AssignLocal: StmtNode {
    let slot: Int, value: ExprNode
    init(slot: Int, value: ExprNode, line: Int) {
        self.slot = slot
        self.value = value
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        f.slots[slot] = try value.eval(f)
        return .normal
    }
}

final class AssignStmt: StmtNode {
    let targets: [TargetNode], value: ExprNode
    init(targets: [TargetNode], value: ExprNode, line: Int) {
        self.targets = targets
        self.value = value
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let v = try value.eval(f)
        for t in targets { try t.assign(f, v) }
        return .normal
    }
}

/// `name op= value` for a name target (load, operate in place, store).
final class AugAssignName: StmtNode {
    let load: ExprNode, store: TargetNode, op: BinaryOperator, value: ExprNode
    init(load: ExprNode, store: TargetNode, op: BinaryOperator, value: ExprNode, line: Int) {
        self.load = load
        self.store = store
        self.op = op
        self.value = value
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let a = try load.eval(f)
        let b = try value.eval(f)
        let r: Value
        if case .int(let x) = a, case .int(let y) = b, op == .add || op == .subtract {
            let (s, o) = op == .add ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
            r = o ? try f.interp.inplaceBinary(op, a, b) : .int(s)
        } else if case .float(let x) = a, case .float(let y) = b, op == .add {
            r = .float(x + y)
        } else {
            r = try f.interp.inplaceBinary(op, a, b)
        }
        try store.assign(f, r)
        return .normal
    }
}

/// `x op= value` for a plain local variable.
final class AugAssignLocal: StmtNode {
    let slot: Int, name: String, op: BinaryOperator, value: ExprNode
    init(slot: Int, name: String, op: BinaryOperator, value: ExprNode, line: Int) {
        self.slot = slot
        self.name = name
        self.op = op
        self.value = value
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        guard let a = f.slots[slot] else { throw PyErr.unboundLocal(name) }
        let b = try value.eval(f)
        if case .int(let x) = a, case .int(let y) = b {
            switch op {
            case .add:
                let (s, o) = x.addingReportingOverflow(y)
                if !o { f.slots[slot] = .int(s); return .normal }
            case .subtract:
                let (s, o) = x.subtractingReportingOverflow(y)
                if !o { f.slots[slot] = .int(s); return .normal }
            default: break
            }
        } else if case .float(let x) = a, case .float(let y) = b {
            switch op {
            case .add: f.slots[slot] = .float(x + y); return .normal
            case .subtract: f.slots[slot] = .float(x - y); return .normal
            case .multiply: f.slots[slot] = .float(x * y); return .normal
            default: break
            }
        }
        f.slots[slot] = try f.interp.inplaceBinary(op, a, b)
        return .normal
    }
}

final class AugAssignAttribute: StmtNode {
    let object: ExprNode, name: String, op: BinaryOperator, value: ExprNode
    init(object: ExprNode, name: String, op: BinaryOperator, value: ExprNode, line: Int) {
        self.object = object
        self.name = name
        self.op = op
        self.value = value
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let o = try object.eval(f)
        let a = try f.interp.getAttribute(o, name)
        let r = try f.interp.inplaceBinary(op, a, value.eval(f))
        try f.interp.setAttribute(o, name, r)
        return .normal
    }
}

final class AugAssignSubscript: StmtNode {
    let object: ExprNode, index: ExprNode, op: BinaryOperator, value: ExprNode
    init(object: ExprNode, index: ExprNode, op: BinaryOperator, value: ExprNode, line: Int) {
        self.object = object
        self.index = index
        self.op = op
        self.value = value
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let o = try object.eval(f)
        let i = try index.eval(f)
        let a = try f.interp.getItem(o, i)
        let r = try f.interp.inplaceBinary(op, a, value.eval(f))
        try f.interp.setItem(o, i, r)
        return .normal
    }
}

final class IfStmt: StmtNode {
    let condition: ExprNode
    let body: ContiguousArray<StmtNode>, orElse: ContiguousArray<StmtNode>
    init(condition: ExprNode, body: [StmtNode], orElse: [StmtNode], line: Int) {
        self.condition = condition
        self.body = ContiguousArray(body)
        self.orElse = ContiguousArray(orElse)
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        if try condition.test(f) { return try runBlock(body, f) }
        return try runBlock(orElse, f)
    }
}

final class WhileStmt: StmtNode {
    let condition: ExprNode
    let body: ContiguousArray<StmtNode>, orElse: ContiguousArray<StmtNode>
    init(condition: ExprNode, body: [StmtNode], orElse: [StmtNode], line: Int) {
        self.condition = condition
        self.body = ContiguousArray(body)
        self.orElse = ContiguousArray(orElse)
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        var first = true
        while true {
            if !first, f.interp.attention {
                f.line = line
                try f.interp.attend(f)
            }
            first = false
            guard try condition.test(f) else { break }
            switch try runBlock(body, f) {
            case .breakLoop: return .normal
            case .returned: return .returned
            default: continue
            }
        }
        return try runBlock(orElse, f)
    }
}

final class ForStmt: StmtNode {
    let target: TargetNode, iterable: ExprNode
    let body: ContiguousArray<StmtNode>, orElse: ContiguousArray<StmtNode>
    /// The loop variable's slot when it is a plain local (the range fast path writes it directly).
    let localSlot: Int?
    init(target: TargetNode, iterable: ExprNode, body: [StmtNode], orElse: [StmtNode], localSlot: Int?, line: Int) {
        self.target = target
        self.iterable = iterable
        self.body = ContiguousArray(body)
        self.orElse = ContiguousArray(orElse)
        self.localSlot = localSlot
        super.init(line: line)
    }

    /// Runs one iteration; returns nil to keep looping, or the flow that ends the loop.
    @inline(__always)
    private func iteration(_ f: Frame, _ v: Value, first: inout Bool) throws -> Flow? {
        if !first, f.interp.attention {
            f.line = line
            try f.interp.attend(f)
        }
        first = false
        if let s = localSlot { f.slots[s] = v } else { try target.assign(f, v) }
        switch try runBlock(body, f) {
        case .breakLoop: return .normal
        case .returned: return .returned
        default: return nil
        }
    }

    override func exec(_ f: Frame) throws -> Flow {
        let seq = try iterable.eval(f)
        var first = true
        if case .object(let o) = seq {
            if let r = o as? PyRange {
                var x = r.start
                for _ in 0..<r.count {
                    if let end = try iteration(f, .int(x), first: &first) { return end }
                    x &+= r.step
                }
                return try runBlock(orElse, f)
            }
            if let l = o as? PyList {
                var i = 0
                while i < l.items.count {
                    if let end = try iteration(f, l.items[i], first: &first) { return end }
                    i += 1
                }
                return try runBlock(orElse, f)
            }
        }
        let it = try f.interp.iterate(seq)
        while let v = try it.next(f.interp) {
            if let end = try iteration(f, v, first: &first) { return end }
        }
        return try runBlock(orElse, f)
    }
}

final class ReturnStmt: StmtNode {
    let value: ExprNode?
    init(_ value: ExprNode?, line: Int) {
        self.value = value
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        f.returnValue = try value?.eval(f) ?? .none
        return .returned
    }
}

final class PassStmt: StmtNode {}

final class BreakStmt: StmtNode {
    override func exec(_ f: Frame) throws -> Flow { .breakLoop }
}

final class ContinueStmt: StmtNode {
    override func exec(_ f: Frame) throws -> Flow { .continueLoop }
}

final class DeleteStmt: StmtNode {
    let targets: [TargetNode]
    init(_ targets: [TargetNode], line: Int) {
        self.targets = targets
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        for t in targets { try t.delete(f) }
        return .normal
    }
}

final class AssertStmt: StmtNode {
    let test: ExprNode, message: ExprNode?
    init(test: ExprNode, message: ExprNode?, line: Int) {
        self.test = test
        self.message = message
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        if try test.test(f) { return .normal }
        let e = PyErr.assertion(try message.map { [try $0.eval(f)] } ?? [])
        try f.interp.noteException(e, in: f)
        throw e
    }
}
