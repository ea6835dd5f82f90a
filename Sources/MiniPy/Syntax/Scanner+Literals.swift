// Number and string literals, with CPython's error wording and positions.

extension Scanner {
    /// An error whose 1-based offset is the byte index `detectedAt` (CPython reports many
    /// literal errors there, so the caret sits under the last good character).
    func literalError(_ message: String, detectedAt index: Int) -> SyntaxErrorInfo {
        source.error(message, line: line, column: index - lineStart - 1)
    }

    static func isHexDigitByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }

    /// Consumes digits accepted by `accepts`, allowing single `_` between digits; returns them without underscores.
    mutating func scanDigits(_ accepts: (UInt8) -> Bool, kind: String) throws -> String {
        var digits = ""
        while let byte = peekByte() {
            if byte == UInt8(ascii: "_") {
                pos += 1
                guard let next = peekByte(), accepts(next) else {
                    throw literalError("invalid \(kind) literal", detectedAt: pos)
                }
                continue
            }
            guard accepts(byte) else { break }
            digits.append(Character(Unicode.Scalar(byte)))
            pos += 1
        }
        return digits
    }

    /// The letters after `0` that select a radix, with the name CPython's errors use.
    static let radixPrefixes: [UInt8: (Int, String)] = [
        UInt8(ascii: "x"): (16, "hexadecimal"), UInt8(ascii: "X"): (16, "hexadecimal"),
        UInt8(ascii: "o"): (8, "octal"), UInt8(ascii: "O"): (8, "octal"),
        UInt8(ascii: "b"): (2, "binary"), UInt8(ascii: "B"): (2, "binary"),
    ]

    mutating func scanNumber() throws {
        let start = pos
        if bytes[pos] == UInt8(ascii: "0"), let marker = peekByte(1) {
            if let (radix, name) = Scanner.radixPrefixes[marker] {
                pos += 2
                try scanRadixInteger(start: start, radix: radix, name: name)
                return
            }
        }
        var text = ""
        var isFloat = false
        if bytes[pos] != UInt8(ascii: ".") {
            text = try scanDigits(Scanner.isDecimalDigit, kind: "decimal")
        }
        if peekByte() == UInt8(ascii: ".") {
            isFloat = true
            pos += 1
            text += "." + (try scanDigits(Scanner.isDecimalDigit, kind: "decimal"))
        }
        if let e = peekByte(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let mark = pos
            pos += 1
            var exponent = "e"
            if let sign = peekByte(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponent.append(Character(Unicode.Scalar(sign)))
                pos += 1
                guard let digit = peekByte(), isDigit(digit) else {
                    throw literalError("invalid decimal literal", detectedAt: pos)
                }
            }
            if let digit = peekByte(), isDigit(digit) {
                isFloat = true
                text += exponent + (try scanDigits(Scanner.isDecimalDigit, kind: "decimal"))
            } else {
                // `1e` backs up so the `e` is reported as a letter glued to the number.
                pos = mark
            }
        }
        if let j = peekByte(), j == UInt8(ascii: "j") || j == UInt8(ascii: "J") {
            pos += 1
            try checkEndOfNumber(kind: "imaginary")
            noteUnsupported(source.error("complex literals are not supported by gradstep", line: line,
                                         column: start - lineStart, endColumn: column, unsupported: true))
            appendSpan(.number(.float(Double(text) ?? 0)), from: start)
            return
        }
        try checkEndOfNumber(kind: "decimal")
        if isFloat {
            appendSpan(.number(.float(Double(text) ?? .infinity)), from: start)
            return
        }
        if text.count > 1, text.first == "0", text.contains(where: { $0 != "0" }) {
            throw source.error(
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                line: line, column: start - lineStart, endColumn: start - lineStart + 1)
        }
        try appendInteger(text, radix: 10, from: start)
    }

    mutating func scanRadixInteger(start: Int, radix: Int, name: String) throws {
        let limit = UInt8(ascii: "0") + UInt8(min(radix, 10))
        let isHex = radix == 16
        let accepts: (UInt8) -> Bool = { byte in
            if isHex { return Scanner.isHexDigitByte(byte) }
            return byte >= UInt8(ascii: "0") && byte < limit
        }
        if peekByte() == UInt8(ascii: "_") { pos += 1 }
        guard let first = peekByte(), accepts(first) else {
            if let byte = peekByte(), isDigit(byte) {
                throw source.error("invalid digit '\(Character(Unicode.Scalar(byte)))' in \(name) literal", line: line, column: column)
            }
            throw literalError("invalid \(name) literal", detectedAt: pos)
        }
        let digits = try scanDigits(accepts, kind: name)
        if let byte = peekByte(), isDigit(byte) {
            throw source.error("invalid digit '\(Character(Unicode.Scalar(byte)))' in \(name) literal", line: line, column: column)
        }
        try checkEndOfNumber(kind: name)
        try appendInteger(digits, radix: radix, from: start)
    }

    mutating func appendInteger(_ digits: String, radix: Int, from start: Int) throws {
        guard let value = Int(digits, radix: radix) else {
            noteUnsupported(source.error("integers beyond 64 bits are not supported by gradstep", line: line,
                                         column: start - lineStart, endColumn: column, unsupported: true))
            appendSpan(.number(.int(0)), from: start)
            return
        }
        appendSpan(.number(.int(value)), from: start)
    }

    /// A letter glued to a number is an error, except the keywords CPython still tolerates (`1if x else y`).
    mutating func checkEndOfNumber(kind: String) throws {
        guard let byte = peekByte(), isIdentifierStart(byte) else { return }
        var stop = pos
        while stop < end, isIdentifierContinue(bytes[stop]) { stop += 1 }
        let word = String(decoding: bytes[pos..<stop], as: UTF8.self)
        for keyword in ["and", "else", "for", "if", "in", "is", "not", "or"] where word.hasPrefix(keyword) {
            return
        }
        throw literalError("invalid \(kind) literal", detectedAt: pos)
    }

    // MARK: Strings

    /// Scans a string literal whose quote is at `pos`; `prefix` is its lowercased prefix.
    mutating func scanString(prefixStart: Int, prefix: String) throws {
        let startLine = line
        let startColumn = prefixStart - lineStart
        let quote = bytes[pos]
        let isTriple = peekByte(1) == quote && peekByte(2) == quote
        let quoteLength = isTriple ? 3 : 1
        pos += quoteLength
        let bodyStart = pos
        let bodyLine = line
        let bodyColumn = column
        var bodyEnd = pos
        while true {
            guard let byte = peekByte() else {
                // CPython counts the line of the last character, not the empty line after a final break.
                let lastLine = pos > 0 && bytes[pos - 1] == UInt8(ascii: "\n") ? line - 1 : line
                let message = isTriple ? "unterminated triple-quoted string literal (detected at line \(lastLine))"
                    : "unterminated string literal (detected at line \(line))"
                throw source.error(message, line: startLine, column: startColumn)
            }
            if byte == quote && (!isTriple || (peekByte(1) == quote && peekByte(2) == quote)) {
                bodyEnd = pos
                pos += quoteLength
                break
            }
            if byte == UInt8(ascii: "\n") {
                guard isTriple else {
                    throw source.error("unterminated string literal (detected at line \(line))", line: startLine,
                                       column: startColumn)
                }
                pos += 1
                line += 1
                lineStart = pos
                continue
            }
            if byte == UInt8(ascii: "\\"), let next = peekByte(1) {
                pos += 2
                if next == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = pos
                }
                continue
            }
            pos += 1
        }
        if prefix.contains("b") {
            // Scanned on as a str so that later syntax errors are still found first.
            noteUnsupported(source.error("bytes literals are not supported by gradstep", line: startLine,
                                         column: startColumn, unsupported: true))
        }
        let isRaw = prefix.contains("r")
        let isFormatted = prefix.contains("f")
        var value = ""
        var escapeError: String?
        if !isFormatted {
            if isRaw {
                value = String(decoding: bytes[bodyStart..<bodyEnd], as: UTF8.self)
            } else {
                var decoder = EscapeDecoder(bytes: bytes, start: bodyStart, end: bodyEnd)
                do {
                    value = try decoder.decodeAll()
                } catch let failure as EscapeDecoder.Failure {
                    escapeError = failure.message
                }
            }
        }
        let literal = StringLiteral(isFormatted: isFormatted, isRaw: isRaw, value: value, escapeError: escapeError,
                                    bodyStart: bodyStart, bodyEnd: bodyEnd, bodyLine: bodyLine, bodyColumn: bodyColumn)
        lineHasTokens = true
        append(.string(literal), line: startLine, column: startColumn, endLine: line, endColumn: column)
    }
}
