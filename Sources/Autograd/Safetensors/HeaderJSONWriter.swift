/// Writes header JSON the way the reference safetensors writer (serde_json's compact form)
/// does, so that our files match its files byte for byte: no spaces, `"` and `\` escaped,
/// control characters as `\b \t \n \f \r` or lowercase `\u00xx`, everything else (including
/// `/`, DEL and non-ASCII) written as raw UTF-8.
struct HeaderJSONWriter {
    /// The text written so far, as UTF-8 bytes.
    private(set) var bytes: [UInt8] = []

    /// Appends punctuation or other text that needs no escaping.
    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends a decimal integer.
    mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Appends `values` as a JSON array of integers, e.g. `[2,3]`.
    mutating func integerArray(_ values: [Int]) {
        raw("[")
        for (index, value) in values.enumerated() {
            if index > 0 { raw(",") }
            integer(value)
        }
        raw("]")
    }

    /// Appends `text` as a quoted, escaped JSON string.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x08: raw("\\b")
            case 0x09: raw("\\t")
            case 0x0A: raw("\\n")
            case 0x0C: raw("\\f")
            case 0x0D: raw("\\r")
            case 0x00..<0x20:
                raw("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
