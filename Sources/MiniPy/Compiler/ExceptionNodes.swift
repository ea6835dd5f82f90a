// try/except/else/finally, raise, with.

final class ExceptClause {
    let type: ExprNode?
    let name: TargetNode?
    let body: ContiguousArray<StmtNode>
    let line: Int
    init(type: ExprNode?, name: TargetNode?, body: [StmtNode], line: Int) {
        self.type = type
        self.name = name
        self.body = ContiguousArray(body)
        self.line = line
    }
}

final class TryStmt: StmtNode {
    let body: ContiguousArray<StmtNode>
    let handlers: [ExceptClause]
    let orElse: ContiguousArray<StmtNode>
    let finalBody: ContiguousArray<StmtNode>
    init(body: [StmtNode], handlers: [ExceptClause], orElse: [StmtNode], finalBody: [StmtNode], line: Int) {
        self.body = ContiguousArray(body)
        self.handlers = handlers
        self.orElse = ContiguousArray(orElse)
        self.finalBody = ContiguousArray(finalBody)
        super.init(line: line)
    }

    override func exec(_ f: Frame) throws -> Flow {
        let result: Flow
        do {
            result = try bodyAndHandlers(f)
        } catch {
            if !finalBody.isEmpty {
                let saved = f.returnValue
                let flow = try runFinally(f, pending: error as? PyExceptionObject)
                if flow != .normal { return flow }
                f.returnValue = saved
            }
            throw error
        }
        if !finalBody.isEmpty {
            let saved = f.returnValue
            let flow = try runFinally(f, pending: nil)
            if flow != .normal { return flow }
            f.returnValue = saved
        }
        return result
    }

    private func runFinally(_ f: Frame, pending: PyExceptionObject?) throws -> Flow {
        let interp = f.interp
        if let pending { interp.handledExceptions.append(pending) }
        defer { if pending != nil { interp.handledExceptions.removeLast() } }
        do {
            return try runBlock(finalBody, f)
        } catch let e as PyExceptionObject {
            if let pending, e !== pending, e.context == nil { e.context = pending }
            throw e
        }
    }

    private func bodyAndHandlers(_ f: Frame) throws -> Flow {
        let flow: Flow
        do {
            flow = try runBlock(body, f)
        } catch let e as PyExceptionObject {
            guard !handlers.isEmpty else { throw e }
            let interp = f.interp
            try interp.noteException(e, in: f)
            for h in handlers {
                if let typeNode = h.type {
                    f.line = h.line
                    let t = try typeNode.eval(f)
                    guard try interp.exceptionMatches(e, t) else { continue }
                }
                f.line = h.line
                if interp.attention { try interp.attend(f) }
                try h.name?.assign(f, .object(e))
                interp.handledExceptions.append(e)
                defer { interp.handledExceptions.removeLast() }
                let r: Flow
                do {
                    r = try runBlock(h.body, f)
                } catch let e2 as PyExceptionObject {
                    if e2 !== e, e2.context == nil { e2.context = e }
                    try? h.name?.delete(f)
                    throw e2
                }
                try? h.name?.delete(f)
                return r
            }
            throw e
        }
        if flow == .normal && !orElse.isEmpty { return try runBlock(orElse, f) }
        return flow
    }
}

extension Interpreter {
    /// `except T:` matching: `T` is an exception class or a tuple of them.
    func exceptionMatches(_ e: PyExceptionObject, _ t: Value) throws -> Bool {
        if case .object(let o) = t {
            if let cls = o as? PyType, cls.isExceptionType { return e.type.isSubtype(of: cls) }
            if let tuple = o as? PyTuple {
                for item in tuple.items where try exceptionMatches(e, item) { return true }
                return false
            }
        }
        throw PyErr.typeError("catching classes that do not inherit from BaseException is not allowed")
    }

    /// Turns the operand of `raise` into an exception instance.
    func makeException(_ v: Value) throws -> PyExceptionObject {
        if case .object(let o) = v {
            if let e = o as? PyExceptionObject { return e }
            if let t = o as? PyType, t.isExceptionType {
                let made = try call(v, [])
                if case .object(let mo) = made, let e = mo as? PyExceptionObject { return e }
            }
        }
        throw PyErr.typeError("exceptions must derive from BaseException")
    }
}

final class RaiseStmt: StmtNode {
    let exception: ExprNode?, cause: ExprNode?
    init(exception: ExprNode?, cause: ExprNode?, line: Int) {
        self.exception = exception
        self.cause = cause
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let interp = f.interp
        guard let exception else {
            guard let current = interp.handledExceptions.last else {
                throw PyErr.runtimeError("No active exception to reraise")
            }
            throw current
        }
        let e = try interp.makeException(exception.eval(f))
        if let cause {
            let c = try cause.eval(f)
            if c.isNone {
                e.cause = nil
            } else {
                e.cause = try interp.makeException(c)
            }
            e.suppressContext = true
        }
        if let handled = interp.handledExceptions.last, handled !== e, e.context == nil {
            e.context = handled
        }
        e.traceback.append(TracebackEntry(file: f.code.file, line: f.line, name: f.code.name, frameID: ObjectIdentifier(f)))
        if interp.attention, interp.tracer != nil {
            f.lastTracedException = ObjectIdentifier(e)
            try interp.emit(.exception, frame: f, argument: .object(e))
        }
        throw e
    }
}

/// `with a as x, b as y: body`.
final class WithStmt: StmtNode {
    let items: [(ExprNode, TargetNode?)]
    let body: ContiguousArray<StmtNode>
    init(items: [(ExprNode, TargetNode?)], body: [StmtNode], line: Int) {
        self.items = items
        self.body = ContiguousArray(body)
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow { try enter(0, f) }

    private func enter(_ index: Int, _ f: Frame) throws -> Flow {
        guard index < items.count else { return try runBlock(body, f) }
        let interp = f.interp
        let (expr, target) = items[index]
        let manager = try expr.eval(f)
        let t = manager.type
        guard let enterMethod = t.lookup("__enter__") else {
            throw PyErr.typeError("'\(t.name)' object does not support the context manager protocol")
        }
        guard let exitMethod = t.lookup("__exit__") else {
            throw PyErr.typeError("'\(t.name)' object does not support the context manager protocol (missed __exit__ method)")
        }
        let entered = try interp.callSpecial(enterMethod, manager, [])
        let flow: Flow
        do {
            try target?.assign(f, entered)
            flow = try enter(index + 1, f)
        } catch let e as PyExceptionObject {
            try interp.noteException(e, in: f)
            interp.handledExceptions.append(e)
            let suppress: Bool
            do {
                defer { interp.handledExceptions.removeLast() }
                suppress = try interp.isTruthy(interp.callSpecial(exitMethod, manager, [.object(e.type), .object(e), .none]))
            }
            if suppress { return .normal }
            throw e
        }
        _ = try interp.callSpecial(exitMethod, manager, [.none, .none, .none])
        return flow
    }
}
