// Tokens produced by the scanner, shaped after CPython's token module.

/// What a token is; names carry their spelling, literals their value.
enum TokenKind: Sendable {
    /// An identifier or keyword.
    case name(String)
    case number(Constant)
    /// One string literal; adjacent literals are concatenated by the parser.
    case string(StringLiteral)
    /// An operator or delimiter, spelled as in source.
    case op(String)
    case newline
    case indent
    case dedent
    case endMarker
    /// A tokenizer error, reported when the parser reaches it (CPython tokenizes lazily, so an
    /// earlier parse error takes precedence over a later tokenizer error).
    case error(SyntaxErrorInfo)
}

/// One string literal token: its flags and where its body lies in the source bytes.
struct StringLiteral: Sendable {
    var isFormatted: Bool
    var isRaw: Bool
    /// The decoded value, for literals that are not f-strings.
    var value: String
    /// A malformed escape, reported by the parser (CPython decodes literals while parsing).
    var escapeError: String?
    /// Byte range of the body (between the quotes) in the source.
    var bodyStart: Int
    var bodyEnd: Int
    /// Position of the body's first byte.
    var bodyLine: Int
    var bodyColumn: Int
}

/// A token with its source range (1-based lines, 0-based UTF-8 byte columns).
struct Token: Sendable {
    var kind: TokenKind
    var line: Int
    var column: Int
    var endLine: Int
    var endColumn: Int
    /// Bracket nesting depth after the token, as CPython's `tok->level`.
    var depth: Int

    var start: SourceLocation { SourceLocation(line: line, column: column) }
    var end: SourceLocation { SourceLocation(line: endLine, column: endColumn) }

    /// True for the operator or delimiter `text`.
    func isOp(_ text: String) -> Bool {
        if case .op(let spelling) = kind { return spelling == text }
        return false
    }

    /// True for the identifier or keyword `text`.
    func isName(_ text: String) -> Bool {
        if case .name(let spelling) = kind { return spelling == text }
        return false
    }

    /// The spelling of a name token that is not a keyword.
    var identifier: String? {
        if case .name(let spelling) = kind, !Keywords.reserved.contains(spelling) { return spelling }
        return nil
    }

    var isNewline: Bool {
        if case .newline = kind { return true }
        return false
    }
}

/// Python's reserved words.
enum Keywords {
    static let reserved: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
        "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
        "with", "yield",
    ]
}
