/// CPython's `repr(str)`: single quotes unless the text has a `'` and no `"`, with
/// backslash escapes for the quote, backslash, `\t \n \r` and non-printable characters.
public func pythonStringRepr(_ text: String) -> String {
    let quote: Unicode.Scalar = text.unicodeScalars.contains("'") && !text.unicodeScalars.contains("\"") ? "\"" : "'"
    var out = String.UnicodeScalarView()
    out.append(quote)
    for scalar in text.unicodeScalars {
        switch scalar {
        case quote, "\\":
            out.append("\\")
            out.append(scalar)
        case "\t": out.append(contentsOf: "\\t".unicodeScalars)
        case "\n": out.append(contentsOf: "\\n".unicodeScalars)
        case "\r": out.append(contentsOf: "\\r".unicodeScalars)
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out.append(contentsOf: hexEscape(scalar).unicodeScalars)
            } else if scalar.value < 0x7F || isPrintable(scalar) {
                out.append(scalar)
            } else {
                out.append(contentsOf: hexEscape(scalar).unicodeScalars)
            }
        }
    }
    out.append(quote)
    return String(out)
}

/// CPython's `ascii()` applied to a repr: every non-ASCII character becomes an escape.
public func pythonAsciiEscape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        if scalar.isASCII {
            out.unicodeScalars.append(scalar)
        } else {
            out += hexEscape(scalar)
        }
    }
    return out
}

/// `\xNN`, `\uNNNN` or `\UNNNNNNNN`, as CPython escapes a code point.
func hexEscape(_ scalar: Unicode.Scalar) -> String {
    let value = scalar.value
    let (prefix, width) = value < 0x100 ? ("\\x", 2) : value < 0x10000 ? ("\\u", 4) : ("\\U", 8)
    let hex = String(value, radix: 16)
    return prefix + String(repeating: "0", count: max(0, width - hex.count)) + hex
}

/// Python's `str.isprintable()` for one character: everything except control, format,
/// surrogate, private-use, unassigned and separator characters other than the space.
func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == " " { return true }
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned,
         .lineSeparator, .paragraphSeparator, .spaceSeparator:
        return false
    default:
        return true
    }
}
