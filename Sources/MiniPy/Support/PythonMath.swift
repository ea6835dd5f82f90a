#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parts of CPython's `math` module (and float arithmetic) whose edge cases need care:
/// error classes and messages, int results, correctly rounded sums and `round()`.
public enum PythonMath {
    static let domainError = SupportError.value("math domain error")
    static let rangeError = SupportError.overflow("math range error")

    /// Applies a libm function with CPython's `math_1` checks: a NaN from a non-NaN
    /// argument is a domain error; an infinity from a finite one is a range error when
    /// the function can overflow, a domain error otherwise.
    public static func apply(_ x: Double, canOverflow: Bool, _ function: (Double) -> Double) throws -> Double {
        let result = function(x)
        if result.isNaN && !x.isNaN { throw domainError }
        if result.isInfinite && x.isFinite { throw canOverflow ? rangeError : domainError }
        return result
    }

    /// `math.sqrt(x)`.
    public static func sqrt(_ x: Double) throws -> Double { try apply(x, canOverflow: false) { $0.squareRoot() } }
    /// `math.exp(x)`.
    public static func exp(_ x: Double) throws -> Double { try apply(x, canOverflow: true) { libmExp($0) } }
    /// `math.cos(x)`.
    public static func cos(_ x: Double) throws -> Double { try apply(x, canOverflow: false) { libmCos($0) } }
    /// `math.sin(x)`.
    public static func sin(_ x: Double) throws -> Double { try apply(x, canOverflow: false) { libmSin($0) } }
    /// `math.tan(x)`.
    public static func tan(_ x: Double) throws -> Double { try apply(x, canOverflow: false) { libmTan($0) } }
    /// `math.tanh(x)`.
    public static func tanh(_ x: Double) throws -> Double { try apply(x, canOverflow: false) { libmTanh($0) } }
    /// `math.atan(x)`.
    public static func atan(_ x: Double) throws -> Double { try apply(x, canOverflow: false) { libmAtan($0) } }
    /// `math.atan2(y, x)`.
    public static func atan2(_ y: Double, _ x: Double) -> Double { libmAtan2(y, x) }

    /// `math.log(x)`: the natural logarithm; zero and negatives are domain errors.
    public static func log(_ x: Double) throws -> Double {
        try logarithm(x, libmLog)
    }

    /// `math.log(x, base)`: `log(x) / log(base)`, dividing by zero for base 1.
    public static func log(_ x: Double, base: Double) throws -> Double {
        let numerator = try log(x)
        let denominator = try log(base)
        if denominator == 0 { throw SupportError(.zeroDivisionError, "float division by zero") }
        return numerator / denominator
    }

    /// `math.log2(x)`.
    public static func log2(_ x: Double) throws -> Double { try logarithm(x, libmLog2) }
    /// `math.log10(x)`.
    public static func log10(_ x: Double) throws -> Double { try logarithm(x, libmLog10) }

    private static func logarithm(_ x: Double, _ function: (Double) -> Double) throws -> Double {
        if x.isNaN { return x }
        if x <= 0 { throw domainError }
        return function(x)
    }

    /// `math.pow(x, y)` with CPython's special cases for zeros, infinities and NaNs.
    public static func pow(_ x: Double, _ y: Double) throws -> Double {
        if !x.isFinite || !y.isFinite {
            // C99 Annex F results, which CPython computes itself for portability.
            if x.isNaN { return y == 0 ? 1 : x }
            if y.isNaN { return x == 1 ? 1 : y }
            if x.isInfinite {
                let oddY = y.isFinite && libmFmod(y.magnitude, 2) == 1
                if y > 0 { return oddY ? x : x.magnitude }
                if y == 0 { return 1 }
                return oddY ? Double(signOf: x, magnitudeOf: 0) : 0
            }
            if x.magnitude == 1 { return 1 }
            if (y > 0) == (x.magnitude > 1) { return .infinity }
            return 0
        }
        if x == 0 && y < 0 { throw domainError }
        let result = libmPow(x, y)
        if result.isNaN { throw domainError }
        if result.isInfinite { throw rangeError }
        return result
    }

    /// `math.floor(x)` for a float: an int, with CPython's errors for inf and nan.
    public static func floor(_ x: Double) throws -> Int { try pythonIntFromFloat(x.rounded(.down)) }
    /// `math.ceil(x)` for a float.
    public static func ceil(_ x: Double) throws -> Int { try pythonIntFromFloat(x.rounded(.up)) }
    /// `math.trunc(x)` (and `int(x)`) for a float.
    public static func trunc(_ x: Double) throws -> Int { try pythonIntFromFloat(x) }

    /// `math.isclose(a, b, rel_tol=1e-09, abs_tol=0.0)`.
    public static func isclose(_ a: Double, _ b: Double, relTol: Double = 1e-09, absTol: Double = 0.0) throws -> Bool {
        if relTol < 0 || absTol < 0 { throw SupportError.value("tolerances must be non-negative") }
        if a == b { return true }
        if a.isInfinite || b.isInfinite { return false }
        let difference = (b - a).magnitude
        return difference <= (relTol * b).magnitude || difference <= (relTol * a).magnitude
            || difference <= absTol
    }

    /// `math.fsum(values)`: the correctly rounded sum (Shewchuk's partials, as CPython).
    public static func fsum<S: Sequence>(_ values: S) throws -> Double where S.Element == Double {
        var partials: [Double] = []
        var specialSum = 0.0
        var infinitySum = 0.0
        for value in values {
            var x = value
            var kept = 0
            for j in 0..<partials.count {
                var y = partials[j]
                if x.magnitude < y.magnitude { swap(&x, &y) }
                let high = x + y
                let low = y - (high - x)
                if low != 0 {
                    partials[kept] = low
                    kept += 1
                }
                x = high
            }
            partials.removeSubrange(kept...)
            if x != 0 {
                if !x.isFinite {
                    // Either an inf/nan summand or an overflow of finite ones.
                    if value.isFinite { throw SupportError.overflow("intermediate overflow in fsum") }
                    if value.isInfinite { infinitySum += value }
                    specialSum += value
                    partials.removeAll()
                } else {
                    partials.append(x)
                }
            }
        }
        if specialSum != 0 {
            if infinitySum.isNaN { throw SupportError.value("-inf + inf in fsum") }
            return specialSum
        }
        guard var high = partials.popLast() else { return 0 }
        var low = 0.0
        while let y = partials.popLast() {
            let x = high
            high = x + y
            low = y - (high - x)
            if low != 0 { break }
        }
        // Round half to even when the rest of the partials push the tie one way.
        if let next = partials.last, (low < 0 && next < 0) || (low > 0 && next > 0) {
            let y = low * 2
            let x = high + y
            if y == x - high { high = x }
        }
        return high
    }

    /// `round(x)`: the nearest int, ties to even.
    public static func round(_ x: Double) throws -> Int {
        try pythonIntFromFloat(x.rounded(.toNearestOrEven))
    }

    /// `round(x, ndigits)`: correctly rounded to `ndigits` decimal places (ties to even on
    /// the exact binary value, so `round(2.675, 2)` is 2.67 as in CPython).
    public static func round(_ x: Double, digits: Int) throws -> Double {
        if !x.isFinite || x == 0 { return x }
        if digits > 323 { return x }
        if digits < -308 { return 0.0 * x }
        let text: String
        if digits >= 0 {
            text = CFloatFormatting.fixed(x, precision: digits)
        } else {
            text = roundedIntegerText(x.magnitude, places: -digits)
        }
        guard let magnitude = Double(text) else { return x }
        if magnitude.isInfinite { throw SupportError.overflow("rounded value too large to represent") }
        return x < 0 ? -magnitude : magnitude
    }

    /// |x| rounded to a multiple of 10**places, ties to even, as decimal text.
    private static func roundedIntegerText(_ x: Double, places: Int) -> String {
        // The exact decimal expansion of a double has at most 1074 fraction digits.
        let exact = CFloatFormatting.fixed(x, precision: 1074)
        let parts = exact.split(separator: ".", maxSplits: 1)
        var integer = Array(parts.first ?? "0").map { Int($0.asciiValue ?? 48) - 48 }
        let fraction = parts.count > 1 ? parts[1] : ""
        if integer.count < places { integer = Array(repeating: 0, count: places - integer.count) + integer }
        let keep = integer.count - places
        let dropped = integer[keep...]
        let first = dropped.first ?? 0
        let restNonZero = dropped.dropFirst().contains { $0 != 0 } || fraction.contains { $0 != "0" }
        var kept = Array(integer[..<keep])
        let lastKept = kept.last ?? 0
        let roundUp = first > 5 || (first == 5 && (restNonZero || lastKept % 2 == 1))
        if roundUp {
            var i = kept.count - 1
            while i >= 0 && kept[i] == 9 {
                kept[i] = 0
                i -= 1
            }
            if i >= 0 { kept[i] += 1 } else { kept.insert(1, at: 0) }
        }
        let digits = kept.map { String($0) }.joined()
        return (digits.isEmpty ? "0" : digits) + String(repeating: "0", count: places)
    }

    /// `x % y` for floats: the result takes the sign of y.
    public static func floatModulo(_ x: Double, _ y: Double) throws -> Double {
        if y == 0 { throw SupportError(.zeroDivisionError, "float modulo") }
        return divmod(x, y).remainder
    }

    /// `x // y` for floats.
    public static func floatFloorDivide(_ x: Double, _ y: Double) throws -> Double {
        if y == 0 { throw SupportError(.zeroDivisionError, "float floor division by zero") }
        return divmod(x, y).quotient
    }

    /// `divmod(x, y)` for floats; y must be non-zero (`float divmod()` is the error otherwise).
    public static func floatDivmod(_ x: Double, _ y: Double) throws -> (quotient: Double, remainder: Double) {
        if y == 0 { throw SupportError(.zeroDivisionError, "float divmod()") }
        return divmod(x, y)
    }

    private static func divmod(_ x: Double, _ y: Double) -> (quotient: Double, remainder: Double) {
        var mod = libmFmod(x, y)
        var div = (x - mod) / y
        if mod != 0 {
            if (y < 0) != (mod < 0) {
                mod += y
                div -= 1
            }
        } else {
            mod = Double(signOf: y, magnitudeOf: 0)
        }
        var floorDiv: Double
        if div != 0 {
            floorDiv = div.rounded(.down)
            if div - floorDiv > 0.5 { floorDiv += 1 }
        } else {
            floorDiv = Double(signOf: x / y, magnitudeOf: 0)
        }
        return (floorDiv, mod)
    }
}
