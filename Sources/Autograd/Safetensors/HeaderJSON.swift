/// A JSON value as a safetensors header needs it. Objects keep their members in file order
/// (so repeated keys can be reported) and integers stay exact instead of passing through
/// `Double`, which would silently round offsets above 2^53.
enum HeaderJSON {
    case object([(key: String, value: HeaderJSON)])
    case array([HeaderJSON])
    case string(String)
    /// A number written without fraction or exponent that fits in `Int`.
    case integer(Int)
    /// Any other number, kept as written for error messages.
    case otherNumber(String)
    case bool(Bool)
    case null

    /// A short name of the value's kind, for messages such as "expected a string, found an array".
    var kindDescription: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .integer, .otherNumber: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}

/// Parses JSON text held as UTF-8 bytes (RFC 8259), allowing surrounding whitespace.
///
/// Written by hand rather than with `JSONSerialization` so that integers stay exact, repeated
/// keys stay visible, nesting depth is bounded (deep input must not exhaust the stack) and
/// every failure names the byte where it happened.
struct HeaderJSONParser {
    /// Deeper nesting than this is refused; a valid header nests three levels.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var position = 0

    /// Parses `bytes` as exactly one JSON value.
    static func parse(_ bytes: [UInt8]) throws(HeaderJSONError) -> HeaderJSON {
        var parser = HeaderJSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < bytes.count {
            throw parser.failure("unexpected text after the end of the JSON value")
        }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func failure(_ reason: String) -> HeaderJSONError {
        HeaderJSONError(reason: reason, offset: position)
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            position += 1
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(HeaderJSONError) {
        guard current == byte else { throw failure("expected \(what)") }
        position += 1
    }

    private mutating func parseValue(depth: Int) throws(HeaderJSONError) -> HeaderJSON {
        guard let byte = current else { throw failure("unexpected end of JSON text") }
        switch byte {
        case UInt8(ascii: "{"):
            return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case UInt8(ascii: "t"):
            try parseLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try parseLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try parseLiteral("null")
            return .null
        default:
            throw failure("expected a JSON value")
        }
    }

    private mutating func parseLiteral(_ word: String) throws(HeaderJSONError) {
        for expected in word.utf8 {
            guard current == expected else { throw failure("expected a JSON value") }
            position += 1
        }
    }

    private mutating func parseObject(depth: Int) throws(HeaderJSONError) -> HeaderJSON {
        guard depth <= Self.maximumDepth else { throw failure("JSON nested too deeply") }
        position += 1  // "{"
        var members: [(key: String, value: HeaderJSON)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw failure("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after an object key")
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append((key: key, value: value))
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                position += 1
                continue
            }
            try expect(UInt8(ascii: "}"), "',' or '}' in an object")
            return .object(members)
        }
    }

    private mutating func parseArray(depth: Int) throws(HeaderJSONError) -> HeaderJSON {
        guard depth <= Self.maximumDepth else { throw failure("JSON nested too deeply") }
        position += 1  // "["
        var elements: [HeaderJSON] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                position += 1
                continue
            }
            try expect(UInt8(ascii: "]"), "',' or ']' in an array")
            return .array(elements)
        }
    }

    private mutating func parseNumber() throws(HeaderJSONError) -> HeaderJSON {
        let start = position
        var isInteger = true
        if current == UInt8(ascii: "-") { position += 1 }
        // JSON forbids leading zeros such as `01`.
        if current == UInt8(ascii: "0") {
            position += 1
        } else if consumeDigits() == 0 {
            throw failure("expected a digit")
        }
        if current == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            if consumeDigits() == 0 { throw failure("expected a digit after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            if consumeDigits() == 0 { throw failure("expected a digit in the exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isInteger, let value = Int(text) {
            return .integer(value)
        }
        return .otherNumber(text)
    }

    private mutating func consumeDigits() -> Int {
        var count = 0
        while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            position += 1
            count += 1
        }
        return count
    }

    private mutating func parseString() throws(HeaderJSONError) -> String {
        position += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var runStart = position
        while true {
            guard let byte = current else { throw failure("unterminated string") }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                // Plain UTF-8 runs are copied whole; the caller has already validated UTF-8.
                scalars.append(contentsOf: String(decoding: bytes[runStart..<position], as: UTF8.self).unicodeScalars)
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    return String(scalars)
                }
                position += 1
                scalars.append(try parseEscape())
                runStart = position
            } else if byte < 0x20 {
                throw failure("control character in a string must be escaped")
            } else {
                position += 1
            }
        }
    }

    private mutating func parseEscape() throws(HeaderJSONError) -> Unicode.Scalar {
        guard let byte = current else { throw failure("unterminated string") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let first = try parseHexQuad()
            if (0xD800...0xDBFF).contains(first) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard current == UInt8(ascii: "\\"), position + 1 < bytes.count,
                      bytes[position + 1] == UInt8(ascii: "u") else {
                    throw failure("unpaired surrogate in \\u escape")
                }
                position += 2
                let second = try parseHexQuad()
                guard (0xDC00...0xDFFF).contains(second) else {
                    throw failure("unpaired surrogate in \\u escape")
                }
                let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                guard let scalar = Unicode.Scalar(combined) else {
                    throw failure("invalid \\u escape")
                }
                return scalar
            }
            guard let scalar = Unicode.Scalar(first) else {
                throw failure("unpaired surrogate in \\u escape")
            }
            return scalar
        default:
            position -= 1
            throw failure("invalid escape sequence")
        }
    }

    private mutating func parseHexQuad() throws(HeaderJSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw failure("unterminated \\u escape") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("expected four hex digits after \\u")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}

/// Why JSON text did not parse, and the byte offset (from the start of the text) where.
struct HeaderJSONError: Error, Equatable {
    /// What was wrong, e.g. "expected ',' or '}' in an object".
    var reason: String
    /// Zero-based byte offset into the JSON text.
    var offset: Int
}
