/// CPython's `repr(float)`: the shortest digit string that reads back as the same double.
///
/// Swift's `Double.description` already produces the shortest round-trip digits (the same
/// digits as CPython's dtoa in mode 0); only the layout differs, so the digits are taken
/// from it and laid out with CPython's rules.

/// The decimal digits of a finite double and where the decimal point goes.
///
/// The value is `0.d1d2d3... × 10^decimalPoint`, with `digits` holding ASCII digits without
/// leading or trailing zeros (a zero value has the single digit "0" and decimal point 1).
struct DecimalDigits: Equatable {
    /// ASCII digits, most significant first.
    var digits: [UInt8]
    /// Position of the decimal point relative to the first digit.
    var decimalPoint: Int
    /// Whether the value is negative (including -0.0).
    var isNegative: Bool
}

extension DecimalDigits {
    /// The shortest round-trip digits of a finite double.
    static func shortest(_ x: Double) -> DecimalDigits {
        let text = Array(x.magnitude.description.utf8)
        var mantissa: [UInt8] = []
        var pointIndex: Int?
        var exponent = 0
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = parseExponent(text[(index + 1)...])
                break
            }
            if byte == UInt8(ascii: ".") {
                pointIndex = mantissa.count
            } else {
                mantissa.append(byte)
            }
            index += 1
        }
        var point = (pointIndex ?? mantissa.count) + exponent
        // Drop leading zeros, moving the decimal point with them.
        var start = 0
        while start < mantissa.count - 1, mantissa[start] == UInt8(ascii: "0") {
            start += 1
            point -= 1
        }
        var end = mantissa.count
        while end > start + 1, mantissa[end - 1] == UInt8(ascii: "0") {
            end -= 1
        }
        var digits = Array(mantissa[start..<end])
        if digits == [UInt8(ascii: "0")] || digits.isEmpty {
            digits = [UInt8(ascii: "0")]
            point = 1
        }
        return DecimalDigits(digits: digits, decimalPoint: point, isNegative: x.sign == .minus)
    }

    private static func parseExponent(_ bytes: ArraySlice<UInt8>) -> Int {
        var negative = false
        var value = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value * 10 + Int(byte - UInt8(ascii: "0"))
            default: break
            }
        }
        return negative ? -value : value
    }
}

/// Text for a non-finite double as CPython spells it (`inf`, `-inf`, `nan`), or nil.
func pythonNonFiniteText(_ x: Double, uppercase: Bool = false) -> String? {
    if x.isNaN { return uppercase ? "NAN" : "nan" }
    if x.isInfinite {
        let word = uppercase ? "INF" : "inf"
        return x < 0 ? "-" + word : word
    }
    return nil
}

/// Lays out significant digits in scientific notation: `d.ddde+XX` (at least two exponent digits).
func scientificLayout(_ digits: [UInt8], exponent: Int, minFractionDigits: Int = 0,
                      keepPoint: Bool = false, exponentLetter: Character = "e") -> String {
    var out = String(UnicodeScalar(digits.first ?? UInt8(ascii: "0")))
    var fraction = digits.dropFirst().map { Character(UnicodeScalar($0)) }
    while fraction.count < minFractionDigits { fraction.append("0") }
    if !fraction.isEmpty || keepPoint {
        out += "."
        out += String(fraction)
    }
    out.append(exponentLetter)
    out += exponent < 0 ? "-" : "+"
    let magnitude = String(exponent.magnitude)
    if magnitude.count < 2 { out += "0" }
    out += magnitude
    return out
}

/// Lays out significant digits in positional notation with the decimal point after
/// `decimalPoint` digits, padding with zeros and keeping at least `minFractionDigits`.
func positionalLayout(_ digits: [UInt8], decimalPoint: Int, minFractionDigits: Int,
                      keepPoint: Bool = true) -> String {
    var integerPart: [UInt8] = []
    var fractionPart: [UInt8] = []
    let zero = UInt8(ascii: "0")
    if decimalPoint <= 0 {
        integerPart = [zero]
        fractionPart = Array(repeating: zero, count: -decimalPoint) + digits
    } else if decimalPoint >= digits.count {
        integerPart = digits + Array(repeating: zero, count: decimalPoint - digits.count)
    } else {
        integerPart = Array(digits[..<decimalPoint])
        fractionPart = Array(digits[decimalPoint...])
    }
    while fractionPart.count < minFractionDigits { fractionPart.append(zero) }
    var out = String(decoding: integerPart, as: UTF8.self)
    if !fractionPart.isEmpty || keepPoint {
        out += "."
        out += String(decoding: fractionPart, as: UTF8.self)
    }
    return out
}

/// CPython's `repr(x)` (and `str(x)`) for a float: `0.1`, `100.0`, `1e-05`, `1e+16`, `-0.0`, `inf`, `nan`.
public func pythonFloatRepr(_ x: Double) -> String {
    if let special = pythonNonFiniteText(x) { return special }
    let decimal = DecimalDigits.shortest(x)
    let sign = decimal.isNegative ? "-" : ""
    let exponent = decimal.decimalPoint - 1
    // CPython's 'r' mode switches to scientific notation outside 1e-4 <= |x| < 1e16.
    if exponent < -4 || exponent >= 16 {
        return sign + scientificLayout(decimal.digits, exponent: exponent)
    }
    return sign + positionalLayout(decimal.digits, decimalPoint: decimal.decimalPoint, minFractionDigits: 1)
}
