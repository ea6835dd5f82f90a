// Backslash escapes in string literals, decoded as CPython's unicode-escape codec does,
// with its error wording (positions count bytes of the literal's body).

/// Decodes the escapes in a byte range of a string literal body.
struct EscapeDecoder {
    /// A malformed escape, worded as CPython's `(unicode error)` SyntaxError.
    struct Failure: Error {
        var message: String
    }

    let bytes: [UInt8]
    let start: Int
    let end: Int
    var pos: Int
    var output: [UInt8] = []

    init(bytes: [UInt8], start: Int, end: Int) {
        self.bytes = bytes
        self.start = start
        self.end = end
        self.pos = start
    }

    /// Decodes the whole range.
    mutating func decodeAll() throws -> String {
        while pos < end {
            if bytes[pos] == UInt8(ascii: "\\") {
                try decodeEscape()
            } else {
                output.append(bytes[pos])
                pos += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    mutating func appendScalar(_ value: UInt32) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        output.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    func failure(from escapeStart: Int, to last: Int, _ reason: String) -> Failure {
        Failure(message: "(unicode error) 'unicodeescape' codec can't decode bytes in position "
                + "\(escapeStart - start)-\(min(last, end - 1) - start): \(reason)")
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// The one-character escapes and the byte each stands for.
    static let simple: [UInt8: UInt8] = [
        UInt8(ascii: "\\"): UInt8(ascii: "\\"), UInt8(ascii: "'"): UInt8(ascii: "'"), UInt8(ascii: "\""): UInt8(ascii: "\""),
        UInt8(ascii: "a"): 7, UInt8(ascii: "b"): 8, UInt8(ascii: "f"): 12, UInt8(ascii: "n"): 10,
        UInt8(ascii: "r"): 13, UInt8(ascii: "t"): 9, UInt8(ascii: "v"): 11,
    ]

    /// Decodes the escape whose backslash is at `pos`.
    mutating func decodeEscape() throws {
        let escapeStart = pos
        guard pos + 1 < end else {
            throw Failure(message: "(unicode error) 'unicodeescape' codec can't decode byte 0x5c in position "
                          + "\(escapeStart - start): \\ at end of string")
        }
        let code = bytes[pos + 1]
        pos += 2
        if code == UInt8(ascii: "\n") {
            return
        }
        if let byte = EscapeDecoder.simple[code] {
            output.append(byte)
            return
        }
        switch code {
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var value = UInt32(code - UInt8(ascii: "0"))
            var count = 1
            while count < 3, pos < end, bytes[pos] >= UInt8(ascii: "0"), bytes[pos] <= UInt8(ascii: "7") {
                value = value * 8 + UInt32(bytes[pos] - UInt8(ascii: "0"))
                pos += 1
                count += 1
            }
            appendScalar(value)
        case UInt8(ascii: "x"):
            try decodeHex(count: 2, escapeStart: escapeStart, reason: "truncated \\xXX escape")
        case UInt8(ascii: "u"):
            try decodeHex(count: 4, escapeStart: escapeStart, reason: "truncated \\uXXXX escape")
        case UInt8(ascii: "U"):
            try decodeHex(count: 8, escapeStart: escapeStart, reason: "truncated \\UXXXXXXXX escape")
        case UInt8(ascii: "N"):
            try decodeNamed(escapeStart: escapeStart)
        default:
            // Unknown escapes keep the backslash (CPython only warns).
            output.append(UInt8(ascii: "\\"))
            pos -= 1
        }
    }

    mutating func decodeHex(count: Int, escapeStart: Int, reason: String) throws {
        var value: UInt32 = 0
        for index in 0..<count {
            guard pos < end, let digit = EscapeDecoder.hexValue(bytes[pos]) else {
                throw failure(from: escapeStart, to: escapeStart + 1 + index, reason)
            }
            value = value * 16 + digit
            pos += 1
        }
        guard value <= 0x10FFFF else {
            throw failure(from: escapeStart, to: pos - 1, "illegal Unicode character")
        }
        appendScalar(value)
    }

    /// `\N{NAME}`: looks the name up among the scalars' Unicode names.
    mutating func decodeNamed(escapeStart: Int) throws {
        guard pos < end, bytes[pos] == UInt8(ascii: "{") else {
            throw failure(from: escapeStart, to: pos - 1, "malformed \\N character escape")
        }
        var close = pos + 1
        while close < end, bytes[close] != UInt8(ascii: "}") { close += 1 }
        guard close < end, close > pos + 1 else {
            throw failure(from: escapeStart, to: close, "malformed \\N character escape")
        }
        let name = String(decoding: bytes[pos + 1..<close], as: UTF8.self).uppercased()
        guard let value = EscapeDecoder.scalar(named: name) else {
            throw failure(from: escapeStart, to: close, "unknown Unicode character name")
        }
        appendScalar(value)
        pos = close + 1
    }

    /// Searches the planes where named characters live; only reached for `\N{...}` escapes.
    static func scalar(named name: String) -> UInt32? {
        for value in UInt32(0x20)...UInt32(0x3FFFF) {
            if let scalar = Unicode.Scalar(value), scalar.properties.name == name {
                return value
            }
        }
        return nil
    }
}
