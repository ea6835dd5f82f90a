// `int`, `float` and `bool` constructors and methods.

enum NumberBuiltins {
    static func constructInt(_ interp: Interpreter, _ cls: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        if args.count == 1 && kwargs.isEmpty { return .int(try toInt(interp, args[0])) }
        let a = try NativeArguments("int", args, kwargs, names: ["x", "base"])
        guard let x = a[0] else { return .int(0) }
        if let baseValue = a[1] {
            let base = try baseValue.expectInt()
            guard case .str(let s) = x else {
                throw PyErr.typeError("int() can't convert non-string with explicit base")
            }
            return .int(try parseInt(s, base: base))
        }
        return .int(try toInt(interp, x))
    }

    /// `int(x)` for one argument.
    static func toInt(_ interp: Interpreter, _ x: Value) throws -> Int {
        switch x {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .float(let d):
            if d.isNaN { throw PyErr.valueError("cannot convert float NaN to integer") }
            if d.isInfinite { throw PyErr.overflow("cannot convert float infinity to integer") }
            guard let i = Int(exactly: d.rounded(.towardZero)) else { throw PyErr.overflow() }
            return i
        case .str(let s): return try parseInt(s, base: 10)
        case .object(let o):
            for name in ["__int__", "__index__", "__trunc__"] {
                if let m = o.type.lookup(name) {
                    let r = try interp.callSpecial(m, x, [])
                    guard case .int(let i) = r.demotingBool else {
                        throw PyErr.typeError("\(name) returned non-int (type \(r.typeName))")
                    }
                    return i
                }
            }
        case .none: break
        }
        throw PyErr.typeError("int() argument must be a string, a bytes-like object or a real number, not '\(x.typeName)'")
    }

    static func parseInt(_ text: String, base: Int) throws -> Int {
        guard base == 0 || (2...36).contains(base) else { throw PyErr.valueError("int() base must be >= 2 and <= 36, or 0") }
        // The common spelling, ASCII digits after an optional sign, needs no clean-up.
        if base == 10, let i = Int(text) { return i }
        var error: PyExceptionObject { PyErr.valueError("invalid literal for int() with base \(base): \(pythonStringRepr(text))") }
        var s = Substring(StrBuiltins.strip(text, nil, left: true, right: true))
        var negative = false
        if let f = s.first, f == "+" || f == "-" {
            negative = f == "-"
            s = s.dropFirst()
        }
        if let f = s.first, f == "+" || f == "-" { throw error }
        var b = base
        let lower = s.lowercased()
        for (prefix, pb) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) && (b == 0 || b == pb) {
            b = pb
            s = s.dropFirst(2)
            if s.first == "_" { s = s.dropFirst() }
        }
        if b == 0 {
            b = 10
            if s.count > 1 && s.first == "0" && s.contains(where: { $0 != "0" && $0 != "_" }) { throw error }
        }
        guard !s.isEmpty, s.first != "_", s.last != "_", !s.contains("__") else { throw error }
        let digits = s.filter { $0 != "_" }
        guard let magnitude = Int(digits, radix: b) else {
            if digits.allSatisfy({ $0.isHexDigit || $0.isLetter }), Int(digits.prefix(1), radix: b) != nil, digits.count > 18 {
                throw PyErr.overflow()
            }
            throw error
        }
        return negative ? -magnitude : magnitude
    }

    static func constructFloat(_ interp: Interpreter, _ cls: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        guard !args.isEmpty else { return .float(0) }
        if args.count > 1 { throw PyErr.typeError("float expected at most 1 argument, got \(args.count)") }
        return .float(try toFloat(interp, args[0]))
    }

    /// `float(x)`.
    static func toFloat(_ interp: Interpreter, _ x: Value) throws -> Double {
        switch x {
        case .float(let d): return d
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .str(let s): return try parseFloat(s)
        case .object(let o):
            if let m = o.type.lookup("__float__") {
                let r = try interp.callSpecial(m, x, [])
                guard case .float(let d) = r else { throw PyErr.typeError("\(o.type.name).__float__ returned non-float (type \(r.typeName))") }
                return d
            }
            if let m = o.type.lookup("__index__") {
                return try Double(interp.callSpecial(m, x, []).expectInt())
            }
        case .none: break
        }
        throw PyErr.typeError("float() argument must be a string or a real number, not '\(x.typeName)'")
    }

    static func parseFloat(_ text: String) throws -> Double {
        if let d = parsePlainDecimal(text) { return d }
        let s = StrBuiltins.strip(text, nil, left: true, right: true)
        let error = PyErr.valueError("could not convert string to float: \(pythonStringRepr(text))")
        var body = Substring(s)
        var sign = 1.0
        if let f = body.first, f == "+" || f == "-" {
            sign = f == "-" ? -1 : 1
            body = body.dropFirst()
        }
        switch body.lowercased() {
        case "inf", "infinity": return sign * .infinity
        case "nan": return .nan
        default: break
        }
        guard !body.isEmpty, body.first != "+", body.first != "-", body.allSatisfy({ $0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-" || $0 == "_" }),
              body.first != "_", body.last != "_", !body.contains("__") else { throw error }
        guard let d = Double(String(body.filter { $0 != "_" })) else { throw error }
        return sign * d
    }

    /// `float(text)` for the common spelling of a data file: ASCII digits, sign, point and
    /// exponent, maybe surrounded by ASCII whitespace. Nil means "take the general path"
    /// (underscores, `inf`/`nan`, other whitespace, or not a number at all).
    static func parsePlainDecimal(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { b -> Double? in
            var lo = 0, hi = b.count
            while lo < hi && StrBuiltins.isASCIISpace(b[lo]) { lo += 1 }
            while hi > lo && StrBuiltins.isASCIISpace(b[hi - 1]) { hi -= 1 }
            guard lo < hi else { return nil }
            for i in lo..<hi {
                switch b[i] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
                     UInt8(ascii: "+"), UInt8(ascii: "-"):
                    continue
                default:
                    return nil
                }
            }
            return Double(String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self))
        }
    }

    static func installInt(_ t: PyType) {
        t.define("bit_length") { _, args, _ in
            let i = args[0].intValue
            return .int(Int.bitWidth - i.magnitude.leadingZeroBitCount)
        }
        t.define("__index__") { _, args, _ in .int(args[0].intValue) }
        t.define("__int__") { _, args, _ in .int(args[0].intValue) }
        t.define("__float__") { _, args, _ in .float(Double(args[0].intValue)) }
        t.define("conjugate") { _, args, _ in .int(args[0].intValue) }
        t.define("is_integer") { _, _, _ in .bool(true) }
        t.defineProperty("real") { _, v in .int(v.intValue) }
        t.defineProperty("imag") { _, _ in .int(0) }
        t.defineProperty("numerator") { _, v in .int(v.intValue) }
        t.defineProperty("denominator") { _, _ in .int(1) }
    }

    static func installFloat(_ t: PyType) {
        t.define("is_integer") { _, args, _ in
            let d = try args[0].expectDouble()
            return .bool(d.isFinite && d == d.rounded(.towardZero))
        }
        t.define("__float__") { _, args, _ in .float(try args[0].expectDouble()) }
        t.define("__int__") { interp, args, _ in .int(try toInt(interp, args[0])) }
        t.define("__round__") { interp, args, _ in try BuiltinFunctions.round(interp, args, []) }
        t.define("as_integer_ratio") { _, args, _ in
            var d = try args[0].expectDouble()
            guard d.isFinite else { throw PyErr.overflow("cannot convert Infinity to integer ratio") }
            var den = 1
            while d != d.rounded(.towardZero) && den < (1 << 52) {
                d *= 2
                den *= 2
            }
            return .tuple([.int(Int(d)), .int(den)])
        }
        t.defineProperty("real") { _, v in v }
        t.defineProperty("imag") { _, _ in .float(0) }
    }
}

