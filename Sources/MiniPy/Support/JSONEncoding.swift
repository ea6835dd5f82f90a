/// `json.dumps` output, byte for byte as CPython writes it.
public struct PythonJSONOptions: Sendable {
    /// `indent`: nil for one line, otherwise the text repeated per level (`indent=2` is two spaces).
    public var indent: String?
    /// `separators`: item and key separators; nil picks CPython's defaults for the indent.
    public var separators: (item: String, key: String)?
    /// `sort_keys`.
    public var sortKeys = false
    /// `ensure_ascii`: escape every non-ASCII character.
    public var ensureASCII = true
    /// `allow_nan`: write NaN and infinities instead of raising.
    public var allowNaN = true

    /// CPython's defaults.
    public init(indent: String? = nil, sortKeys: Bool = false) {
        self.indent = indent
        self.sortKeys = sortKeys
    }

    /// `indent=n` as the indent text (n spaces; a negative n means no spaces, as in CPython).
    public static func indentText(spaces: Int) -> String {
        String(repeating: " ", count: max(0, spaces))
    }
}

/// `json.dumps(value, ...)`.
public func pythonJSONEncode(_ value: JSONValue, options: PythonJSONOptions = PythonJSONOptions()) throws -> String {
    var out = ""
    let separators = options.separators ?? (options.indent == nil ? (", ", ": ") : (",", ": "))
    try encodeJSON(value, options: options, separators: separators, level: 0, into: &out)
    return out
}

private func encodeJSON(_ value: JSONValue, options: PythonJSONOptions, separators: (item: String, key: String),
                        level: Int, into out: inout String) throws {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let n): out += String(n)
    case .float(let x):
        if !x.isFinite && !options.allowNaN {
            throw SupportError.value("Out of range float values are not JSON compliant")
        }
        out += jsonFloatText(x)
    case .string(let s): out += jsonQuoted(s, ensureASCII: options.ensureASCII)
    case .array(let items):
        if items.isEmpty {
            out += "[]"
            return
        }
        out += "["
        let (open, between, close) = layout(options, separators, level: level)
        out += open
        for (i, item) in items.enumerated() {
            if i > 0 { out += between }
            try encodeJSON(item, options: options, separators: separators, level: level + 1, into: &out)
        }
        out += close + "]"
    case .object(var entries):
        if entries.isEmpty {
            out += "{}"
            return
        }
        if options.sortKeys { entries = try sortedEntries(entries) }
        out += "{"
        let (open, between, close) = layout(options, separators, level: level)
        out += open
        for (i, entry) in entries.enumerated() {
            if i > 0 { out += between }
            out += jsonQuoted(entry.key.text, ensureASCII: options.ensureASCII)
            out += separators.key
            try encodeJSON(entry.value, options: options, separators: separators, level: level + 1, into: &out)
        }
        out += close + "}"
    }
}

/// The text after the opening bracket, between items, and before the closing bracket.
private func layout(_ options: PythonJSONOptions, _ separators: (item: String, key: String),
                    level: Int) -> (String, String, String) {
    guard let indent = options.indent else { return ("", separators.item, "") }
    let inner = "\n" + String(repeating: indent, count: level + 1)
    return (inner, separators.item + inner, "\n" + String(repeating: indent, count: level))
}

/// `sorted(d.items())`: keys of one kind compare; mixing str with numbers is a TypeError.
private func sortedEntries(_ entries: [(key: JSONKey, value: JSONValue)]) throws -> [(key: JSONKey, value: JSONValue)] {
    func number(_ key: JSONKey) -> Double? {
        switch key {
        case .int(let n): return Double(n)
        case .float(let x): return x
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }
    var failure: SupportError?
    let sorted = entries.sorted { a, b in
        switch (a.key, b.key) {
        case let (.string(x), .string(y)):
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        case let (.int(x), .int(y)):
            return x < y
        default:
            if let x = number(a.key), let y = number(b.key) { return x < y }
            failure = failure ?? SupportError.type(
                "'<' not supported between instances of '\(b.key.typeName)' and '\(a.key.typeName)'")
            return false
        }
    }
    if let failure { throw failure }
    return sorted
}

/// A JSON string literal: CPython's `encode_basestring_ascii` or `encode_basestring`.
public func jsonQuoted(_ text: String, ensureASCII: Bool) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{8}": out += "\\b"
        case "\u{C}": out += "\\f"
        default:
            let value = scalar.value
            if value < 0x20 || (ensureASCII && value > 0x7E) {
                if value >= 0x10000 {
                    let offset = value - 0x10000
                    out += unicodeEscape(0xD800 + (offset >> 10)) + unicodeEscape(0xDC00 + (offset & 0x3FF))
                } else {
                    out += unicodeEscape(value)
                }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

private func unicodeEscape(_ value: UInt32) -> String {
    let hex = String(value, radix: 16)
    return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
}
