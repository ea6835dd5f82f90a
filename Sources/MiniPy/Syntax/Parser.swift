// A recursive-descent parser over the scanner's tokens, following the shape of CPython's
// Grammar/python.gram and reporting its error messages for the common mistakes.

/// The enclosing scope and loop of a statement.
struct StatementContext {
    enum Scope {
        case module, function, `class`
    }

    var scope: Scope
    var inLoop: Bool
}

/// Parses tokens into the AST; the statement, expression and f-string rules live in extensions.
struct Parser {
    let source: SourceBuffer
    var tokens: [Token]
    var index = 0
    /// True while parsing an f-string field, whose errors CPython prefixes with `f-string: `.
    var inFormattedField = false
    /// Where the statement being parsed sits, for the checks CPython's compiler makes.
    var context = StatementContext(scope: .module, inLoop: false)
    /// The first error CPython's symbol table pass would report, raised once parsing succeeded.
    var symbolTableError: SyntaxErrorInfo?
    /// The first error CPython's code generator would report (`'return' outside function` ...).
    var compilerError: SyntaxErrorInfo?
    /// The earliest construct outside the subset. Parsing goes on past it so that a genuine
    /// syntax error anywhere in the file is reported first, as CPython would report it.
    var unsupportedError: SyntaxErrorInfo?
    /// How deeply the recursive rules are nested; bounded so that hostile input cannot exhaust the stack.
    var nesting = 0
    /// Set while the forgotten-comma check parses ahead speculatively. As CPython's
    /// `expression_without_invalid`, that parse runs no such checks of its own: nested ones
    /// would each parse the rest of the input again, exponential in the bracket depth.
    var speculating = false
    static let maximumNesting = 1000

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

    /// Counts one level of recursion (balanced by `leaveNesting`); fails past the limit, where
    /// CPython's parser reports a stack overflow.
    mutating func enterNesting() throws {
        nesting += 1
        if nesting > Parser.maximumNesting {
            throw source.error("Parser stack overflowed - Python source too complex to parse", line: current.line,
                               column: current.column)
        }
    }

    mutating func leaveNesting() {
        nesting -= 1
    }

    // MARK: Errors

    /// Records an error that CPython only reports after a successful parse.
    mutating func deferError(_ error: SyntaxErrorInfo, fromSymbolTable: Bool) {
        if fromSymbolTable {
            if symbolTableError == nil { symbolTableError = error }
        } else if compilerError == nil {
            compilerError = error
        }
    }

    /// Throws the deferred error: symbol-table errors first as CPython's passes run, then
    /// code-generation errors, then the first construct outside the subset.
    func throwDeferredError() throws {
        if let error = symbolTableError ?? compilerError ?? unsupportedError { throw error }
    }

    /// Records a construct outside the subset, keeping the earliest in the file.
    mutating func noteUnsupported(_ info: SyntaxErrorInfo) {
        if let existing = unsupportedError,
           (existing.line, existing.column) <= (info.line, info.column) {
            return
        }
        unsupportedError = info
    }

    /// Records `'<construct>' is not supported by gradstep` at `token`.
    mutating func noteUnsupported(_ construct: String, at token: Token) {
        noteUnsupported(source.error("\(construct) is not supported by gradstep", line: token.line, column: token.column,
                                     endLine: token.endLine, endColumn: token.endColumn, unsupported: true))
    }

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

    /// CPython's generic `invalid syntax` at the current token.
    func invalidSyntax() -> SyntaxErrorInfo {
        if case .error(let scanError) = current.kind { return scanError }
        if case .endMarker = current.kind, inFormattedField {
            return source.error(prefixed("invalid syntax"), line: current.line, column: current.column)
        }
        return error("invalid syntax", at: current)
    }

    /// CPython reports a tokenizer error found anywhere later in the source instead of a parser
    /// error (`_PyPegen_tokenize_full_source_to_check_for_errors`); an unclosed bracket only wins
    /// when the parser failed on a later line than the bracket's. "unexpected indent" stands.
    func preferringScanError(over parseError: SyntaxErrorInfo) -> SyntaxErrorInfo {
        guard let last = tokens.last, case .error(let scanError) = last.kind, scanError != parseError,
              scanError.message != "invalid syntax",
              parseError.message != "unexpected indent", parseError.message != "unexpected unindent" else {
            return parseError
        }
        if scanError.message.hasSuffix("was never closed") {
            return current.line > scanError.line ? scanError : parseError
        }
        return scanError
    }
}
