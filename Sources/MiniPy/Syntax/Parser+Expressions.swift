// Expressions by precedence, lowest first: lambda, conditional, or, and, not, comparisons,
// |, ^, &, shifts, + -, * / // % @, unary - + ~, ** and await/primary.

extension Parser {
    /// `star_expressions`: one expression, or a tuple when commas separate several.
    mutating func parseStarExpressions() throws -> Expr {
        let start = current.start
        let first = try parseStarExpression()
        guard isOp(",") else { return first }
        var items = [first]
        while accept(",") {
            guard canStartExpression(current) || isOp("*") else { break }
            items.append(try parseStarExpression())
        }
        return node(.tuple(items), at: start)
    }

    /// `*expr` or an expression.
    mutating func parseStarExpression() throws -> Expr {
        if isOp("*") {
            let star = advance()
            let value = try parseBitOr()
            return node(.starred(value), at: star.start)
        }
        return try parseExpression()
    }

    /// `expression`: lambda or conditional; also rejects the walrus operator and reports two
    /// juxtaposed expressions inside brackets as a forgotten comma.
    mutating func parseExpression() throws -> Expr {
        try enterNesting()
        defer { leaveNesting() }
        var result: Expr
        if isKeyword("lambda") {
            result = try parseLambda()
        } else {
            let body = try parseDisjunction()
            if isKeyword("if") {
                advance()
                let test = try parseDisjunction()
                guard acceptKeyword("else") else {
                    if case .error(let scanError) = current.kind { throw scanError }
                    throw error("expected 'else' after 'if' expression", from: body.location, to: lastEnd)
                }
                let orElse = try parseExpression()
                result = node(.conditional(test: test, body: body, orElse: orElse), at: body.location)
            } else {
                result = body
            }
        }
        if isOp(":=") {
            noteUnsupported("the walrus operator ':='", at: advance())
            result = try parseExpression()
        }
        try checkForgottenComma(after: result)
        return result
    }

    /// CPython's `invalid_expression`: inside brackets, `a b` suggests a missing comma.
    mutating func checkForgottenComma(after first: Expr) throws {
        guard !speculating else { return }
        if case .name(let name) = first.kind, name == "print" || name == "exec", canStartExpression(current),
           !startsWithKeyword(current), !isOp("("), !isOp("["), !isOp("-"), !isOp("+"), !isOp("~") {
            let saved = index
            speculating = true
            let argument = try? parseStarExpressions()
            speculating = false
            if let argument {
                throw error("Missing parentheses in call to '\(name)'. Did you mean \(name)(...)?", from: first.location,
                            to: argument.end)
            }
            index = saved
        }
        guard current.depth > 0 || inFormattedField, canStartExpression(current), !startsWithKeyword(current) else { return }
        if case .name(let name) = first.kind, ["match", "case", "_"].contains(name) { return }
        if case .name = first.kind, case .string = current.kind { return }
        let saved = index
        speculating = true
        let second = try? parseExpressionWithoutCheck()
        speculating = false
        if let second {
            throw error("invalid syntax. Perhaps you forgot a comma?", from: first.location, to: second.end)
        }
        index = saved
    }

    /// An expression parsed without the forgotten-comma check (used by that check).
    mutating func parseExpressionWithoutCheck() throws -> Expr {
        if isKeyword("lambda") { return try parseLambda() }
        let body = try parseDisjunction()
        let ifIndex = index
        if acceptKeyword("if"), let conditional = try prefixOrBacktrack(to: ifIndex, { parser -> Expr in
            let test = try parser.parseDisjunction()
            guard parser.acceptKeyword("else") else { throw parser.invalidSyntax() }
            let orElse = try parser.parseExpressionWithoutCheck()
            return parser.node(.conditional(test: test, body: body, orElse: orElse), at: body.location)
        }) {
            return conditional
        }
        return body
    }

    func startsWithKeyword(_ token: Token) -> Bool {
        if case .name(let name) = token.kind {
            return Keywords.reserved.contains(name) && !["True", "False", "None", "not", "lambda"].contains(name)
        }
        return false
    }

    /// Whether `token` can begin an expression (used for trailing commas and the comma check).
    func canStartExpression(_ token: Token) -> Bool {
        switch token.kind {
        case .name(let name):
            return !Keywords.reserved.contains(name) || ["True", "False", "None", "not", "lambda", "await", "yield"].contains(name)
        case .number, .string:
            return true
        case .op(let text):
            return ["(", "[", "{", "-", "+", "~", "..."].contains(text)
        default:
            return false
        }
    }

    mutating func parseLambda() throws -> Expr {
        let keyword = advance()
        let parameters = try parseParameters(closing: ":", allowAnnotations: false)
        guard accept(":") else { throw invalidSyntax() }
        let body = try parseExpression()
        return node(.lambda(parameters, body: body), at: keyword.start)
    }

    mutating func parseDisjunction() throws -> Expr {
        let first = try parseConjunction()
        guard isKeyword("or") else { return first }
        var operands = [first]
        while acceptKeyword("or") {
            operands.append(try parseConjunction())
        }
        return node(.boolean(.or, operands), at: first.location)
    }

    mutating func parseConjunction() throws -> Expr {
        let first = try parseInversion()
        guard isKeyword("and") else { return first }
        var operands = [first]
        while acceptKeyword("and") {
            operands.append(try parseInversion())
        }
        return node(.boolean(.and, operands), at: first.location)
    }

    mutating func parseInversion() throws -> Expr {
        try enterNesting()
        defer { leaveNesting() }
        if isKeyword("not") {
            let keyword = advance()
            let operand = try parseInversion()
            return node(.unary(.not, operand), at: keyword.start)
        }
        return try parseComparison()
    }

    /// The comparison operator at the current token, consuming it (two tokens for `not in`, `is not`).
    mutating func acceptComparisonOperator() -> ComparisonOperator? {
        switch current.kind {
        case .op(let text):
            guard let op = OperatorTables.comparison[text] else { return nil }
            advance()
            return op
        case .name("in"):
            advance()
            return .in
        case .name("not") where peek().isName("in"):
            advance()
            advance()
            return .notIn
        case .name("is"):
            advance()
            return acceptKeyword("not") ? .isNot : .is
        default:
            return nil
        }
    }

    mutating func parseComparison() throws -> Expr {
        let left = try parseBitOr()
        var links: [Comparison] = []
        var operatorIndex = index
        while let op = acceptComparisonOperator() {
            guard let right = try prefixOrBacktrack(to: operatorIndex, { try $0.parseBitOr() }) else { break }
            links.append(Comparison(op: op, right: right))
            operatorIndex = index
        }
        return links.isEmpty ? left : node(.compare(left, links), at: left.location)
    }

    /// `|` and everything that binds tighter, by precedence climbing: one loop handles the six
    /// left-associative levels (`|`, `^`, `&`, shifts, `+ -`, `* / // % @`), which keeps the
    /// recursion per nested parenthesis shallow.
    mutating func parseBitOr() throws -> Expr {
        try parseBinary(minimumPrecedence: 1)
    }

    mutating func parseBinary(minimumPrecedence: Int) throws -> Expr {
        var left = try parseFactor()
        while case .op(let text) = current.kind, let (op, precedence) = OperatorTables.binary[text],
              precedence >= minimumPrecedence {
            let operatorIndex = index
            advance()
            guard let right = try prefixOrBacktrack(to: operatorIndex, { try $0.parseBinary(minimumPrecedence: precedence + 1) }) else {
                return left
            }
            left = node(.binary(left, op, right), at: left.location)
        }
        return left
    }

    /// Runs `parse`; while speculating (the forgotten-comma look-ahead), a failure rewinds to
    /// `start` and gives nil, so the caller keeps the expression it has. This is how CPython's
    /// PEG parser reads `b` out of `b (c d)` in `(a b (c d))`: a longer alternative that fails
    /// falls back to the shorter one.
    mutating func prefixOrBacktrack(to start: Int, _ parse: (inout Parser) throws -> Expr) throws -> Expr? {
        guard speculating else { return try parse(&self) }
        do {
            return try parse(&self)
        } catch {
            index = start
            return nil
        }
    }

    /// Unary `- + ~`, which bind looser than `**` on their right: `-2**2` is `-(2**2)`.
    mutating func parseFactor() throws -> Expr {
        try enterNesting()
        defer { leaveNesting() }
        if case .op(let text) = current.kind, let op = OperatorTables.unary[text] {
            let token = advance()
            let operand = try parseFactor()
            return node(.unary(op, operand), at: token.start)
        }
        return try parsePower()
    }

    /// `primary ** factor`, right-associative through `factor`.
    mutating func parsePower() throws -> Expr {
        if isKeyword("await") {
            noteUnsupported("'await'", at: advance())
            return try parsePower()
        }
        let base = try parsePrimary()
        let operatorIndex = index
        if accept("**"), let exponent = try prefixOrBacktrack(to: operatorIndex, { try $0.parseFactor() }) {
            return node(.binary(base, .power, exponent), at: base.location)
        }
        return base
    }

    /// An atom followed by any number of `.name`, `(arguments)` and `[subscript]`.
    mutating func parsePrimary() throws -> Expr {
        var value = try parseAtom()
        while true {
            let trailerIndex = index
            let extended = try prefixOrBacktrack(to: trailerIndex) { parser -> Expr in
                let current = value
                if parser.accept(".") {
                    guard let name = parser.current.identifier else { throw parser.invalidSyntax() }
                    parser.advance()
                    return parser.node(.attribute(current, name), at: current.location)
                } else if parser.isOp("(") {
                    parser.advance()
                    let arguments = try parser.parseArguments()
                    return parser.node(.call(current, arguments: arguments), at: current.location)
                } else if parser.accept("[") {
                    let index = try parser.parseSubscript()
                    try parser.expect("]")
                    return parser.node(.subscript(current, index: index), at: current.location)
                }
                return current
            }
            guard let extended, index != trailerIndex else { return value }
            value = extended
        }
    }

    /// The inside of `[...]` after a primary: one slice or expression, or a tuple of them.
    mutating func parseSubscript() throws -> Expr {
        let start = current.start
        let first = try parseSliceItem()
        guard isOp(",") else {
            // `a[*b]` indexes with a one-element tuple, as in CPython.
            if case .starred = first.kind { return node(.tuple([first]), at: start) }
            return first
        }
        var items = [first]
        while accept(",") {
            if isOp("]") { break }
            items.append(try parseSliceItem())
        }
        return node(.tuple(items), at: start)
    }

    /// `lower:upper:step` with optional parts, or an ordinary (possibly starred) expression.
    mutating func parseSliceItem() throws -> Expr {
        let start = current.start
        var lower: Expr?
        if !isOp(":") {
            let item = try parseStarExpression()
            guard isOp(":") else { return item }
            lower = item
        }
        try expect(":")
        var upper: Expr?
        var step: Expr?
        if !isOp(":") && !isOp(",") && !isOp("]") {
            upper = try parseExpression()
        }
        if accept(":") {
            if !isOp(",") && !isOp("]") {
                step = try parseExpression()
            }
        }
        return node(.slice(lower: lower, upper: upper, step: step), at: start)
    }
}

/// Operator spellings per precedence level, built once.
enum OperatorTables {
    static let comparison: [String: ComparisonOperator] = [
        "==": .equal, "!=": .notEqual, "<": .less, "<=": .lessEqual, ">": .greater, ">=": .greaterEqual,
    ]
    /// Binary operators with their precedence, loosest (`|`) first.
    static let binary: [String: (BinaryOperator, Int)] = [
        "|": (.bitOr, 1), "^": (.bitXor, 2), "&": (.bitAnd, 3), "<<": (.leftShift, 4), ">>": (.rightShift, 4),
        "+": (.add, 5), "-": (.subtract, 5),
        "*": (.multiply, 6), "/": (.divide, 6), "//": (.floorDivide, 6), "%": (.modulo, 6), "@": (.matrixMultiply, 6),
    ]
    static let unary: [String: UnaryOperator] = ["-": .negative, "+": .positive, "~": .invert]
}
