// A recursive-descent parser over the scanner's tokens, following the shape of CPython's
// Grammar/python.gram and reporting its error messages for the common mistakes.

/// Parses tokens into the AST; the statement, expression and f-string rules live in extensions.
struct Parser {
    let source: SourceBuffer
    var tokens: [Token]
    var index = 0
    /// True while parsing an f-string field, whose errors CPython prefixes with `f-string: `.
    var inFormattedField = false

    init(source: SourceBuffer, tokens: [Token]) {
        self.source = source
        // The token list always ends with ENDMARKER or an error; guard against an empty list anyway.
        self.tokens = tokens.isEmpty ? [Token(kind: .endMarker, line: 1, column: 0, endLine: 1, endColumn: 0, depth: 0)] : tokens
    }

    var current: Token { tokens[min(index, tokens.count - 1)] }

    func peek(_ offset: Int = 1) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    /// The token before the current one (for expression ends).
    var previous: Token { tokens[max(0, min(index - 1, tokens.count - 1))] }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func isOp(_ text: String) -> Bool { current.isOp(text) }
    func isKeyword(_ text: String) -> Bool { current.isName(text) }

    /// Consumes the operator `text` when it is next.
    mutating func accept(_ text: String) -> Bool {
        if current.isOp(text) {
            advance()
            return true
        }
        return false
    }

    /// Consumes the keyword `text` when it is next.
    mutating func acceptKeyword(_ text: String) -> Bool {
        if current.isName(text) {
            advance()
            return true
        }
        return false
    }

    mutating func expect(_ text: String) throws {
        guard accept(text) else { throw invalidSyntax() }
    }

    /// The end of the most recently consumed token, which is where a just-parsed expression ends.
    var lastEnd: SourceLocation { previous.end }

    /// Builds an expression ending at the last consumed token.
    func node(_ kind: ExprKind, at start: SourceLocation) -> Expr {
        Expr(kind, at: start, end: lastEnd)
    }

    // MARK: Errors

    /// An error spanning `token`; a tokenizer error at the current position takes precedence.
    func error(_ message: String, at token: Token, kind: SyntaxErrorInfo.Kind = .syntaxError) -> SyntaxErrorInfo {
        if case .error(let scanError) = current.kind { return scanError }
        return source.error(prefixed(message), kind: kind, line: token.line, column: token.column,
                            endLine: token.endLine, endColumn: token.endColumn)
    }

    /// An error spanning `start..<end`.
    func error(_ message: String, from start: SourceLocation, to end: SourceLocation?) -> SyntaxErrorInfo {
        let stop = end ?? start
        return source.error(prefixed(message), line: start.line, column: start.column, endLine: stop.line,
                            endColumn: stop.column)
    }

    /// An error spanning an expression.
    func error(_ message: String, spanning expr: Expr) -> SyntaxErrorInfo {
        error(message, from: expr.location, to: expr.end)
    }

    func prefixed(_ message: String) -> String {
        inFormattedField ? "f-string: " + message : message
    }

    /// CPython's generic `invalid syntax` at the current token. As in CPython, a tokenizer error
    /// anywhere later in the source is reported instead (an unclosed bracket explains more).
    func invalidSyntax() -> SyntaxErrorInfo {
        if case .error(let scanError) = current.kind { return scanError }
        if !inFormattedField, let last = tokens.last, case .error(let scanError) = last.kind {
            return scanError
        }
        if case .endMarker = current.kind, inFormattedField {
            return source.error(prefixed("invalid syntax"), line: current.line, column: current.column)
        }
        return error("invalid syntax", at: current)
    }

    /// `'<construct>' is not supported by gradstep` for valid Python outside the subset.
    func unsupported(_ construct: String, at token: Token) -> SyntaxErrorInfo {
        if case .error(let scanError) = current.kind { return scanError }
        return source.error("\(construct) is not supported by gradstep", line: token.line, column: token.column,
                            endLine: token.endLine, endColumn: token.endColumn, unsupported: true)
    }

    /// Fails on a construct outside the subset that can start at the current token.
    func rejectUnsupportedToken() throws {
        switch current.kind {
        case .name("yield"):
            if peek().isName("from") { throw unsupported("'yield from'", at: current) }
            throw unsupported("'yield'", at: current)
        case .name("await"):
            throw unsupported("'await'", at: current)
        case .name("async"):
            throw unsupported("'async'", at: current)
        case .op(":="):
            throw unsupported("the walrus operator ':='", at: current)
        default:
            break
        }
    }
}
