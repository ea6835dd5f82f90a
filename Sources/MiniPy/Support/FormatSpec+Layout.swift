/// Padding, alignment, signs and digit grouping shared by every number type.
extension FormatSpec {
    /// The pieces of a formatted number before padding.
    struct NumberParts {
        /// `-`, `+`, ` ` or empty.
        var sign: String
        /// `0x`, `0b`, `0o` (or their upper-case forms) or empty.
        var prefix: String
        /// The integer digits that grouping and zero padding apply to.
        var integerDigits: String
        /// Everything after the integer digits: fraction, exponent, `%`, or a whole `inf`/`nan`.
        var rest: String
    }

    /// The sign text for a number under this spec's sign option.
    func signText(negative: Bool) -> String {
        if negative { return "-" }
        switch sign {
        case "+": return "+"
        case " ": return " "
        default: return ""
        }
    }

    /// The alignment in force for an object whose default is `defaultAlign`.
    func effectiveAlign(defaultAlign: Unicode.Scalar) -> Unicode.Scalar {
        if let align { return align }
        // A leading '0' turns on '=' alignment only for types that right-align by default.
        if zeroPaddingRequested && defaultAlign == ">" { return "=" }
        return defaultAlign
    }

    /// Lays out a number: grouping (with zero padding folded into it, as CPython does
    /// for `0=` alignment), then the fill and alignment.
    func layoutNumber(_ parts: NumberParts, groupSize: Int) -> String {
        let align = effectiveAlign(defaultAlign: ">")
        let targetWidth = width ?? 0
        let separator: Character = grouping == "_" ? "_" : ","
        var digits = parts.integerDigits
        if groupSize > 0 || (fill == "0" && align == "=") {
            var minWidth = 0
            if fill == "0" && align == "=" {
                minWidth = targetWidth - parts.sign.count - parts.prefix.count - parts.rest.unicodeScalars.count
            }
            digits = Self.group(Array(parts.integerDigits), size: groupSize, separator: separator,
                                minWidth: minWidth)
        }
        let body = parts.sign + parts.prefix + digits + parts.rest
        let padding = targetWidth - body.unicodeScalars.count
        guard padding > 0 else { return body }
        let fillText = String(repeating: String(Character(fill)), count: padding)
        switch align {
        case "<":
            return body + fillText
        case "^":
            let left = padding / 2
            return String(repeating: String(Character(fill)), count: left) + body
                + String(repeating: String(Character(fill)), count: padding - left)
        case "=":
            return parts.sign + parts.prefix + fillText + digits + parts.rest
        default:
            return fillText + body
        }
    }

    /// Pads text (already truncated) for a string-like value with default left alignment.
    func pad(_ text: String, defaultAlign: Unicode.Scalar) -> String {
        let align = effectiveAlign(defaultAlign: defaultAlign)
        let padding = (width ?? 0) - text.unicodeScalars.count
        guard padding > 0 else { return text }
        let fillString = String(Character(fill))
        switch align {
        case ">":
            return String(repeating: fillString, count: padding) + text
        case "^":
            let left = padding / 2
            return String(repeating: fillString, count: left) + text
                + String(repeating: fillString, count: padding - left)
        default:
            return text + String(repeating: fillString, count: padding)
        }
    }

    /// Inserts separators every `size` digits from the right, padding with zeros to reach
    /// `minWidth` characters (separators included) the way CPython's grouping does.
    static func group(_ digits: [Character], size: Int, separator: Character, minWidth: Int) -> String {
        // Without grouping, zero padding is plain leading zeros.
        if size == 0 {
            let zeros = max(0, minWidth - digits.count)
            return String(repeating: "0", count: zeros) + String(digits)
        }
        var groups: [String] = []
        var remaining = digits.count
        var minimum = minWidth
        while true {
            let length = min(size, max(remaining, minimum, 1))
            let zeros = max(0, length - remaining)
            let taken = max(0, min(remaining, length))
            let chunk = digits[(remaining - taken)..<remaining]
            groups.append(String(repeating: "0", count: zeros) + String(chunk))
            remaining -= taken
            minimum -= length
            if remaining <= 0 && minimum <= 0 { break }
            minimum -= 1
        }
        return groups.reversed().joined(separator: String(separator))
    }
}
