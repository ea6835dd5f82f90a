// f-strings, parsed as CPython 3.11 does (Parser/string_parser.c): the scanner hands over the
// whole literal; literal text, `{{`/`}}`, fields with `!r/!s/!a`, `=` debug text and format
// specs that contain fields are split here, and each field's expression goes through the
// ordinary expression parser.

extension Parser {
    /// The parts of one f-string literal token.
    mutating func parseFormattedString(_ literal: StringLiteral, token: Token) throws -> [FStringPart] {
        var pos = literal.bodyStart
        let parts = try parseFStringBody(literal, token: token, pos: &pos, level: 0)
        if pos < literal.bodyEnd {
            throw fstringError("f-string: single '}' is not allowed", token: token)
        }
        return Parser.mergeLiterals(parts)
    }

    /// f-string errors are reported at `token`, the token after the string literals, which is
    /// where CPython 3.11's parser stands when it decodes them.
    func fstringError(_ message: String, token: Token) -> SyntaxErrorInfo {
        source.error(message, line: token.line, column: token.column, endLine: token.endLine, endColumn: token.endColumn)
    }

    /// Literal text and fields up to the end of the body, or (inside a format spec, `level > 0`)
    /// up to the `}` that closes the field.
    mutating func parseFStringBody(_ literal: StringLiteral, token: Token, pos: inout Int, level: Int) throws -> [FStringPart] {
        let bytes = source.bytes
        let end = literal.bodyEnd
        var parts: [FStringPart] = []
        var text: [UInt8] = []
        var decoder = EscapeDecoder(bytes: bytes, start: literal.bodyStart, end: end)
        func flush() {
            if !text.isEmpty {
                parts.append(.literal(String(decoding: text, as: UTF8.self)))
                text = []
            }
        }
        while pos < end {
            let byte = bytes[pos]
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") {
                // Doubled braces are literal text, but only at the top level: `{0:{3}}` ends with two fields closing.
                if level == 0 {
                    if pos + 1 < end && bytes[pos + 1] == byte {
                        text.append(byte)
                        pos += 2
                        continue
                    }
                    if byte == UInt8(ascii: "}") {
                        throw fstringError("f-string: single '}' is not allowed", token: token)
                    }
                }
                if byte == UInt8(ascii: "}") { break }
                flush()
                pos += 1
                parts.append(try parseFStringField(literal, token: token, pos: &pos, level: level))
                continue
            }
            if byte == UInt8(ascii: "\\") && !literal.isRaw {
                decoder.pos = pos
                decoder.output = []
                do {
                    try decoder.decodeEscape()
                } catch let failure as EscapeDecoder.Failure {
                    throw fstringError(failure.message, token: token)
                }
                text.append(contentsOf: decoder.output)
                pos = decoder.pos
                continue
            }
            text.append(byte)
            pos += 1
        }
        flush()
        return parts
    }

    /// One `{expression=!c:spec}` field; `pos` is just past the `{`.
    mutating func parseFStringField(_ literal: StringLiteral, token: Token, pos: inout Int, level: Int) throws -> FStringPart {
        if level >= 2 {
            throw fstringError("f-string: expressions nested too deeply", token: token)
        }
        let bytes = source.bytes
        let end = literal.bodyEnd
        let expressionStart = pos
        try skipFieldExpression(token: token, pos: &pos, end: end)
        let expressionEnd = pos
        if pos >= end {
            throw fstringError("f-string: expecting '}'", token: token)
        }
        let isBlank = bytes[expressionStart..<expressionEnd].allSatisfy { [9, 10, 11, 12, 13, 32].contains($0) }
        if isBlank {
            throw fstringError("f-string: empty expression not allowed", token: token)
        }
        let value = try parseFieldExpression(start: expressionStart, end: expressionEnd)
        var debugText: String?
        if bytes[pos] == UInt8(ascii: "=") {
            pos += 1
            while pos < end, [9, 10, 11, 12, 13, 32].contains(bytes[pos]) { pos += 1 }
            if pos >= end { throw fstringError("f-string: expecting '}'", token: token) }
            debugText = String(decoding: bytes[expressionStart..<pos], as: UTF8.self)
        }
        var conversion: Character?
        if bytes[pos] == UInt8(ascii: "!") {
            pos += 1
            if pos >= end { throw fstringError("f-string: expecting '}'", token: token) }
            let code = bytes[pos]
            pos += 1
            guard code == UInt8(ascii: "s") || code == UInt8(ascii: "r") || code == UInt8(ascii: "a") else {
                throw fstringError("f-string: invalid conversion character: expected 's', 'r', or 'a'", token: token)
            }
            conversion = Character(Unicode.Scalar(code))
        }
        var spec: [FStringPart]?
        if pos < end && bytes[pos] == UInt8(ascii: ":") {
            pos += 1
            if pos >= end { throw fstringError("f-string: expecting '}'", token: token) }
            spec = Parser.mergeLiterals(try parseFStringBody(literal, token: token, pos: &pos, level: level + 1))
        }
        guard pos < end, bytes[pos] == UInt8(ascii: "}") else {
            throw fstringError("f-string: expecting '}'", token: token)
        }
        pos += 1
        // `{x=}` shows the repr unless a conversion or a format spec is given, as CPython decides at compile time.
        if debugText != nil && spec == nil && conversion == nil {
            conversion = "r"
        }
        return .field(value: value, conversion: conversion, spec: spec, debugText: debugText)
    }

    /// Moves `pos` to the end of a field's expression: the first `!`, `:`, `=` or `}` outside
    /// brackets and strings (but not `!=`, `==`, `<=`, `>=`).
    func skipFieldExpression(token: Token, pos: inout Int, end: Int) throws {
        let bytes = source.bytes
        var quote: UInt8?
        var tripleQuote = false
        var open: [UInt8] = []
        while pos < end {
            let byte = bytes[pos]
            if byte == UInt8(ascii: "\\") {
                throw fstringError("f-string expression part cannot include a backslash", token: token)
            }
            if let active = quote {
                if byte == active {
                    if !tripleQuote {
                        quote = nil
                    } else if pos + 2 < end, bytes[pos + 1] == active, bytes[pos + 2] == active {
                        quote = nil
                        pos += 2
                    }
                }
                pos += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                quote = byte
                tripleQuote = pos + 2 < end && bytes[pos + 1] == byte && bytes[pos + 2] == byte
                pos += tripleQuote ? 3 : 1
                continue
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                open.append(byte)
            case UInt8(ascii: "#"):
                throw fstringError("f-string expression part cannot include '#'", token: token)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                guard let opener = open.popLast() else {
                    if byte == UInt8(ascii: "}") { return }
                    throw fstringError("f-string: unmatched '\(Character(Unicode.Scalar(byte)))'", token: token)
                }
                let expected: UInt8 = opener == UInt8(ascii: "(") ? UInt8(ascii: ")")
                    : opener == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
                if byte != expected {
                    throw fstringError("f-string: closing parenthesis '\(Character(Unicode.Scalar(byte)))' does not match "
                                       + "opening parenthesis '\(Character(Unicode.Scalar(opener)))'", token: token)
                }
            case UInt8(ascii: "!"), UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"):
                guard open.isEmpty else { break }
                if pos + 1 < end, bytes[pos + 1] == UInt8(ascii: "="), byte != UInt8(ascii: ":") {
                    pos += 2
                    continue
                }
                if byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") { break }
                return
            default:
                break
            }
            pos += 1
        }
        if quote != nil {
            throw fstringError("f-string: unterminated string", token: token)
        }
        if let opener = open.last {
            throw fstringError("f-string: unmatched '\(Character(Unicode.Scalar(opener)))'", token: token)
        }
    }

    /// Parses the field's source text with the expression parser, as if parenthesized.
    mutating func parseFieldExpression(start: Int, end: Int) throws -> Expr {
        let (line, lineStart) = source.line(containing: start)
        var scanner = Scanner(source: source, fieldStart: start, end: end, line: line, lineStart: lineStart)
        var parser = Parser(source: source, tokens: scanner.scanAll())
        parser.inFormattedField = true
        parser.nesting = nesting
        let value = try parser.parseStarExpressions()
        guard case .endMarker = parser.current.kind else { throw parser.invalidSyntax() }
        if let unsupported = scanner.unsupported ?? parser.unsupportedError {
            noteUnsupported(unsupported)
        }
        return value
    }
}
