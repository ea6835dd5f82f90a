#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Correctly rounded fixed and scientific digit strings from the C library.
///
/// glibc's and Darwin's `printf` convert the exact binary value with round-half-even, as
/// CPython's dtoa does, so their `%.*f` and `%.*e` agree with CPython digit for digit.
enum CFloatFormatting {
    /// `printf("%.*f", precision, |x|)` for a finite x.
    static func fixed(_ x: Double, precision: Int) -> String {
        render("%.*f", x.magnitude, precision: precision)
    }

    /// `printf("%.*e", precision, |x|)` for a finite x.
    static func scientific(_ x: Double, precision: Int) -> String {
        render("%.*e", x.magnitude, precision: precision)
    }

    /// The first `count` correctly rounded significant digits of a finite x and its decimal point.
    static func significantDigits(_ x: Double, count: Int) -> DecimalDigits {
        let text = Array(scientific(x, precision: max(count, 1) - 1).utf8)
        var digits: [UInt8] = []
        var exponent = 0
        var exponentNegative = false
        var inExponent = false
        for byte in text {
            if inExponent {
                if byte == UInt8(ascii: "-") { exponentNegative = true }
                if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
                }
            } else if byte == UInt8(ascii: "e") {
                inExponent = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits.append(byte)
            }
        }
        let signedExponent = exponentNegative ? -exponent : exponent
        return DecimalDigits(digits: digits, decimalPoint: signedExponent + 1, isNegative: x.sign == .minus)
    }

    private static func render(_ format: String, _ value: Double, precision: Int) -> String {
        // Precision is capped by the callers; keep it within C's int.
        let cPrecision = Int32(clamping: precision)
        let needed = withVaList([cPrecision, value]) { args in
            vsnprintf(nil, 0, format, args)
        }
        guard needed > 0 else { return "" }
        var buffer = [CChar](repeating: 0, count: Int(needed) + 1)
        _ = buffer.withUnsafeMutableBufferPointer { pointer in
            withVaList([cPrecision, value]) { args in
                vsnprintf(pointer.baseAddress, pointer.count, format, args)
            }
        }
        return String(decoding: buffer.prefix(Int(needed)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
