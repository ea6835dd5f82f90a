// Compound statements: if, while, for, try, with, def, class, decorators; and the
// constructs outside the subset that are recognised at the start of a statement.

extension Parser {
    /// A compound statement at the current token, or nil when it starts a simple statement.
    mutating func parseCompoundStatement() throws -> Stmt? {
        switch current.kind {
        case .name("if"): return try parseIf()
        case .name("while"): return try parseWhile()
        case .name("for"): return try parseFor()
        case .name("try"): return try parseTry()
        case .name("with"): return try parseWith()
        case .name("def"): return try parseFunctionDef(decorators: [])
        case .name("class"): return try parseClassDef(decorators: [])
        case .op("@"): return try parseDecorated()
        case .name("async"):
            noteUnsupported("'async'", at: advance())
            guard isKeyword("def") || isKeyword("for") || isKeyword("with") else { throw invalidSyntax() }
            return try parseCompoundStatement()
        case .name("match") where looksLikeMatchStatement: return try skipMatchStatement()
        default: return nil
        }
    }

    /// A `match` statement is outside the subset: note it and skip its header and case blocks.
    mutating func skipMatchStatement() throws -> Stmt {
        let keyword = advance()
        noteUnsupported("'match'", at: keyword)
        while !current.isNewline {
            if case .error(let scanError) = current.kind { throw scanError }
            if case .endMarker = current.kind { return Stmt(.pass, at: keyword.start) }
            advance()
        }
        advance()
        guard case .indent = current.kind else { throw invalidSyntax() }
        var depth = 0
        repeat {
            switch current.kind {
            case .indent: depth += 1
            case .dedent: depth -= 1
            case .error(let scanError): throw scanError
            case .endMarker: return Stmt(.pass, at: keyword.start)
            default: break
            }
            advance()
        } while depth > 0
        return Stmt(.pass, at: keyword.start)
    }

    /// `match subject:` at the end of a logical line (`match` is only a soft keyword).
    var looksLikeMatchStatement: Bool {
        let next = peek()
        if case .op(let text) = next.kind, text == "=" || text == "." || text.hasSuffix("=") && text.count > 1 { return false }
        if next.isNewline { return false }
        var lookahead = index + 1
        while lookahead < tokens.count {
            if tokens[lookahead].isNewline {
                return tokens[lookahead - 1].isOp(":")
            }
            if case .endMarker = tokens[lookahead].kind { return false }
            lookahead += 1
        }
        return false
    }

    /// A `for`/`while` body, where `break` and `continue` are allowed (not in the `else` block).
    mutating func parseLoopBody(after construct: String, line: Int) throws -> [Stmt] {
        let outer = context
        context.inLoop = true
        defer { context = outer }
        return try parseBlock(after: construct, line: line)
    }

    /// A function or class body, which starts a new scope: no enclosing loop, and `return`
    /// allowed only in functions.
    mutating func parseScopedBlock(after construct: String, line: Int, scope: StatementContext.Scope) throws -> [Stmt] {
        let outer = context
        context = StatementContext(scope: scope, inLoop: false)
        defer { context = outer }
        return try parseBlock(after: construct, line: line)
    }

    /// `if test: ... elif test: ... else: ...`; `elif` becomes a nested `if` in `orElse`.
    mutating func parseIf() throws -> Stmt {
        let keyword = advance()
        let test = try parseExpression()
        try checkMisusedAssignment(after: test)
        try expectColon(forced: false)
        let body = try parseBlock(after: "'\(keyword.isName("elif") ? "elif" : "if")' statement", line: keyword.line)
        var orElse: [Stmt] = []
        if isKeyword("elif") {
            orElse = [try parseIf()]
        } else if isKeyword("else") {
            orElse = try parseElse()
        }
        return Stmt(.if(test: test, body: body, orElse: orElse), at: keyword.start)
    }

    mutating func parseElse() throws -> [Stmt] {
        let keyword = advance()
        try expectColon(forced: true)
        return try parseBlock(after: "'else' statement", line: keyword.line)
    }

    mutating func parseWhile() throws -> Stmt {
        let keyword = advance()
        let test = try parseExpression()
        try checkMisusedAssignment(after: test)
        try expectColon(forced: false)
        let body = try parseLoopBody(after: "'while' statement", line: keyword.line)
        let orElse = isKeyword("else") ? try parseElse() : []
        return Stmt(.while(test: test, body: body, orElse: orElse), at: keyword.start)
    }

    mutating func parseFor() throws -> Stmt {
        let keyword = advance()
        let target = try parseTargetList(context: .forTarget)
        guard acceptKeyword("in") else { throw invalidSyntax() }
        let iterable = try parseStarExpressions()
        try rejectBareStarred(iterable)
        try expectColon(forced: false)
        let body = try parseLoopBody(after: "'for' statement", line: keyword.line)
        let orElse = isKeyword("else") ? try parseElse() : []
        return Stmt(.for(target: target, iterable: iterable, body: body, orElse: orElse), at: keyword.start)
    }

    mutating func parseTry() throws -> Stmt {
        let keyword = advance()
        try expectColon(forced: true)
        let body = try parseBlock(after: "'try' statement", line: keyword.line)
        var handlers: [ExceptHandler] = []
        while isKeyword("except") {
            let except = advance()
            if isOp("*") { noteUnsupported("'except*'", at: advance()) }
            var type: Expr?
            var name: String?
            if !isOp(":") && !current.isNewline {
                type = try parseExpression()
                if isOp(",") {
                    throw error("multiple exception types must be parenthesized", spanning: type ?? Expr(.tuple([]), at: except.start))
                }
                if acceptKeyword("as") {
                    guard let identifier = current.identifier else { throw invalidSyntax() }
                    advance()
                    name = identifier
                }
            }
            try expectColon(forced: false)
            let handlerBody = try parseBlock(after: "'except' statement", line: except.line)
            handlers.append(ExceptHandler(type: type, name: name, body: handlerBody, location: except.start))
        }
        var orElse: [Stmt] = []
        if !handlers.isEmpty && isKeyword("else") {
            orElse = try parseElse()
        }
        var finally: [Stmt] = []
        if isKeyword("finally") {
            let finallyToken = advance()
            try expectColon(forced: true)
            finally = try parseBlock(after: "'finally' statement", line: finallyToken.line)
        } else if handlers.isEmpty {
            if case .error(let scanError) = current.kind { throw scanError }
            throw error("expected 'except' or 'finally' block", at: current)
        }
        return Stmt(.try(body: body, handlers: handlers, orElse: orElse, finally: finally), at: keyword.start)
    }

    /// `with a as b, c:`, including the parenthesized form `with (a as b, c as d):`.
    mutating func parseWith() throws -> Stmt {
        let keyword = advance()
        var items: [WithItem]
        let saved = index
        if isOp("("), let parenthesized = try? parseParenthesizedWithItems() {
            items = parenthesized
        } else {
            index = saved
            items = []
            repeat {
                items.append(try parseWithItem())
            } while accept(",")
        }
        try expectColon(forced: true)
        let body = try parseBlock(after: "'with' statement", line: keyword.line)
        return Stmt(.with(items: items, body: body), at: keyword.start)
    }

    mutating func parseParenthesizedWithItems() throws -> [WithItem] {
        try expect("(")
        var items: [WithItem] = []
        repeat {
            if isOp(")") { break }
            items.append(try parseWithItem())
        } while accept(",")
        try expect(")")
        guard isOp(":") else { throw invalidSyntax() }
        return items
    }

    mutating func parseWithItem() throws -> WithItem {
        let context = try parseExpression()
        guard acceptKeyword("as") else { return WithItem(context: context, target: nil) }
        let target = try parseTargetItem()
        try validateTarget(target, context: .with)
        return WithItem(context: context, target: target)
    }

    /// `@decorator NEWLINE` lines followed by a `def` or `class`.
    mutating func parseDecorated() throws -> Stmt {
        var decorators: [Expr] = []
        while accept("@") {
            decorators.append(try parseExpression())
            guard current.isNewline else { throw invalidSyntax() }
            advance()
        }
        switch current.kind {
        case .name("def"): return try parseFunctionDef(decorators: decorators)
        case .name("class"): return try parseClassDef(decorators: decorators)
        case .name("async"):
            noteUnsupported("'async'", at: advance())
            guard isKeyword("def") else { throw invalidSyntax() }
            return try parseFunctionDef(decorators: decorators)
        default: throw invalidSyntax()
        }
    }

    /// The string of a leading docstring statement (kept in the body as well, as in CPython).
    func docstring(of body: [Stmt]) -> String? {
        if case .expression(let expr)? = body.first?.kind, case .constant(.string(let text)) = expr.kind {
            return text
        }
        return nil
    }

    mutating func parseFunctionDef(decorators: [Expr]) throws -> Stmt {
        let keyword = advance()
        guard let name = current.identifier else { throw invalidSyntax() }
        advance()
        guard accept("(") else {
            if case .error(let scanError) = current.kind { throw scanError }
            throw error("expected '('", at: current)
        }
        let parameters = try parseParameters(closing: ")", allowAnnotations: true)
        try expect(")")
        if accept("->") {
            _ = try parseExpression()
        }
        try expectColon(forced: true)
        let body = try parseScopedBlock(after: "function definition", line: keyword.line, scope: .function)
        let definition = FunctionDef(name: name, parameters: parameters, body: body, decorators: decorators,
                                     docstring: docstring(of: body))
        return Stmt(.functionDef(definition), at: keyword.start)
    }

    mutating func parseClassDef(decorators: [Expr]) throws -> Stmt {
        let keyword = advance()
        guard let name = current.identifier else { throw invalidSyntax() }
        advance()
        var bases: [Expr] = []
        var keywords: [Keyword] = []
        if accept("(") {
            let openIndex = index
            let arguments = try parseArguments()
            for argument in arguments {
                switch argument {
                case .positional(let base):
                    bases.append(base)
                case .keyword(let word, let value):
                    keywords.append(Keyword(name: word, value: value))
                case .unpacked, .unpackedKeywords:
                    noteUnsupported("unpacking in class bases", at: tokens[openIndex])
                }
            }
            if keywords.contains(where: { $0.name == "metaclass" }),
               let metaclass = tokens[openIndex..<index].first(where: { $0.isName("metaclass") }) {
                noteUnsupported("'metaclass'", at: metaclass)
            }
            if bases.count > 1 {
                noteUnsupported(source.error("multiple inheritance is not supported by gradstep", line: bases[1].location.line,
                                   column: bases[1].location.column, endLine: bases[1].end?.line,
                                   endColumn: bases[1].end?.column, unsupported: true))
            }
        }
        try expectColon(forced: false)
        let body = try parseScopedBlock(after: "class definition", line: keyword.line, scope: .class)
        try rejectSlots(in: body)
        let definition = ClassDef(name: name, bases: bases, keywords: keywords, body: body, decorators: decorators,
                                  docstring: docstring(of: body))
        return Stmt(.classDef(definition), at: keyword.start)
    }

    /// `__slots__ = ...` in a class body is outside the subset.
    mutating func rejectSlots(in body: [Stmt]) throws {
        for statement in body {
            var targets: [Expr] = []
            switch statement.kind {
            case .assign(let assigned, _): targets = assigned
            case .annotatedAssign(let target, _, _), .augmentedAssign(let target, _, _): targets = [target]
            default: continue
            }
            for target in targets {
                if case .name("__slots__") = target.kind {
                    noteUnsupported(source.error("'__slots__' is not supported by gradstep", line: target.location.line,
                                       column: target.location.column, endLine: target.end?.line,
                                       endColumn: target.end?.column, unsupported: true))
                }
            }
        }
    }
}
