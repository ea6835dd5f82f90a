// The tokenizer: UTF-8 bytes in, tokens out, following CPython's Parser/tokenizer.c —
// an indentation stack produces INDENT/DEDENT, line breaks inside brackets and blank or
// comment-only lines produce no NEWLINE, and a backslash joins lines.

/// Turns source bytes into tokens. Errors become a final `.error` token so that the parser
/// reports an earlier syntax error first, as CPython's lazy tokenizer does.
struct Scanner {
    let source: SourceBuffer
    let bytes: [UInt8]
    var pos: Int
    let end: Int
    var line: Int
    var lineStart: Int
    var tokens: [Token] = []
    var indents: [Int] = [0]
    /// Indentation measured with tabs as one column, to detect inconsistent tab use.
    var altIndents: [Int] = [0]
    var brackets: [(byte: UInt8, line: Int, column: Int)] = []
    var atLineStart = true
    /// True once the current logical line has produced a token, so a NEWLINE is due.
    var lineHasTokens = false
    /// Where a comment started on the current line (the NEWLINE token starts there, as in CPython).
    var commentStart: Int?
    /// Scanning an f-string field: the text behaves as if inside parentheses.
    let isField: Bool
    /// The first literal outside the subset (bytes, complex, over 64 bits), reported after parsing.
    var unsupported: SyntaxErrorInfo?

    /// CPython's tokenizer limits (MAXLEVEL, MAXINDENT), which also bound the parser's recursion.
    static let maximumBracketDepth = 200
    static let maximumIndentDepth = 100

    /// A scanner over the whole source.
    init(source: SourceBuffer) {
        self.source = source
        self.bytes = source.bytes
        self.pos = 0
        self.end = source.bytes.count
        self.line = 1
        self.lineStart = 0
        self.isField = false
        // About one token per four bytes of Python; growing the array by doubling would copy
        // every token several times.
        tokens.reserveCapacity(source.bytes.count / 4 + 16)
    }

    /// A scanner over an f-string field expression at `start..<end`, which begins at `line`.
    init(source: SourceBuffer, fieldStart start: Int, end: Int, line: Int, lineStart: Int) {
        self.source = source
        self.bytes = source.bytes
        self.pos = start
        self.end = end
        self.line = line
        self.lineStart = lineStart
        self.isField = true
        self.atLineStart = false
    }

    /// Scans everything; the last token is ENDMARKER or an error.
    mutating func scanAll() -> [Token] {
        do {
            try scan()
        } catch let error as SyntaxErrorInfo {
            append(.error(error), line: line, column: pos - lineStart, endColumn: pos - lineStart)
        } catch {
            append(.error(source.error("\(error)", line: line, column: 0)), line: line, column: 0, endColumn: 0)
        }
        return tokens
    }

    var column: Int { pos - lineStart }

    mutating func noteUnsupported(_ info: SyntaxErrorInfo) {
        if unsupported == nil { unsupported = info }
    }

    func peekByte(_ offset: Int = 0) -> UInt8? {
        let index = pos + offset
        return index < end ? bytes[index] : nil
    }

    mutating func append(_ kind: TokenKind, line: Int, column: Int, endLine: Int? = nil, endColumn: Int) {
        let depth = brackets.count + (isField ? 1 : 0)
        tokens.append(Token(kind: kind, line: line, column: column, endLine: endLine ?? line,
                            endColumn: endColumn, depth: depth))
    }

    /// Appends a token spanning `start..<pos` on the current line.
    mutating func appendSpan(_ kind: TokenKind, from start: Int) {
        lineHasTokens = true
        append(kind, line: line, column: start - lineStart, endColumn: pos - lineStart)
    }

    mutating func scan() throws {
        if !isField, let nul = bytes.firstIndex(of: 0) {
            let (nulLine, _) = source.line(containing: nul)
            throw source.rawError("source code cannot contain null bytes", kind: .syntaxError, line: nulLine,
                                  offset: 0, endOffset: 0)
        }
        while true {
            if atLineStart {
                atLineStart = false
                try scanIndentation()
            }
            skipBlanks()
            guard let byte = peekByte() else {
                try finish()
                return
            }
            switch byte {
            case UInt8(ascii: "#"):
                commentStart = pos
                while let next = peekByte(), next != UInt8(ascii: "\n") { pos += 1 }
            case UInt8(ascii: "\n"):
                endLine()
            case UInt8(ascii: "\\"):
                try scanContinuation()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                try scanNumber()
            case UInt8(ascii: "."):
                if let next = peekByte(1), isDigit(next) {
                    try scanNumber()
                } else {
                    try scanOperator()
                }
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                try scanString(prefixStart: pos, prefix: "")
            default:
                if isIdentifierStart(byte) {
                    try scanName()
                } else {
                    try scanOperator()
                }
            }
        }
    }

    mutating func skipBlanks() {
        while let byte = peekByte(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0C {
            pos += 1
        }
    }

    /// A line break: NEWLINE when it ends a logical line with tokens, nothing inside brackets.
    mutating func endLine() {
        if brackets.isEmpty && !isField && lineHasTokens {
            let newlineColumn = column
            let start = commentStart.map { $0 - lineStart } ?? newlineColumn
            append(.newline, line: line, column: start, endColumn: newlineColumn)
            lineHasTokens = false
        }
        commentStart = nil
        pos += 1
        line += 1
        lineStart = pos
        if brackets.isEmpty && !isField {
            atLineStart = true
        }
    }

    /// A backslash must be followed by a line break, which then joins the two lines.
    mutating func scanContinuation() throws {
        guard let next = peekByte(1) else {
            throw source.rawError("unexpected EOF while parsing", kind: .syntaxError, line: line,
                                  offset: source.characterColumn(line: line, byteColumn: column) + 2, endOffset: -1)
        }
        guard next == UInt8(ascii: "\n") else {
            throw source.rawError("unexpected character after line continuation character", kind: .syntaxError,
                                  line: line, offset: source.characterColumn(line: line, byteColumn: column) + 2,
                                  endOffset: 0)
        }
        pos += 2
        line += 1
        lineStart = pos
        if peekByte() == nil {
            throw source.rawError("unexpected EOF while parsing", kind: .syntaxError, line: line - 1,
                                  offset: source.lineRange(line - 1).count + 1, endOffset: -1)
        }
    }

    /// Measures the indentation of a new line and emits INDENT or DEDENT tokens; blank and
    /// comment-only lines leave the indentation stack alone.
    mutating func scanIndentation() throws {
        var width = 0
        var altWidth = 0
        while let byte = peekByte() {
            if byte == UInt8(ascii: " ") {
                width += 1
                altWidth += 1
            } else if byte == UInt8(ascii: "\t") {
                width = (width / 8 + 1) * 8
                altWidth += 1
            } else if byte == 0x0C {
                width = 0
                altWidth = 0
            } else {
                break
            }
            pos += 1
        }
        guard let byte = peekByte(), byte != UInt8(ascii: "#"), byte != UInt8(ascii: "\n") else { return }
        let current = indents.count - 1
        if width == indents[current] {
            if altWidth != altIndents[current] { throw tabError() }
        } else if width > indents[current] {
            if altWidth <= altIndents[current] { throw tabError() }
            if indents.count >= Scanner.maximumIndentDepth {
                throw source.rawError("too many levels of indentation", kind: .indentationError, line: line,
                                      offset: 1, endOffset: 0)
            }
            indents.append(width)
            altIndents.append(altWidth)
            append(.indent, line: line, column: 0, endColumn: column)
        } else {
            while indents.count > 1, width < indents[indents.count - 1] {
                indents.removeLast()
                altIndents.removeLast()
                append(.dedent, line: line, column: column, endColumn: column)
            }
            if width != indents[indents.count - 1] {
                let length = source.characterColumn(line: line, byteColumn: source.lineRange(line).count)
                throw source.rawError("unindent does not match any outer indentation level", kind: .indentationError,
                                      line: line, offset: length + 1, endOffset: -1)
            }
            if altWidth != altIndents[altIndents.count - 1] { throw tabError() }
        }
    }

    func tabError() -> SyntaxErrorInfo {
        source.rawError("inconsistent use of tabs and spaces in indentation", kind: .tabError, line: line,
                        offset: 1, endOffset: 0)
    }

    /// End of input: unclosed brackets are an error; otherwise close the last line and all blocks.
    mutating func finish() throws {
        if let open = brackets.last {
            throw SyntaxErrorInfo(message: "'\(Character(Unicode.Scalar(open.byte)))' was never closed", file: source.file,
                                  line: open.line,
                                  column: source.characterColumn(line: open.line, byteColumn: open.column) + 1,
                                  endLine: open.line, endColumn: 0, text: source.text(ofLine: open.line))
        }
        if isField {
            append(.endMarker, line: line, column: column, endColumn: column)
            return
        }
        if lineHasTokens {
            let start = commentStart.map { $0 - lineStart } ?? column
            append(.newline, line: line, column: start, endColumn: column)
            lineHasTokens = false
        }
        while indents.count > 1 {
            indents.removeLast()
            append(.dedent, line: line, column: column, endColumn: column)
        }
        append(.endMarker, line: line, column: column, endColumn: column)
    }

    // MARK: Names and operators

    func isDigit(_ byte: UInt8) -> Bool {
        Scanner.isDecimalDigit(byte)
    }

    static func isDecimalDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    func isIdentifierContinue(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte)
    }

    /// The Unicode scalar starting at byte `index` and its encoded length.
    func scalar(at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        let stop = min(index + length, end)
        let text = String(decoding: bytes[index..<stop], as: UTF8.self)
        return (text.unicodeScalars.first ?? "\u{FFFD}", stop - index)
    }

    mutating func scanName() throws {
        let start = pos
        while let byte = peekByte(), isIdentifierContinue(byte) {
            if byte >= 0x80 {
                let (scalar, length) = scalar(at: pos)
                let allowed = pos == start ? scalar.properties.isXIDStart : scalar.properties.isXIDContinue
                guard allowed else {
                    if pos == start {
                        throw source.error("invalid character '\(Character(scalar))' (U+\(hex(scalar.value)))",
                                           line: line, column: column)
                    }
                    break
                }
                pos += length
            } else {
                pos += 1
            }
        }
        var name = String(decoding: bytes[start..<pos], as: UTF8.self)
        if bytes[start..<pos].contains(where: { $0 >= 0x80 }) {
            // CPython normalizes identifiers to NFKC, so `µ` (micro sign) and `μ` (mu) are one name.
            name = CompatibilityNormalization.nfkc(name)
        }
        if let quote = peekByte(), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\""),
           Scanner.stringPrefixes.contains(name.lowercased()) {
            try scanString(prefixStart: start, prefix: name.lowercased())
            return
        }
        appendSpan(.name(name), from: start)
    }

    static let stringPrefixes: Set<String> = ["r", "u", "f", "b", "br", "rb", "fr", "rf"]

    func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    mutating func scanOperator() throws {
        let start = pos
        let first = bytes[pos]
        if first >= 0x80 {
            let (scalar, _) = scalar(at: pos)
            throw source.error("invalid character '\(Character(scalar))' (U+\(hex(scalar.value)))", line: line, column: column)
        }
        let length = operatorLength(at: pos)
        guard length > 0 else {
            // `$`, `?`, a lone `!`: CPython's parser rejects the error token as plain invalid syntax.
            throw source.error("invalid syntax", line: line, column: column, endColumn: column + 1)
        }
        pos += length
        if length == 1 { try trackBracket(first, at: start) }
        appendSpan(.op(String(decoding: bytes[start..<pos], as: UTF8.self)), from: start)
    }

    /// The length of the operator or delimiter at `position`, longest match first as in
    /// CPython's tokenizer: 3 (`**=` `//=` `>>=` `<<=` `...`), 2 (`**` `->` `:=` `!=`, an
    /// augmented assignment ...), 1, or 0 when none starts there. Matched on bytes: this runs
    /// for every operator of every module imported.
    func operatorLength(at position: Int) -> Int {
        let a = bytes[position]
        let b: UInt8 = position + 1 < end ? bytes[position + 1] : 0
        let c: UInt8 = position + 2 < end ? bytes[position + 2] : 0
        let equals = UInt8(ascii: "=")
        switch a {
        case UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            if b == a { return c == equals ? 3 : 2 }
            return b == equals ? 2 : 1
        case UInt8(ascii: "."):
            return b == a && c == a ? 3 : 1
        case UInt8(ascii: "-"):
            return b == equals || b == UInt8(ascii: ">") ? 2 : 1
        case UInt8(ascii: "+"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "^"),
             UInt8(ascii: "@"), UInt8(ascii: ":"), UInt8(ascii: "="):
            return b == equals ? 2 : 1
        case UInt8(ascii: "!"):
            return b == equals ? 2 : 0
        case UInt8(ascii: "~"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ","), UInt8(ascii: ";"):
            return 1
        default:
            return 0
        }
    }

    /// Keeps the bracket stack that makes line breaks insignificant and reports mismatches.
    mutating func trackBracket(_ byte: UInt8, at start: Int) throws {
        let startColumn = start - lineStart
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            if brackets.count >= Scanner.maximumBracketDepth {
                throw source.error("too many nested parentheses", line: line, column: startColumn)
            }
            brackets.append((byte, line, startColumn))
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            let closer = Character(Unicode.Scalar(byte))
            guard let open = brackets.popLast() else {
                throw source.error("unmatched '\(closer)'", line: line, column: startColumn)
            }
            let expected: UInt8 = open.byte == UInt8(ascii: "(") ? UInt8(ascii: ")")
                : open.byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            if byte != expected {
                var message = "closing parenthesis '\(closer)' does not match opening parenthesis '\(Character(Unicode.Scalar(open.byte)))'"
                if open.line != line { message += " on line \(open.line)" }
                throw source.error(message, line: line, column: startColumn)
            }
        default:
            break
        }
    }
}
