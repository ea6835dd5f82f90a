// Atoms: names, literals, parenthesized forms, displays and comprehensions, call arguments.

extension Parser {
    mutating func parseAtom() throws -> Expr {
        let token = current
        switch token.kind {
        case .name(let name):
            switch name {
            case "True": advance(); return node(.constant(.bool(true)), at: token.start)
            case "False": advance(); return node(.constant(.bool(false)), at: token.start)
            case "None": advance(); return node(.constant(.none), at: token.start)
            case "yield":
                return try parseYield()
            default:
                if Keywords.reserved.contains(name) {
                    throw invalidSyntax()
                }
                advance()
                return node(.name(name), at: token.start)
            }
        case .number(let value):
            advance()
            return node(.constant(value), at: token.start)
        case .string:
            return try parseStrings()
        case .op("("):
            return try parseParenthesized()
        case .op("["):
            return try parseListDisplay()
        case .op("{"):
            return try parseBraceDisplay()
        case .op("..."):
            advance()
            return node(.constant(.ellipsis), at: token.start)
        default:
            throw invalidSyntax()
        }
    }

    /// `yield`, `yield value`, `yield from value`: outside the subset; parsed past (as `None`)
    /// so that later syntax errors still take precedence.
    mutating func parseYield() throws -> Expr {
        let keyword = advance()
        if acceptKeyword("from") {
            noteUnsupported("'yield from'", at: keyword)
            _ = try parseExpression()
        } else {
            noteUnsupported("'yield'", at: keyword)
            if canStartExpression(current) || isOp("*") {
                _ = try parseStarExpressions()
            }
        }
        return node(.constant(.none), at: keyword.start)
    }

    /// `( )`, `(expr)`, `(a, b)`, `(x for x in y)`.
    mutating func parseParenthesized() throws -> Expr {
        let open = advance()
        if accept(")") {
            return node(.tuple([]), at: open.start)
        }
        let first = try parseStarExpression()
        if atComprehension {
            let generators = try parseComprehensionClauses()
            try expect(")")
            return node(.generator(element: first, generators: generators), at: open.start)
        }
        if accept(")") {
            // A parenthesized expression keeps its own position, as in CPython's AST.
            return first
        }
        guard isOp(",") else { throw invalidSyntax() }
        var items = [first]
        while accept(",") {
            if isOp(")") { break }
            items.append(try parseStarExpression())
        }
        try expect(")")
        return node(.tuple(items), at: open.start)
    }

    /// `[a, b]` or `[x for x in y]`.
    mutating func parseListDisplay() throws -> Expr {
        let open = advance()
        if accept("]") {
            return node(.list([]), at: open.start)
        }
        let first = try parseStarExpression()
        if atComprehension {
            let generators = try parseComprehensionClauses()
            try expect("]")
            return node(.listComprehension(element: first, generators: generators), at: open.start)
        }
        var items = [first]
        while accept(",") {
            if isOp("]") { break }
            items.append(try parseStarExpression())
        }
        try expect("]")
        return node(.list(items), at: open.start)
    }

    /// `{}`, `{k: v}`, `{**d}`, `{a, b}`, and the dict and set comprehensions.
    mutating func parseBraceDisplay() throws -> Expr {
        let open = advance()
        if accept("}") {
            return node(.dict([]), at: open.start)
        }
        if accept("**") {
            let first = DictEntry(key: nil, value: try parseBitOr())
            return try parseDictRest(first: first, open: open)
        }
        let first = try parseStarExpression()
        if accept(":") {
            let value = try parseExpression()
            if atComprehension {
                let generators = try parseComprehensionClauses()
                try expect("}")
                return node(.dictComprehension(key: first, value: value, generators: generators), at: open.start)
            }
            return try parseDictRest(first: DictEntry(key: first, value: value), open: open)
        }
        if atComprehension {
            let generators = try parseComprehensionClauses()
            try expect("}")
            return node(.setComprehension(element: first, generators: generators), at: open.start)
        }
        var items = [first]
        while accept(",") {
            if isOp("}") { break }
            items.append(try parseStarExpression())
        }
        try expect("}")
        return node(.set(items), at: open.start)
    }

    mutating func parseDictRest(first: DictEntry, open: Token) throws -> Expr {
        var entries = [first]
        while accept(",") {
            if isOp("}") { break }
            if accept("**") {
                entries.append(DictEntry(key: nil, value: try parseBitOr()))
                continue
            }
            let key = try parseExpression()
            if !isOp(":") {
                if case .error(let scanError) = current.kind { throw scanError }
                let end = key.end ?? key.location
                throw SyntaxErrorInfo(message: "':' expected after dictionary key", file: source.file, line: end.line,
                                      column: source.characterColumn(line: end.line, byteColumn: end.column),
                                      endLine: end.line, endColumn: 0, text: source.text(ofLine: end.line))
            }
            advance()
            entries.append(DictEntry(key: key, value: try parseExpression()))
        }
        try expect("}")
        return node(.dict(entries), at: open.start)
    }

    /// True at the `for` (or `async for`) that turns a display into a comprehension.
    var atComprehension: Bool {
        isKeyword("for") || (isKeyword("async") && peek().isName("for"))
    }

    /// One or more `for targets in iterable (if condition)*` clauses.
    mutating func parseComprehensionClauses() throws -> [Comprehension] {
        var clauses: [Comprehension] = []
        while isKeyword("for") || isKeyword("async") {
            if isKeyword("async") {
                noteUnsupported("'async'", at: current)
                advance()
            }
            guard acceptKeyword("for") else { throw invalidSyntax() }
            let target = try parseTargetList(context: .forTarget)
            guard acceptKeyword("in") else { throw invalidSyntax() }
            let iterable = try parseDisjunction()
            var conditions: [Expr] = []
            while acceptKeyword("if") {
                conditions.append(try parseDisjunction())
            }
            clauses.append(Comprehension(target: target, iterable: iterable, conditions: conditions))
        }
        return clauses
    }

    // MARK: Call arguments

    /// The arguments after `(`, through the closing `)`, with CPython's ordering checks.
    mutating func parseArguments() throws -> [Argument] {
        let open = previous
        var arguments: [Argument] = []
        var sawKeyword = false
        var sawKeywordUnpacking = false
        var generatorCount = 0
        var firstGenerator: Expr?
        var keywordNames: Set<String> = []
        while !isOp(")") {
            if isOp("*") {
                let star = advance()
                if sawKeywordUnpacking {
                    throw error("iterable argument unpacking follows keyword argument unpacking", at: star)
                }
                arguments.append(.unpacked(try parseExpression()))
            } else if accept("**") {
                sawKeywordUnpacking = true
                arguments.append(.unpackedKeywords(try parseExpression()))
            } else if let name = current.identifier, peek().isOp("=") {
                let nameToken = advance()
                advance()
                sawKeyword = true
                let value = try parseExpression()
                if !keywordNames.insert(name).inserted {
                    throw error("keyword argument repeated: \(name)", from: nameToken.start, to: value.end)
                }
                arguments.append(.keyword(name, value))
            } else {
                var value = try parseExpression()
                if atComprehension {
                    let generators = try parseComprehensionClauses()
                    value = node(.generator(element: value, generators: generators), at: value.location)
                    generatorCount += 1
                    if firstGenerator == nil { firstGenerator = value }
                }
                if isOp("=") {
                    let equals = current
                    throw error("expression cannot contain assignment, perhaps you meant \"==\"?",
                                from: value.location, to: equals.end)
                }
                // CPython points at the token after the offending argument.
                if sawKeywordUnpacking {
                    throw error("positional argument follows keyword argument unpacking", at: current)
                }
                if sawKeyword {
                    throw error("positional argument follows keyword argument", at: current)
                }
                arguments.append(.positional(value))
            }
            guard accept(",") else { break }
        }
        let trailingComma = previous.isOp(",")
        if let generator = firstGenerator, arguments.count > 1 || generatorCount > 1 || trailingComma {
            throw error("Generator expression must be parenthesized", spanning: generator)
        }
        try expect(")")
        // A sole generator argument spans the call's parentheses, as in CPython's AST.
        if firstGenerator != nil, case .positional(let generator)? = arguments.first {
            arguments[0] = .positional(Expr(generator.kind, at: open.start, end: lastEnd))
        }
        return arguments
    }

    // MARK: Strings

    /// Adjacent string literals, concatenated; any f-string among them makes the result an f-string.
    mutating func parseStrings() throws -> Expr {
        let start = current.start
        var literals: [(StringLiteral, Token)] = []
        while case .string(let literal) = current.kind {
            literals.append((literal, current))
            advance()
        }
        // Escapes are decoded once the parser has looked past the literals, so a bad escape is
        // reported at the following token, as in CPython.
        if let message = literals.lazy.compactMap(\.0.escapeError).first {
            throw source.error(message, line: current.line, column: current.column, endLine: current.endLine,
                               endColumn: current.endColumn)
        }
        if !literals.contains(where: { $0.0.isFormatted }) {
            return node(.constant(.string(literals.map(\.0.value).joined())), at: start)
        }
        var parts: [FStringPart] = []
        let following = current
        for (literal, _) in literals {
            if literal.isFormatted {
                parts.append(contentsOf: try parseFormattedString(literal, token: following))
            } else {
                parts.append(.literal(literal.value))
            }
        }
        return node(.formattedString(Parser.mergeLiterals(parts)), at: start)
    }

    /// Joins neighbouring literal parts and drops empty ones.
    static func mergeLiterals(_ parts: [FStringPart]) -> [FStringPart] {
        var merged: [FStringPart] = []
        for part in parts {
            if case .literal(let text) = part {
                if text.isEmpty { continue }
                if case .literal(let before)? = merged.last {
                    merged[merged.count - 1] = .literal(before + text)
                    continue
                }
            }
            merged.append(part)
        }
        return merged
    }
}
