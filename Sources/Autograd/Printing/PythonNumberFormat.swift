#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Python's `format()` for floats in the `f` and `e` presentations, which tensor printing
/// uses. C's printf rounds the exact binary value half-to-even, as CPython does; only the
/// spelling of infinities and NaN differs, so those are handled here.
public enum PythonNumberFormat {
    /// `'{:.<precision>f}'.format(value)`.
    public static func fixed(_ value: Double, precision: Int) -> String {
        if let special = nonFinite(value) { return special }
        return printf("%.*f", precision, value)
    }

    /// `'{:.<precision>e}'.format(value)`.
    public static func scientific(_ value: Double, precision: Int) -> String {
        if let special = nonFinite(value) { return special }
        return printf("%.*e", precision, value)
    }

    /// `%g` with `significantDigits` (six by default): how C++ streams (and so PyTorch's error
    /// messages) print a double, e.g. `2` or `1.5`.
    public static func general(_ value: Double, significantDigits: Int = 6) -> String {
        if let special = nonFinite(value) { return special }
        return printf("%.*g", significantDigits, value)
    }

    /// Left-pads `text` with spaces to `width`, as Python's right alignment of numbers does.
    static func padded(_ text: String, to width: Int) -> String {
        let missing = width - text.count
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }

    /// Python spells these `inf`, `-inf` and `nan` (never `-nan`).
    private static func nonFinite(_ value: Double) -> String? {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return nil
    }

    private static func printf(_ format: String, _ precision: Int, _ value: Double) -> String {
        var capacity = 64
        while true {
            var buffer = [CChar](repeating: 0, count: capacity)
            let written = withVaList([Int32(clamping: precision), value]) { arguments in
                buffer.withUnsafeMutableBufferPointer { pointer in
                    vsnprintf(pointer.baseAddress, capacity, format, arguments)
                }
            }
            if written < 0 { return "" }
            if Int(written) < capacity {
                let bytes = buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }
                return String(decoding: bytes, as: UTF8.self)
            }
            capacity = Int(written) + 1
        }
    }
}
