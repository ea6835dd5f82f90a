/// `json.loads` with CPython's grammar (NaN and Infinity allowed, strict control characters)
/// and its error messages and positions.
public func pythonJSONDecode(_ text: String) throws -> JSONValue {
    var decoder = PythonJSONDecoder(Array(text.unicodeScalars))
    return try decoder.decodeDocument()
}

/// A recursive-descent reader over the document's code points.
struct PythonJSONDecoder {
    let chars: [Unicode.Scalar]

    init(_ chars: [Unicode.Scalar]) {
        self.chars = chars
    }

    /// Thrown where CPython's scanner raises StopIteration: reported as "Expecting value".
    struct NoValue: Error {
        let position: Int
    }

    func failure(_ message: String, _ position: Int) -> JSONDecodeFailure {
        var line = 1
        var lastNewline = -1
        for i in 0..<min(position, chars.count) where chars[i] == "\n" {
            line += 1
            lastNewline = i
        }
        return JSONDecodeFailure(message: message, position: position, line: line, column: position - lastNewline)
    }

    func skipWhitespace(_ index: Int) -> Int {
        var i = index
        while i < chars.count, chars[i] == " " || chars[i] == "\t" || chars[i] == "\n" || chars[i] == "\r" {
            i += 1
        }
        return i
    }

    mutating func decodeDocument() throws -> JSONValue {
        let start = skipWhitespace(0)
        do {
            let (value, end) = try scan(start, depth: 0)
            let after = skipWhitespace(end)
            if after != chars.count { throw failure("Extra data", after) }
            return value
        } catch let stop as NoValue {
            throw failure("Expecting value", stop.position)
        }
    }

    func matches(_ word: String, at index: Int) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard index + scalars.count <= chars.count else { return false }
        return Array(chars[index..<(index + scalars.count)]) == scalars
    }

    /// One JSON term starting exactly at `index`: the value and the index after it.
    func scan(_ index: Int, depth: Int) throws -> (JSONValue, Int) {
        guard index < chars.count else { throw NoValue(position: index) }
        if depth > 900 {
            throw NamedPythonError("RecursionError", "maximum recursion depth exceeded while decoding a JSON object from a unicode string")
        }
        switch chars[index] {
        case "\"":
            let (string, end) = try scanString(index + 1)
            return (.string(string), end)
        case "{":
            return try scanObject(index + 1, depth: depth)
        case "[":
            return try scanArray(index + 1, depth: depth)
        case "n" where matches("null", at: index):
            return (.null, index + 4)
        case "t" where matches("true", at: index):
            return (.bool(true), index + 4)
        case "f" where matches("false", at: index):
            return (.bool(false), index + 5)
        case "N" where matches("NaN", at: index):
            return (.float(.nan), index + 3)
        case "I" where matches("Infinity", at: index):
            return (.float(.infinity), index + 8)
        case "-" where matches("-Infinity", at: index):
            return (.float(-.infinity), index + 9)
        default:
            return try scanNumber(index)
        }
    }

    func isDigit(_ i: Int) -> Bool { i < chars.count && chars[i].value >= 48 && chars[i].value <= 57 }

    func scanNumber(_ start: Int) throws -> (JSONValue, Int) {
        var i = start
        if i < chars.count, chars[i] == "-" { i += 1 }
        if i < chars.count, chars[i] == "0" {
            i += 1
        } else if isDigit(i), chars[i] != "0" {
            while isDigit(i) { i += 1 }
        } else {
            throw NoValue(position: start)
        }
        var isFloat = false
        if i < chars.count, chars[i] == ".", isDigit(i + 1) {
            isFloat = true
            i += 2
            while isDigit(i) { i += 1 }
        }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
            var j = i + 1
            if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
            if isDigit(j) {
                isFloat = true
                while isDigit(j) { j += 1 }
                i = j
            }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: chars[start..<i])
        if !isFloat, let n = Int(text) { return (.int(n), i) }
        if !isFloat {
            throw SupportError.overflow("int too large to convert to a 64-bit integer")
        }
        return (.float(Double(text) ?? .nan), i)
    }

    func hexValue(_ start: Int) -> UInt32? {
        var value: UInt32 = 0
        for i in start..<(start + 4) {
            guard let digit = chars[i].properties.isASCIIHexDigit ? UInt32(String(Character(chars[i])), radix: 16) : nil
            else { return nil }
            value = value * 16 + digit
        }
        return value
    }

    /// A string body starting after its opening quote.
    func scanString(_ begin: Int) throws -> (String, Int) {
        var out = String.UnicodeScalarView()
        var i = begin
        while true {
            guard i < chars.count else { throw failure("Unterminated string starting at", begin - 1) }
            let c = chars[i]
            if c == "\"" { return (String(out), i + 1) }
            if c.value < 0x20 { throw failure("Invalid control character at", i) }
            if c != "\\" {
                out.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < chars.count else { throw failure("Unterminated string starting at", begin - 1) }
            let escape = chars[i]
            if escape != "u" {
                let decoded: Unicode.Scalar
                switch escape {
                case "\"": decoded = "\""
                case "\\": decoded = "\\"
                case "/": decoded = "/"
                case "b": decoded = "\u{8}"
                case "f": decoded = "\u{C}"
                case "n": decoded = "\n"
                case "r": decoded = "\r"
                case "t": decoded = "\t"
                default: throw failure("Invalid \\escape", i - 1)
                }
                out.append(decoded)
                i += 1
                continue
            }
            let uIndex = i
            guard uIndex + 5 < chars.count, var code = hexValue(uIndex + 1) else {
                throw failure("Invalid \\uXXXX escape", uIndex)
            }
            i = uIndex + 5
            // A high surrogate followed by an escaped low surrogate is one character.
            if code >= 0xD800, code <= 0xDBFF, i + 6 < chars.count, chars[i] == "\\", chars[i + 1] == "u" {
                guard let low = hexValue(i + 2) else { throw failure("Invalid \\uXXXX escape", i + 1) }
                if low >= 0xDC00, low <= 0xDFFF {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
            }
            // Lone surrogates cannot live in a Swift string; U+FFFD stands in for them.
            out.append(Unicode.Scalar(code) ?? "\u{FFFD}")
        }
    }

    func scanObject(_ start: Int, depth: Int) throws -> (JSONValue, Int) {
        var entries: [(key: JSONKey, value: JSONValue)] = []
        var i = skipWhitespace(start)
        if i < chars.count, chars[i] == "}" { return (.object([]), i + 1) }
        while true {
            guard i < chars.count, chars[i] == "\"" else {
                throw failure("Expecting property name enclosed in double quotes", i)
            }
            let (key, afterKey) = try scanString(i + 1)
            i = skipWhitespace(afterKey)
            guard i < chars.count, chars[i] == ":" else { throw failure("Expecting ':' delimiter", i) }
            i = skipWhitespace(i + 1)
            let (value, afterValue) = try scan(i, depth: depth + 1)
            // A repeated key keeps its first position and takes the last value, as a dict does.
            if let existing = entries.firstIndex(where: { $0.key == .string(key) }) {
                entries[existing].value = value
            } else {
                entries.append((.string(key), value))
            }
            i = skipWhitespace(afterValue)
            if i < chars.count, chars[i] == "}" { return (.object(entries), i + 1) }
            guard i < chars.count, chars[i] == "," else { throw failure("Expecting ',' delimiter", i) }
            i = skipWhitespace(i + 1)
        }
    }

    func scanArray(_ start: Int, depth: Int) throws -> (JSONValue, Int) {
        var items: [JSONValue] = []
        var i = skipWhitespace(start)
        if i < chars.count, chars[i] == "]" { return (.array([]), i + 1) }
        while true {
            let (value, afterValue) = try scan(i, depth: depth + 1)
            items.append(value)
            i = skipWhitespace(afterValue)
            if i < chars.count, chars[i] == "]" { return (.array(items), i + 1) }
            guard i < chars.count, chars[i] == "," else { throw failure("Expecting ',' delimiter", i) }
            i = skipWhitespace(i + 1)
        }
    }
}
