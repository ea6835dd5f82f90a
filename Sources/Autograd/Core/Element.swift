import RealModule
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Swift type that can be stored as a tensor element.
public protocol TensorElement: Sendable, Equatable {
    /// The dtype this type is stored as.
    static var dtype: DType { get }
    /// Converts from a Double, truncating toward zero for integers as C casts do.
    init(fromDouble v: Double)
    /// Converts from an Int64.
    init(fromInt64 v: Int64)
    /// The value as a Double.
    var asDouble: Double { get }
    /// The value as an Int64 (truncating floats toward zero).
    var asInt64: Int64 { get }
    /// The zero element.
    static var zeroValue: Self { get }
}

/// Element types with floating-point math, the ones most kernels are generic over.
public protocol FloatElement: TensorElement, Real, BinaryFloatingPoint {
    /// C's `pow` (defined for negative bases with integral exponents, unlike `Real.pow`).
    static func cPow(_ a: Self, _ b: Self) -> Self
}

extension Float: FloatElement {
    /// C's pow for this type.
    @inline(__always) public static func cPow(_ a: Float, _ b: Float) -> Float { libmPowf(a, b) }
    /// The dtype this type is stored as.
    public static var dtype: DType { .float32 }
    /// Converts from a Double.
    @inline(__always) public init(fromDouble v: Double) { self = Float(v) }
    /// Converts from an Int64.
    @inline(__always) public init(fromInt64 v: Int64) { self = Float(v) }
    /// The value as a Double.
    @inline(__always) public var asDouble: Double { Double(self) }
    /// The value as an Int64.
    @inline(__always) public var asInt64: Int64 { Int64(clampingFloat: Double(self)) }
    /// Zero.
    public static var zeroValue: Float { 0 }
}

extension Double: FloatElement {
    /// C's pow for this type.
    @inline(__always) public static func cPow(_ a: Double, _ b: Double) -> Double { libmPow(a, b) }
    /// The dtype this type is stored as.
    public static var dtype: DType { .float64 }
    /// Converts from a Double.
    @inline(__always) public init(fromDouble v: Double) { self = v }
    /// Converts from an Int64.
    @inline(__always) public init(fromInt64 v: Int64) { self = Double(v) }
    /// The value as a Double.
    @inline(__always) public var asDouble: Double { self }
    /// The value as an Int64.
    @inline(__always) public var asInt64: Int64 { Int64(clampingFloat: self) }
    /// Zero.
    public static var zeroValue: Double { 0 }
}

extension Int64: TensorElement {
    /// The dtype this type is stored as.
    public static var dtype: DType { .int64 }
    /// Converts from a Double.
    @inline(__always) public init(fromDouble v: Double) { self = Int64(clampingFloat: v) }
    /// Converts from an Int64.
    @inline(__always) public init(fromInt64 v: Int64) { self = v }
    /// The value as a Double.
    @inline(__always) public var asDouble: Double { Double(self) }
    /// The value as an Int64.
    @inline(__always) public var asInt64: Int64 { self }
    /// Zero.
    public static var zeroValue: Int64 { 0 }
}

extension Int32: TensorElement {
    /// The dtype this type is stored as.
    public static var dtype: DType { .int32 }
    /// Converts from a Double.
    @inline(__always) public init(fromDouble v: Double) { self = Int32(truncatingIfNeeded: Int64(clampingFloat: v)) }
    /// Converts from an Int64.
    @inline(__always) public init(fromInt64 v: Int64) { self = Int32(truncatingIfNeeded: v) }
    /// The value as a Double.
    @inline(__always) public var asDouble: Double { Double(self) }
    /// The value as an Int64.
    @inline(__always) public var asInt64: Int64 { Int64(self) }
    /// Zero.
    public static var zeroValue: Int32 { 0 }
}

extension Bool: TensorElement {
    /// The dtype this type is stored as.
    public static var dtype: DType { .bool }
    /// Converts from a Double.
    @inline(__always) public init(fromDouble v: Double) { self = v != 0 }
    /// Converts from an Int64.
    @inline(__always) public init(fromInt64 v: Int64) { self = v != 0 }
    /// The value as a Double.
    @inline(__always) public var asDouble: Double { self ? 1 : 0 }
    /// The value as an Int64.
    @inline(__always) public var asInt64: Int64 { self ? 1 : 0 }
    /// Zero.
    public static var zeroValue: Bool { false }
}

extension Int64 {
    /// Converts a Double the way a C cast does for in-range values; NaN and out-of-range
    /// values become Int64.min as x86 does, never trapping.
    @inline(__always) init(clampingFloat v: Double) {
        if v.isNaN || v >= 9.2233720368547758e18 || v < -9.2233720368547758e18 {
            self = Int64.min
        } else {
            self = Int64(v)
        }
    }
}

/// libm's pow, named apart so member lookup inside Float/Double cannot shadow it.
@inline(__always) func libmPow(_ a: Double, _ b: Double) -> Double { pow(a, b) }
/// libm's powf.
@inline(__always) func libmPowf(_ a: Float, _ b: Float) -> Float { powf(a, b) }
