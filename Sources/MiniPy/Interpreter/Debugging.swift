// Running code inside a paused frame (the debugger's `p expr` and `!statement`).

extension Interpreter {
    /// Evaluates an expression in a frame's scope (its locals, then globals, then builtins).
    public func evaluate(expression source: String, in frame: Frame) throws -> Value {
        let expr: Expr
        do {
            expr = try PythonParser.parseExpression(source)
        } catch let info as SyntaxErrorInfo {
            throw Self.syntaxException(info)
        }
        let stmt = Stmt(.return(expr), at: expr.location)
        return try runDetached([stmt], in: frame)
    }

    /// Executes statements in a frame's scope; assignments to the frame's locals stick.
    public func execute(statement source: String, in frame: Frame) throws {
        let body: [Stmt]
        do {
            body = try PythonParser.parseInteractive(source)
        } catch let info as SyntaxErrorInfo {
            throw Self.syntaxException(info)
        }
        _ = try runDetached(body, in: frame)
    }

    private func runDetached(_ body: [Stmt], in frame: Frame) throws -> Value {
        var compiler = Compiler(file: "<string>", globals: frame.globals, builtins: builtins.namespace)
        defer { functionCodes.append(contentsOf: compiler.functionCodes) }
        let nodes: ContiguousArray<StmtNode>
        do {
            nodes = try compiler.compileDetached(body, in: frame)
        } catch let err as CompileError {
            throw Self.syntaxException(SyntaxErrorInfo(message: err.message, file: "<string>", line: err.location.line,
                                                       column: err.location.column + 1, text: nil))
        }
        let savedLine = frame.line
        let savedReturn = frame.returnValue
        let wasInside = insideTracer
        insideTracer = true
        defer {
            frame.line = savedLine
            frame.returnValue = savedReturn
            insideTracer = wasInside
        }
        frame.returnValue = .none
        for node in nodes {
            let flow = try node.exec(frame)
            if flow == .returned { return frame.returnValue }
        }
        return .none
    }
}
