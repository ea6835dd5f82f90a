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
/// C `asinh`.
@inline(__always) func libmAsinh(_ x: Double) -> Double { asinh(x) }
/// C `acosh`.
@inline(__always) func libmAcosh(_ x: Double) -> Double { acosh(x) }
/// C `atanh`.
@inline(__always) func libmAtanh(_ x: Double) -> Double { atanh(x) }
/// C `erf`.
@inline(__always) func libmErf(_ x: Double) -> Double { erf(x) }
/// C `erfc`.
@inline(__always) func libmErfc(_ x: Double) -> Double { erfc(x) }
/// C `log1p`.
@inline(__always) func libmLog1p(_ x: Double) -> Double { log1p(x) }
/// C `expm1`.
@inline(__always) func libmExpm1(_ x: Double) -> Double { expm1(x) }
/// C `exp2`.
@inline(__always) func libmExp2(_ x: Double) -> Double { exp2(x) }
/// C `cbrt`.
@inline(__always) func libmCbrt(_ x: Double) -> Double { cbrt(x) }
