/// Binary element-wise kernels with broadcasting, dispatched on the promoted dtype.

/// The arithmetic binary ops the kernels know.
enum BinaryOp {
    case add, sub, mul, div, floorDiv, remainder, pow, maximum, minimum
}

/// The comparison ops (bool results).
enum CompareOp {
    case eq, ne, lt, le, gt, ge
}

/// Logical / bitwise ops.
enum LogicalOp {
    case and, or, xor
}

extension Tensor {
    /// Raw (no autograd) `op(a, b)` with promotion and broadcasting.
    static func binaryRaw(_ a: Tensor, _ b: Tensor, _ op: BinaryOp) throws -> Tensor {
        var dt = a.dtype == b.dtype ? a.dtype : resultType([a, b])
        if op == .div { dt = dt.toFloating }
        let shape = try ShapeUtil.broadcast(a.shape, b.shape)
        try AllocationLimit.check(shape, dt)
        let x = a.converted(to: dt), y = b.converted(to: dt)
        switch dt {
        case .float32: return floatBinary(x, y, shape, op, Float.self)
        case .float64: return floatBinary(x, y, shape, op, Double.self)
        case .int64: return try intBinary(x, y, shape, op, Int64.self)
        case .int32: return try intBinary(x, y, shape, op, Int32.self)
        case .bool:
            switch op {
            case .add, .maximum: return zipKernel(x, y, shape: shape, Bool.self, Bool.self, Bool.self) { $0 || $1 }
            case .mul, .minimum: return zipKernel(x, y, shape: shape, Bool.self, Bool.self, Bool.self) { $0 && $1 }
            case .sub:
                throw TorchError.runtime("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
            default:
                return try binaryRaw(x.converted(to: .int64), y.converted(to: .int64), op)
            }
        }
    }

    private static func floatBinary<T: FloatElement>(_ a: Tensor, _ b: Tensor, _ shape: [Int],
                                                      _ op: BinaryOp, _: T.Type) -> Tensor {
        switch op {
        case .add: return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { $0 + $1 }
        case .sub: return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { $0 - $1 }
        case .mul: return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { $0 * $1 }
        case .div: return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { $0 / $1 }
        case .pow: return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { T.cPow($0, $1) }
        case .maximum:
            return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { x, y in
                x.isNaN || y.isNaN ? T.nan : Swift.max(x, y)
            }
        case .minimum:
            return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { x, y in
                x.isNaN || y.isNaN ? T.nan : Swift.min(x, y)
            }
        case .remainder:
            return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { x, y in
                var m = x.truncatingRemainder(dividingBy: y)
                if m != 0 && ((y < 0) != (m < 0)) { m += y }
                return m
            }
        case .floorDiv:
            // PyTorch's div_floor for floats: fmod-based so exact multiples stay exact.
            return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { x, y in
                if y == 0 { return x / y }
                let m = x.truncatingRemainder(dividingBy: y)
                var d = (x - m) / y
                if m != 0 && ((y < 0) != (m < 0)) { d -= 1 }
                if d == 0 { return T(signOf: x / y, magnitudeOf: 0) }
                var f = d.rounded(.down)
                if d - f > 0.5 { f += 1 }
                return f
            }
        }
    }

    private static func intBinary<T: ArithmeticElement & FixedWidthInteger>(
        _ a: Tensor, _ b: Tensor, _ shape: [Int], _ op: BinaryOp, _: T.Type
    ) throws -> Tensor {
        switch op {
        case .add: return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { $0 &+ $1 }
        case .sub: return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { $0 &- $1 }
        case .mul: return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { $0 &* $1 }
        case .maximum: return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { Swift.max($0, $1) }
        case .minimum: return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { Swift.min($0, $1) }
        case .div: return try binaryRaw(a.converted(to: .defaultFloat), b.converted(to: .defaultFloat), .div)
        case .floorDiv, .remainder:
            if b.int64Values().contains(0) { throw TorchError.runtime("ZeroDivisionError") }
            if op == .floorDiv {
                return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { x, y in
                    let q = x.dividedReportingOverflow(by: y).partialValue
                    return (x % y != 0 && ((x < 0) != (y < 0))) ? q &- 1 : q
                }
            }
            return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { x, y in
                let r = x.remainderReportingOverflow(dividingBy: y).partialValue
                return (r != 0 && ((r < 0) != (y < 0))) ? r &+ y : r
            }
        case .pow:
            if b.int64Values().contains(where: { $0 < 0 }) {
                throw TorchError.runtime("Integers to negative integer powers are not allowed.")
            }
            return zipKernel(a, b, shape: shape, T.self, T.self, T.self) { base, exp in
                var result: T = 1, x = base, e = exp
                while e > 0 {
                    if e & 1 == 1 { result = result &* x }
                    x = x &* x
                    e >>= 1
                }
                return result
            }
        }
    }

    /// Raw comparison with promotion and broadcasting; bool result.
    static func compareRaw(_ a: Tensor, _ b: Tensor, _ op: CompareOp) throws -> Tensor {
        let dt = resultType([a, b])
        let shape = try ShapeUtil.broadcast(a.shape, b.shape)
        try AllocationLimit.check(shape, .bool)
        let x = a.converted(to: dt), y = b.converted(to: dt)
        func run<T: TensorElement & Comparable>(_: T.Type) -> Tensor {
            switch op {
            case .eq: return zipKernel(x, y, shape: shape, T.self, T.self, Bool.self) { $0 == $1 }
            case .ne: return zipKernel(x, y, shape: shape, T.self, T.self, Bool.self) { $0 != $1 }
            case .lt: return zipKernel(x, y, shape: shape, T.self, T.self, Bool.self) { $0 < $1 }
            case .le: return zipKernel(x, y, shape: shape, T.self, T.self, Bool.self) { $0 <= $1 }
            case .gt: return zipKernel(x, y, shape: shape, T.self, T.self, Bool.self) { $0 > $1 }
            case .ge: return zipKernel(x, y, shape: shape, T.self, T.self, Bool.self) { $0 >= $1 }
            }
        }
        switch dt {
        case .float32: return run(Float.self)
        case .float64: return run(Double.self)
        case .int64: return run(Int64.self)
        case .int32: return run(Int32.self)
        case .bool: return try compareRaw(x.converted(to: .int64), y.converted(to: .int64), op)
        }
    }
}
