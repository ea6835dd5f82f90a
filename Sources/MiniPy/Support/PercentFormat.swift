/// printf-style formatting, `format % args`, as CPython's `str.__mod__`.

/// The right-hand side of `format % args`.
public enum PercentArguments {
    /// A tuple: its items are consumed one per conversion.
    case tuple([FormatArgument])
    /// Any single non-tuple, non-mapping value.
    case single(FormatArgument)
    /// A value that is a mapping for `%` purposes (CPython: anything with `__getitem__` that
    /// is not a tuple or str, so lists too): `%(key)s` looks keys up with `lookup`, which
    /// throws the mapping's own `KeyError`; plain `%s` formats the value itself.
    case mapping(FormatArgument, lookup: (String) throws -> FormatArgument)
}

/// `format % args` with CPython's conversions (`d i u o x X e E f F g G c s r a %`),
/// flags (`- + space # 0`), `*` widths and precisions, `%(name)s` keys and error messages.
public func pythonPercentFormat(_ format: String, _ args: PercentArguments) throws -> String {
    var formatter = PercentFormatter(format: Array(format.unicodeScalars), args: args)
    return try formatter.run()
}

/// One pass over a `%` format string.
private struct PercentFormatter {
    let format: [Unicode.Scalar]
    let args: PercentArguments
    var pos = 0
    /// CPython's argument cursor: for a non-tuple it starts at -2 so the value is used once.
    var argIndex: Int
    let argCount: Int
    var output = String.UnicodeScalarView()

    init(format: [Unicode.Scalar], args: PercentArguments) {
        self.format = format
        self.args = args
        switch args {
        case .tuple(let items):
            argIndex = 0
            argCount = items.count
        case .single, .mapping:
            argIndex = -2
            argCount = -1
        }
    }

    /// Flags, width and precision of one conversion.
    struct Conversion {
        var leftAlign = false
        var plus = false
        var space = false
        var alternate = false
        var zero = false
        var width = -1
        var precision = -1
    }

    mutating func run() throws -> String {
        while pos < format.count {
            let c = format[pos]
            pos += 1
            if c != "%" {
                output.append(c)
                continue
            }
            try convertOne()
        }
        var isMapping = false
        if case .mapping = args { isMapping = true }
        if argIndex < argCount && !isMapping {
            throw SupportError.type("not all arguments converted during string formatting")
        }
        return String(output)
    }

    mutating func nextArgument() throws -> FormatArgument {
        guard argIndex < argCount else {
            throw SupportError.type("not enough arguments for format string")
        }
        let index = argIndex
        argIndex += 1
        switch args {
        case .tuple(let items): return items[index]
        case .single(let value), .mapping(let value, _): return value
        }
    }

    mutating func convertOne() throws {
        guard pos < format.count else { throw SupportError.value("incomplete format") }
        if format[pos] == "%" {
            output.append("%")
            pos += 1
            return
        }
        var argument: FormatArgument?
        if format[pos] == "(" {
            argument = try mappingArgument()
        }
        var conv = Conversion()
        flags: while pos < format.count {
            switch format[pos] {
            case "-": conv.leftAlign = true
            case "+": conv.plus = true
            case " ": conv.space = true
            case "#": conv.alternate = true
            case "0": conv.zero = true
            default: break flags
            }
            pos += 1
        }
        if pos < format.count, format[pos] == "*" {
            pos += 1
            var width = try starValue()
            if width < 0 {
                conv.leftAlign = true
                width = -width
            }
            conv.width = width
        } else if let width = try digits(overflowMessage: "width too big") {
            conv.width = width
        }
        if pos < format.count, format[pos] == "." {
            pos += 1
            if pos < format.count, format[pos] == "*" {
                pos += 1
                conv.precision = max(0, try starValue())
            } else {
                conv.precision = try digits(overflowMessage: "precision too big") ?? 0
            }
        }
        // Length modifiers are accepted and ignored, as in C.
        while pos < format.count, format[pos] == "h" || format[pos] == "l" || format[pos] == "L" {
            pos += 1
        }
        guard pos < format.count else { throw SupportError.value("incomplete format") }
        let code = format[pos]
        pos += 1
        let value = try argument ?? nextArgument()
        try emit(code, value, conv)
    }

    /// `%(key)`: the key up to the matching parenthesis, looked up in the mapping.
    mutating func mappingArgument() throws -> FormatArgument {
        guard case .mapping(_, let lookup) = args else {
            throw SupportError.type("format requires a mapping")
        }
        pos += 1
        var depth = 1
        let start = pos
        while pos < format.count {
            if format[pos] == ")" {
                depth -= 1
                if depth == 0 { break }
            } else if format[pos] == "(" {
                depth += 1
            }
            pos += 1
        }
        guard depth == 0 else { throw SupportError.value("incomplete format key") }
        var key = String.UnicodeScalarView()
        key.append(contentsOf: format[start..<pos])
        pos += 1
        // A mapping key turns off positional arguments.
        argIndex = -1
        return try lookup(String(key))
    }

    mutating func starValue() throws -> Int {
        let value = try nextArgument()
        switch value {
        case .int(let n): return n
        case .bool(let b): return b ? 1 : 0
        default: throw SupportError.type("* wants int")
        }
    }

    mutating func digits(overflowMessage: String) throws -> Int? {
        var value: Int?
        while pos < format.count, let digit = format[pos].asciiDigit {
            let (times, o1) = (value ?? 0).multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(digit)
            if o1 || o2 || sum > Int(Int32.max) { throw SupportError.value(overflowMessage) }
            value = sum
            pos += 1
        }
        return value
    }

    mutating func emit(_ code: Unicode.Scalar, _ value: FormatArgument, _ conv: Conversion) throws {
        switch code {
        case "s", "r", "a":
            var text = code == "s" ? try value.str() : try value.repr()
            if code == "a" { text = pythonAsciiEscape(text) }
            if conv.precision >= 0 {
                var truncated = String.UnicodeScalarView()
                truncated.append(contentsOf: text.unicodeScalars.prefix(conv.precision))
                text = String(truncated)
            }
            append(padded(text, conv))
        case "d", "i", "u", "o", "x", "X":
            append(try integerText(code, value, conv))
        case "e", "E", "f", "F", "g", "G":
            append(try floatText(code, value, conv))
        case "c":
            append(padded(try characterText(value), conv))
        default:
            let shown = code.value >= 32 && code.value <= 126 ? Character(code) : "?"
            throw SupportError.value("unsupported format character '\(shown)' (0x\(String(code.value, radix: 16))) "
                                     + "at index \(pos - 1)")
        }
    }

    mutating func append(_ text: String) {
        output.append(contentsOf: text.unicodeScalars)
    }

    func padded(_ text: String, _ conv: Conversion) -> String {
        let padding = conv.width - text.unicodeScalars.count
        guard padding > 0 else { return text }
        let spaces = String(repeating: " ", count: padding)
        return conv.leftAlign ? text + spaces : spaces + text
    }

    /// The format-spec equivalent of the flags, used to lay out numbers.
    func numberSpec(_ conv: Conversion, type: Unicode.Scalar) -> FormatSpec {
        var spec = FormatSpec()
        spec.type = type
        spec.alternate = conv.alternate
        spec.sign = conv.plus ? "+" : conv.space ? " " : nil
        spec.width = conv.width >= 0 ? conv.width : nil
        if conv.leftAlign {
            spec.align = "<"
        } else if conv.zero {
            spec.fill = "0"
            spec.align = "="
        } else {
            spec.align = ">"
        }
        return spec
    }

    func integerText(_ code: Unicode.Scalar, _ value: FormatArgument, _ conv: Conversion) throws -> String {
        let n: Int
        switch value {
        case .int(let i): n = i
        case .bool(let b): n = b ? 1 : 0
        case .float(let x) where code == "d" || code == "i" || code == "u":
            n = try pythonIntFromFloat(x)
        default:
            let codeText = String(Character(code))
            if code == "d" || code == "i" || code == "u" {
                throw SupportError.type("%\(codeText) format: a real number is required, not \(value.typeName)")
            }
            throw SupportError.type("%\(codeText) format: an integer is required, not \(value.typeName)")
        }
        let radix = code == "o" ? 8 : (code == "x" || code == "X") ? 16 : 10
        var digits = String(n.magnitude, radix: radix, uppercase: code == "X")
        if conv.precision > digits.count {
            digits = String(repeating: "0", count: conv.precision - digits.count) + digits
        }
        let spec = numberSpec(conv, type: "d")
        var prefix = ""
        if conv.alternate {
            switch code {
            case "o": prefix = "0o"
            case "x": prefix = "0x"
            case "X": prefix = "0X"
            default: break
            }
        }
        let parts = FormatSpec.NumberParts(sign: spec.signText(negative: n < 0), prefix: prefix,
                                           integerDigits: digits, rest: "")
        return spec.layoutNumber(parts, groupSize: 0)
    }

    func floatText(_ code: Unicode.Scalar, _ value: FormatArgument, _ conv: Conversion) throws -> String {
        let x: Double
        switch value {
        case .float(let f): x = f
        case .int(let i): x = Double(i)
        case .bool(let b): x = b ? 1 : 0
        default: throw SupportError.type("must be real number, not \(value.typeName)")
        }
        var spec = numberSpec(conv, type: code)
        spec.precision = conv.precision >= 0 ? conv.precision : 6
        return try spec.formatFloat(x, typeName: "float")
    }

    func characterText(_ value: FormatArgument) throws -> String {
        switch value {
        case .int(let n):
            guard n >= 0, n < 0x110000, let scalar = Unicode.Scalar(UInt32(n)) else {
                throw SupportError.overflow("%c arg not in range(0x110000)")
            }
            return String(Character(scalar))
        case .string(let s) where s.unicodeScalars.count == 1:
            return s
        default:
            throw SupportError.type("%c requires int or char")
        }
    }
}

extension Unicode.Scalar {
    /// The value of an ASCII digit, or nil.
    var asciiDigit: Int? {
        value >= 48 && value <= 57 ? Int(value - 48) : nil
    }
}

/// `int(x)` for a float: truncation toward zero, with CPython's errors for inf, nan and
/// values outside the 64-bit range MiniPy's ints have.
public func pythonIntFromFloat(_ x: Double) throws -> Int {
    if x.isNaN { throw SupportError.value("cannot convert float NaN to integer") }
    if x.isInfinite { throw SupportError.overflow("cannot convert float infinity to integer") }
    guard let n = Int(exactly: x.rounded(.towardZero)) else {
        throw SupportError.overflow("int too large to convert to a 64-bit integer")
    }
    return n
}
