/// `format(value, spec)` for ints, floats and strings, as CPython's `__format__` methods.
extension FormatSpec {
    /// `format(n, spec)` for an int (`d b o x X c n`, float types through `float(n)`).
    public static func format(_ value: Int, spec text: String) throws -> String {
        let spec = try parse(text, typeName: "int")
        let type = spec.type ?? "d"
        let groupSize = try spec.groupSize(effectiveType: type)
        switch type {
        case "e", "E", "f", "F", "g", "G", "%":
            return try spec.formatFloat(Double(value), typeName: "int")
        case "d", "n", "b", "o", "x", "X", "c":
            break
        default:
            throw unknownCode(type, typeName: "int")
        }
        if spec.precision != nil {
            throw SupportError.value("Precision not allowed in integer format specifier")
        }
        if spec.noNegativeZero {
            throw SupportError.value("Negative zero coercion (z) not allowed in integer format specifier")
        }
        if type == "c" {
            if spec.sign != nil {
                throw SupportError.value("Sign not allowed with integer format specifier 'c'")
            }
            if spec.alternate {
                throw SupportError.value("Alternate form (#) not allowed with integer format specifier 'c'")
            }
            guard value >= 0, value < 0x110000, let scalar = Unicode.Scalar(UInt32(value)) else {
                if value >= 0xD800 && value < 0xE000 {
                    // Lone surrogates exist in Python strings but not in Swift's.
                    throw SupportError.value("surrogate code point \(value) cannot be formatted")
                }
                throw SupportError.overflow("%c arg not in range(0x110000)")
            }
            return spec.layoutNumber(NumberParts(sign: "", prefix: "", integerDigits: "",
                                                 rest: String(Character(scalar))), groupSize: 0)
        }
        let radix: Int
        var prefix = ""
        switch type {
        case "b": radix = 2; prefix = "0b"
        case "o": radix = 8; prefix = "0o"
        case "x": radix = 16; prefix = "0x"
        case "X": radix = 16; prefix = "0X"
        default: radix = 10
        }
        let digits = String(value.magnitude, radix: radix, uppercase: type == "X")
        let parts = NumberParts(sign: spec.signText(negative: value < 0),
                                prefix: spec.alternate ? prefix : "",
                                integerDigits: digits, rest: "")
        return spec.layoutNumber(parts, groupSize: groupSize)
    }

    /// `format(x, spec)` for a float (`e E f F g G n %` and no type).
    public static func format(_ value: Double, spec text: String) throws -> String {
        let spec = try parse(text, typeName: "float")
        return try spec.formatFloat(value, typeName: "float")
    }

    /// `format(s, spec)` for a str (`s` and no type; precision truncates).
    public static func format(_ value: String, spec text: String) throws -> String {
        let spec = try parse(text, typeName: "str")
        let type = spec.type ?? "s"
        _ = try spec.groupSize(effectiveType: type)
        guard type == "s" else { throw unknownCode(type, typeName: "str") }
        if spec.sign == " " { throw SupportError.value("Space not allowed in string format specifier") }
        if spec.sign != nil { throw SupportError.value("Sign not allowed in string format specifier") }
        if spec.noNegativeZero {
            throw SupportError.value("Negative zero coercion (z) not allowed in string format specifier")
        }
        if spec.alternate {
            throw SupportError.value("Alternate form (#) not allowed in string format specifier")
        }
        if spec.align == "=" {
            throw SupportError.value("'=' alignment not allowed in string format specifier")
        }
        var text = value
        if let precision = spec.precision, precision < value.unicodeScalars.count {
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: value.unicodeScalars.prefix(precision))
            text = String(scalars)
        }
        return spec.pad(text, defaultAlign: "<")
    }

    /// The float formatting shared by floats and ints formatted with a float type.
    func formatFloat(_ value: Double, typeName: String) throws -> String {
        // CPython uses NUL as its "no type" marker, so a NUL type behaves as none.
        let givenType = self.type == "\0" ? nil : self.type
        var type = givenType ?? "\0"
        let groupSize = try self.groupSize(effectiveType: type)
        switch type {
        case "e", "E", "f", "F", "g", "G", "%", "n", "\0":
            break
        default:
            throw Self.unknownCode(type, typeName: typeName)
        }
        var x = value
        var percent = false
        if type == "n" { type = "g" }
        if type == "%" {
            type = "f"
            x *= 100
            percent = true
        }
        let addDotZero = givenType == nil
        var precision = self.precision ?? (givenType == nil ? 0 : 6)
        if givenType == nil && self.precision != nil { type = "g" }

        let uppercase = type == "E" || type == "F" || type == "G"
        var parts = NumberParts(sign: signText(negative: x.sign == .minus && !x.isNaN), prefix: "",
                                integerDigits: "", rest: "")
        if let special = pythonNonFiniteText(x.magnitude, uppercase: uppercase) {
            parts.rest = special + (percent ? "%" : "")
            if x.isNaN { parts.sign = signText(negative: false) }
            return layoutNumber(parts, groupSize: 0)
        }
        precision = min(precision, 10_000)
        var magnitude: String
        switch type {
        case "f", "F":
            magnitude = CFloatFormatting.fixed(x, precision: precision)
            if alternate && precision == 0 { magnitude += "." }
        case "e", "E":
            magnitude = CFloatFormatting.scientific(x, precision: precision)
            if alternate && precision == 0, let e = magnitude.firstIndex(of: "e") {
                magnitude.insert(".", at: e)
            }
            if uppercase { magnitude = magnitude.uppercased() }
        case "\0":
            magnitude = Self.shortestLayout(x, alternate: alternate)
        default:
            magnitude = Self.generalLayout(x, precision: max(precision, 1), alternate: alternate,
                                           addDotZero: addDotZero, uppercase: uppercase)
        }
        if noNegativeZero && x.sign == .minus && Self.isAllZero(magnitude) {
            parts.sign = signText(negative: false)
        }
        // Split at the first character that is not an integer digit.
        let split = magnitude.firstIndex { !$0.isASCII || !$0.isNumber } ?? magnitude.endIndex
        parts.integerDigits = String(magnitude[..<split])
        parts.rest = String(magnitude[split...]) + (percent ? "%" : "")
        return layoutNumber(parts, groupSize: groupSize)
    }

    /// Whether a formatted magnitude shows only zero digits in its mantissa.
    private static func isAllZero(_ magnitude: String) -> Bool {
        for char in magnitude {
            if char == "e" || char == "E" { break }
            if char.isNumber && char != "0" { return false }
        }
        return true
    }

    /// Repr-style digits (no type, no precision), with `#` keeping the point in exponent form.
    private static func shortestLayout(_ x: Double, alternate: Bool) -> String {
        let decimal = DecimalDigits.shortest(x.magnitude)
        let exponent = decimal.decimalPoint - 1
        if exponent < -4 || exponent >= 16 {
            return scientificLayout(decimal.digits, exponent: exponent, keepPoint: alternate)
        }
        return positionalLayout(decimal.digits, decimalPoint: decimal.decimalPoint, minFractionDigits: 1)
    }

    /// CPython's 'g' layout: `precision` significant digits, scientific when the exponent
    /// is below -4 or reaches the precision (one less when `addDotZero`, the no-type rule).
    static func generalLayout(_ x: Double, precision: Int, alternate: Bool, addDotZero: Bool,
                              uppercase: Bool) -> String {
        var decimal = CFloatFormatting.significantDigits(x.magnitude, count: precision)
        if !alternate {
            while decimal.digits.count > 1, decimal.digits.last == UInt8(ascii: "0") {
                decimal.digits.removeLast()
            }
        }
        if decimal.digits.allSatisfy({ $0 == UInt8(ascii: "0") }) && !alternate {
            decimal.digits = [UInt8(ascii: "0")]
            decimal.decimalPoint = 1
        }
        let point = decimal.decimalPoint
        let useExponent = point <= -4 || point > (addDotZero ? precision - 1 : precision)
        if useExponent {
            return scientificLayout(decimal.digits, exponent: point - 1, keepPoint: alternate,
                                    exponentLetter: uppercase ? "E" : "e")
        }
        return positionalLayout(decimal.digits, decimalPoint: point, minFractionDigits: addDotZero ? 1 : 0,
                                keepPoint: alternate || addDotZero)
    }
}
