/// The format-spec mini-language of `format(value, spec)`, f-strings and `str.format`:
/// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
public struct FormatSpec: Equatable, Sendable {
    /// The padding character.
    public var fill: Unicode.Scalar = " "
    /// `<`, `>`, `^` or `=`; nil means the type's default.
    public var align: Unicode.Scalar?
    /// `+`, `-` or ` `; nil means `-`.
    public var sign: Unicode.Scalar?
    /// The `z` flag: a negative zero after rounding prints without its sign.
    public var noNegativeZero = false
    /// The `#` flag.
    public var alternate = false
    /// Minimum field width.
    public var width: Int?
    /// `,` or `_`.
    public var grouping: Unicode.Scalar?
    /// Digits after the point (floats) or maximum length (strings).
    public var precision: Int?
    /// The presentation type, nil when the spec names none.
    public var type: Unicode.Scalar?
    /// Whether the width began with `0` (zero padding, `=` alignment for numbers).
    public var zeroPaddingRequested = false

    /// An empty spec.
    public init() {}
}

extension FormatSpec {
    /// Parses a spec as CPython does for an object whose type is named `typeName`,
    /// throwing CPython's `ValueError` for malformed specs.
    public static func parse(_ text: String, typeName: String) throws -> FormatSpec {
        let chars = Array(text.unicodeScalars)
        var spec = FormatSpec()
        var pos = 0
        var fillSpecified = false
        func isAlign(_ c: Unicode.Scalar) -> Bool { c == "<" || c == ">" || c == "=" || c == "^" }

        if chars.count >= 2, isAlign(chars[1]) {
            spec.fill = chars[0]
            spec.align = chars[1]
            fillSpecified = true
            pos = 2
        } else if chars.count >= 1, isAlign(chars[0]) {
            spec.align = chars[0]
            pos = 1
        }
        if pos < chars.count, chars[pos] == "+" || chars[pos] == "-" || chars[pos] == " " {
            spec.sign = chars[pos]
            pos += 1
        }
        if pos < chars.count, chars[pos] == "z" {
            spec.noNegativeZero = true
            pos += 1
        }
        if pos < chars.count, chars[pos] == "#" {
            spec.alternate = true
            pos += 1
        }
        // A leading '0' means zero padding, unless a fill character was given.
        var zeroPadding = false
        if !fillSpecified, pos < chars.count, chars[pos] == "0" {
            zeroPadding = true
            spec.fill = "0"
            pos += 1
        }
        let (width, afterWidth) = try parseInteger(chars, from: pos)
        if zeroPadding || width != nil {
            // CPython counts the zero-padding '0' as part of the width digits.
            spec.width = width ?? 0
        }
        pos = afterWidth
        if pos < chars.count, chars[pos] == "," {
            spec.grouping = ","
            pos += 1
        }
        if pos < chars.count, chars[pos] == "_" {
            if spec.grouping != nil { throw SupportError.value("Cannot specify both ',' and '_'.") }
            spec.grouping = "_"
            pos += 1
        }
        if pos < chars.count, chars[pos] == ",", spec.grouping == "_" {
            throw SupportError.value("Cannot specify both ',' and '_'.")
        }
        if pos < chars.count, chars[pos] == "." {
            pos += 1
            let (precision, afterPrecision) = try parseInteger(chars, from: pos)
            guard let precision else { throw SupportError.value("Format specifier missing precision") }
            spec.precision = precision
            pos = afterPrecision
        }
        if chars.count - pos > 1 {
            throw SupportError.value("Invalid format specifier '\(text)' for object of type '\(typeName)'")
        }
        if pos < chars.count {
            spec.type = chars[pos]
        }
        spec.zeroPaddingRequested = zeroPadding
        return spec
    }

    /// Digits starting at `start`: the value (nil when there are none) and the index after them.
    private static func parseInteger(_ chars: [Unicode.Scalar], from start: Int) throws -> (Int?, Int) {
        var pos = start
        var value = 0
        while pos < chars.count, let digit = chars[pos].properties.numericType == .decimal
                ? chars[pos].properties.numericValue : nil {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(digit))
            // CPython stores widths in a C int-sized field in practice; larger ones cannot be laid out.
            if overflow1 || overflow2 || sum > Int(Int32.max) {
                throw SupportError.value("Too many decimal digits in format string")
            }
            value = sum
            pos += 1
        }
        return (pos == start ? nil : value, pos)
    }

    /// CPython's error for a presentation type the object's type does not support.
    static func unknownCode(_ code: Unicode.Scalar, typeName: String) -> SupportError {
        let shown = code.value > 32 && code.value < 128
            ? String(Character(code)) : "\\x" + String(code.value, radix: 16)
        return SupportError.value("Unknown format code '\(shown)' for object of type '\(typeName)'")
    }

    /// Checks that the grouping option suits the presentation type and returns the group size.
    func groupSize(effectiveType: Unicode.Scalar) throws -> Int {
        guard let grouping else { return 0 }
        switch effectiveType {
        case "d", "e", "f", "g", "E", "G", "%", "F", "\0":
            return 3
        case "b", "o", "x", "X":
            // Underscores (every four digits) are the only grouping for these bases.
            if grouping == "_" { return 4 }
            fallthrough
        default:
            throw SupportError.value("Cannot specify '\(Character(grouping))' with '\(Character(effectiveType))'.")
        }
    }
}
