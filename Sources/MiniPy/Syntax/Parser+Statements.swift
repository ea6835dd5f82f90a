// Statement sequences, blocks and the simple statements that fit on one line.

extension Parser {
    /// `statements ENDMARKER`: the whole file.
    mutating func parseModule() throws -> [Stmt] {
        var body: [Stmt] = []
        while true {
            switch current.kind {
            case .endMarker:
                try throwDeferredError()
                return body
            case .newline:
                advance()
            default:
                body.append(contentsOf: try parseStatement())
            }
        }
    }

    /// One statement: a compound statement, or simple statements separated by `;`.
    mutating func parseStatement() throws -> [Stmt] {
        switch current.kind {
        case .indent:
            throw source.rawError("unexpected indent", kind: .indentationError, line: current.line,
                                  offset: source.characterColumn(line: current.line, byteColumn: current.endColumn),
                                  endOffset: -1)
        case .error(let scanError):
            throw scanError
        case .dedent:
            throw invalidSyntax()
        default:
            break
        }
        if let compound = try parseCompoundStatement() {
            return [compound]
        }
        return try parseSimpleStatements()
    }

    /// `simple_stmt (';' simple_stmt)* [';'] NEWLINE`.
    mutating func parseSimpleStatements() throws -> [Stmt] {
        var statements = [try parseSimpleStatement()]
        while accept(";") {
            if current.isNewline { break }
            statements.append(try parseSimpleStatement())
        }
        guard current.isNewline else { throw invalidSyntax() }
        advance()
        return statements
    }

    /// The indented block after a compound statement header's `:`, or simple statements on the same line.
    mutating func parseBlock(after construct: String, line: Int) throws -> [Stmt] {
        guard current.isNewline else {
            return try parseSimpleStatements()
        }
        let newline = advance()
        guard case .indent = current.kind else {
            if case .error(let scanError) = current.kind { throw scanError }
            let message = "expected an indented block after \(construct) on line \(line)"
            if case .endMarker = current.kind {
                throw source.rawError(message, kind: .indentationError, line: newline.line, offset: 0, endOffset: -1)
            }
            var next = current
            var lookahead = index
            while case .dedent = next.kind, lookahead < tokens.count - 1 {
                lookahead += 1
                next = tokens[lookahead]
            }
            throw source.error(message, kind: .indentationError, line: next.line, column: next.column,
                               endLine: next.endLine, endColumn: next.endColumn)
        }
        advance()
        var body: [Stmt] = []
        while true {
            switch current.kind {
            case .dedent:
                advance()
                return body
            case .endMarker:
                return body
            default:
                body.append(contentsOf: try parseStatement())
            }
        }
    }

    /// `:` after a compound statement header. CPython says "expected ':'" when the line ends
    /// there, and for the headers whose grammar forces the colon (`def`, `try`, `else` ...).
    mutating func expectColon(forced: Bool) throws {
        if accept(":") { return }
        if case .error(let scanError) = current.kind { throw scanError }
        if current.isNewline || forced {
            throw error("expected ':'", at: current)
        }
        throw invalidSyntax()
    }

    mutating func parseSimpleStatement() throws -> Stmt {
        let token = current
        let start = token.start
        switch token.kind {
        case .name("pass"):
            advance()
            return Stmt(.pass, at: start)
        case .name("break"):
            advance()
            if !context.inLoop { deferError(error("'break' outside loop", at: token), fromSymbolTable: false) }
            return Stmt(.break, at: start)
        case .name("continue"):
            advance()
            if !context.inLoop {
                deferError(error("'continue' not properly in loop", at: token), fromSymbolTable: false)
            }
            return Stmt(.continue, at: start)
        case .name("return"):
            advance()
            let value = endsSimpleStatement ? nil : try parseStarExpressions()
            if let value { try rejectBareStarred(value) }
            if context.scope != .function {
                deferError(error("'return' outside function", from: start, to: lastEnd), fromSymbolTable: false)
            }
            return Stmt(.return(value), at: start)
        case .name("raise"):
            advance()
            if endsSimpleStatement { return Stmt(.raise(exception: nil, cause: nil), at: start) }
            let exception = try parseExpression()
            let cause = acceptKeyword("from") ? try parseExpression() : nil
            return Stmt(.raise(exception: exception, cause: cause), at: start)
        case .name("global"), .name("nonlocal"):
            advance()
            var names: [String] = []
            repeat {
                guard let name = current.identifier else { throw invalidSyntax() }
                advance()
                names.append(name)
            } while accept(",")
            if token.isName("nonlocal") && context.scope == .module {
                deferError(error("nonlocal declaration not allowed at module level", from: start, to: lastEnd),
                           fromSymbolTable: true)
            }
            return Stmt(token.isName("global") ? .global(names) : .nonlocal(names), at: start)
        case .name("del"):
            advance()
            let targets = try parseDeleteTargets()
            return Stmt(.delete(targets), at: start)
        case .name("assert"):
            advance()
            let test = try parseExpression()
            let message = accept(",") ? try parseExpression() : nil
            return Stmt(.assert(test: test, message: message), at: start)
        case .name("import"):
            return try parseImport()
        case .name("from"):
            return try parseFromImport()
        default:
            return try parseExpressionStatement()
        }
    }

    var endsSimpleStatement: Bool { current.isNewline || isOp(";") }

    mutating func parseDeleteTargets() throws -> [Expr] {
        var targets: [Expr] = []
        repeat {
            if endsSimpleStatement { break }
            let target = try parseBitOr()
            try validateTarget(target, context: .delete)
            targets.append(target)
        } while accept(",")
        guard !targets.isEmpty else { throw invalidSyntax() }
        return targets
    }

    /// Expression statements and the assignment forms: `a = b = v`, `a += v`, `a: T = v`.
    mutating func parseExpressionStatement() throws -> Stmt {
        let start = current.start
        let first = try parseStarExpressions()
        if isOp("=") {
            var items = [first]
            while accept("=") {
                items.append(try parseStarExpressions())
            }
            let value = items.removeLast()
            try validateAssignmentTargets(items, chained: items.count > 1)
            for target in items {
                if case .starred = target.kind {
                    throw error("starred assignment target must be in a list or tuple", spanning: target)
                }
                try rejectMultipleStarred(target)
            }
            try rejectBareStarred(value)
            return Stmt(.assign(targets: items, value: value), at: start)
        }
        if case .op(let text) = current.kind, text.count >= 2, text.hasSuffix("="),
           let op = BinaryOperator(rawValue: String(text.dropLast())) {
            switch first.kind {
            case .name, .attribute, .subscript:
                break
            default:
                throw error("'\(describe(first))' is an illegal expression for augmented assignment", spanning: first)
            }
            advance()
            let value = try parseStarExpressions()
            return Stmt(.augmentedAssign(target: first, op: op, value: value), at: start)
        }
        if isOp(":") {
            switch first.kind {
            case .name, .attribute, .subscript:
                break
            case .tuple(let items):
                // An unparenthesized tuple is reported at its first element, as CPython does.
                let reported = items.first.map { $0.location == first.location ? $0 : first } ?? first
                throw error("only single target (not tuple) can be annotated", spanning: reported)
            case .list:
                throw error("only single target (not list) can be annotated", spanning: first)
            default:
                throw error("illegal target for annotation", spanning: first)
            }
            advance()
            let annotation = try parseExpression()
            let value = accept("=") ? try parseStarExpressions() : nil
            return Stmt(.annotatedAssign(target: first, annotation: annotation, value: value), at: start)
        }
        try rejectBareStarred(first)
        return Stmt(.expression(first), at: start)
    }

    /// A lone `*x` outside a tuple, list or call (CPython's compiler rejects it).
    func rejectBareStarred(_ value: Expr) throws {
        if case .starred = value.kind {
            throw error("can't use starred expression here", spanning: value)
        }
    }

    // MARK: Imports

    /// `a.b.c`
    mutating func parseDottedName() throws -> String {
        guard let first = current.identifier else { throw invalidSyntax() }
        advance()
        var name = first
        while accept(".") {
            guard let part = current.identifier else { throw invalidSyntax() }
            advance()
            name += "." + part
        }
        return name
    }

    mutating func parseAlias() throws -> String? {
        guard acceptKeyword("as") else { return nil }
        guard let alias = current.identifier else { throw invalidSyntax() }
        advance()
        return alias
    }

    mutating func parseImport() throws -> Stmt {
        let start = advance().start
        var aliases: [ImportAlias] = []
        repeat {
            let name = try parseDottedName()
            aliases.append(ImportAlias(name: name, alias: try parseAlias()))
        } while accept(",")
        return Stmt(.import(aliases), at: start)
    }

    mutating func parseFromImport() throws -> Stmt {
        let start = advance().start
        var level = 0
        while true {
            if accept(".") {
                level += 1
            } else if accept("...") {
                level += 3
            } else {
                break
            }
        }
        var module = ""
        if !isKeyword("import") {
            module = try parseDottedName()
        }
        guard level > 0 || !module.isEmpty, acceptKeyword("import") else { throw invalidSyntax() }
        if isOp("*") {
            noteUnsupported("'from ... import *'", at: advance())
            return Stmt(.importFrom(module: module, names: [ImportAlias(name: "*", alias: nil)], level: level), at: start)
        }
        let parenthesized = accept("(")
        var names: [ImportAlias] = []
        repeat {
            if parenthesized && isOp(")") { break }
            if !parenthesized && !names.isEmpty && current.isNewline {
                throw error("trailing comma not allowed without surrounding parentheses", at: current)
            }
            guard let name = current.identifier else { throw invalidSyntax() }
            advance()
            names.append(ImportAlias(name: name, alias: try parseAlias()))
        } while accept(",")
        if parenthesized {
            try expect(")")
        } else if names.isEmpty {
            throw invalidSyntax()
        }
        return Stmt(.importFrom(module: module, names: names, level: level), at: start)
    }
}
