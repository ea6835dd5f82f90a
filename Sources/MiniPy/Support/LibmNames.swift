#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The C library's functions under distinct names, so `PythonMath`'s own `log`, `exp` ...
// can call them without the names resolving to themselves.

/// C `exp`.
@inline(__always) func libmExp(_ x: Double) -> Double { exp(x) }
/// C `log`.
@inline(__always) func libmLog(_ x: Double) -> Double { log(x) }
/// C `log2`.
@inline(__always) func libmLog2(_ x: Double) -> Double { log2(x) }
/// C `log10`.
@inline(__always) func libmLog10(_ x: Double) -> Double { log10(x) }
/// C `cos`.
@inline(__always) func libmCos(_ x: Double) -> Double { cos(x) }
/// C `sin`.
@inline(__always) func libmSin(_ x: Double) -> Double { sin(x) }
/// C `tan`.
@inline(__always) func libmTan(_ x: Double) -> Double { tan(x) }
/// C `tanh`.
@inline(__always) func libmTanh(_ x: Double) -> Double { tanh(x) }
/// C `atan`.
@inline(__always) func libmAtan(_ x: Double) -> Double { atan(x) }
/// C `atan2`.
@inline(__always) func libmAtan2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
/// C `pow`.
@inline(__always) func libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
/// C `fmod`.
@inline(__always) func libmFmod(_ x: Double, _ y: Double) -> Double { fmod(x, y) }
/// C `asin`.
@inline(__always) func libmAsin(_ x: Double) -> Double { asin(x) }
/// C `acos`.
@inline(__always) func libmAcos(_ x: Double) -> Double { acos(x) }
/// C `sinh`.
@inline(__always) func libmSinh(_ x: Double) -> Double { sinh(x) }
/// C `cosh`.
@inline(__always) func libmCosh(_ x: Double) -> Double { cosh(x) }
