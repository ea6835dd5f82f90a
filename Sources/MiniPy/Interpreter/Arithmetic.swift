// Numeric operators with CPython's int/float rules (64-bit ints; overflow raises).
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Integer and float arithmetic as CPython defines it.
enum Arithmetic {
    @inline(__always)
    static func add(_ a: Int, _ b: Int) throws -> Int {
        let (r, o) = a.addingReportingOverflow(b)
        if o { throw PyErr.overflow() }
        return r
    }

    @inline(__always)
    static func sub(_ a: Int, _ b: Int) throws -> Int {
        let (r, o) = a.subtractingReportingOverflow(b)
        if o { throw PyErr.overflow() }
        return r
    }

    @inline(__always)
    static func mul(_ a: Int, _ b: Int) throws -> Int {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        if o { throw PyErr.overflow() }
        return r
    }

    /// `a // b` rounding toward negative infinity.
    static func floorDiv(_ a: Int, _ b: Int) throws -> Int {
        if b == 0 { throw PyErr.zeroDivision("integer division or modulo by zero") }
        if a == Int.min && b == -1 { throw PyErr.overflow() }
        let q = a / b
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q
    }

    /// `a % b` with the sign of `b`.
    static func mod(_ a: Int, _ b: Int) throws -> Int {
        if b == 0 { throw PyErr.zeroDivision("integer modulo by zero") }
        if b == -1 { return 0 }
        let r = a % b
        return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r
    }

    static func trueDiv(_ a: Double, _ b: Double, intOperands: Bool) throws -> Double {
        if b == 0 { throw PyErr.zeroDivision(intOperands ? "division by zero" : "float division by zero") }
        return a / b
    }

    static func floatMod(_ a: Double, _ b: Double) throws -> Double {
        if b == 0 { throw PyErr.zeroDivision("float modulo") }
        var m = fmod(a, b)
        if m != 0 {
            if (b < 0) != (m < 0) { m += b }
        } else {
            m = copysign(0, b)
        }
        return m
    }

    static func floatFloorDiv(_ a: Double, _ b: Double, what: String = "float floor division by zero") throws -> Double {
        if b == 0 { throw PyErr.zeroDivision(what) }
        return floatDivmod(a, b).0
    }

    static func floatDivmod(_ a: Double, _ b: Double) -> (Double, Double) {
        var m = fmod(a, b)
        var div = (a - m) / b
        if m != 0 {
            if (b < 0) != (m < 0) {
                m += b
                div -= 1
            }
        } else {
            m = copysign(0, b)
        }
        var floordiv: Double
        if div != 0 {
            floordiv = div.rounded(.down)
            if div - floordiv > 0.5 { floordiv += 1 }
        } else {
            floordiv = copysign(0, a / b)
        }
        return (floordiv, m)
    }

    /// `a ** b` for ints: an int for non-negative exponents, a float otherwise.
    static func intPow(_ a: Int, _ b: Int) throws -> Value {
        if b < 0 {
            if a == 0 { throw PyErr.zeroDivision("0.0 cannot be raised to a negative power") }
            return .float(pow(Double(a), Double(b)))
        }
        var result = 1, base = a, e = b
        while e > 0 {
            if e & 1 == 1 { result = try mul(result, base) }
            e >>= 1
            if e > 0 { base = try mul(base, base) }
        }
        return .int(result)
    }

    static func floatPow(_ a: Double, _ b: Double) throws -> Double {
        if a == 0 && b < 0 { throw PyErr.zeroDivision("0.0 cannot be raised to a negative power") }
        if a < 0 && b != b.rounded() && b.isFinite {
            throw PyErr.valueError("math domain error")
        }
        let r = pow(a, b)
        if r.isInfinite && a.isFinite && b.isFinite { throw PyErr.overflow("(34, 'Numerical result out of range')") }
        return r
    }
}
