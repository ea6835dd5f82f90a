import RealModule

/// Element-wise math functions of one floating-point argument.
enum UnaryFn {
    case exp, log, log1p, expm1, sqrt, rsqrt, sin, cos, tan, tanh, sigmoid, reciprocal
    case trunc, floor, ceil, round, abs, sign, neg
}

extension Tensor {
    /// Raw `fn(self)`: integer inputs are lifted to float32 for transcendental functions and
    /// keep their dtype for abs/sign/neg/rounding, as PyTorch does.
    func unaryRaw(_ fn: UnaryFn) -> Tensor {
        switch fn {
        case .trunc, .floor, .ceil, .round:
            if !dtype.isFloatingPoint { return contiguousData() === self ? clone_raw() : contiguousData() }
        case .abs, .sign, .neg:
            switch dtype {
            case .int64: return intUnary(fn, Int64.self)
            case .int32: return intUnary(fn, Int32.self)
            case .bool: return fn == .neg ? converted(to: .int64).unaryRaw(.neg) : clone_raw()
            default: break
            }
        default: break
        }
        let x = converted(to: dtype.toFloating)
        return x.dtype == .float64 ? x.floatUnary(fn, Double.self) : x.floatUnary(fn, Float.self)
    }

    /// A contiguous copy without autograd.
    func clone_raw() -> Tensor {
        let out = Tensor(shape: shape, dtype: dtype, zeroed: false)
        out.copyElements(from: self)
        return out
    }

    private func intUnary<T: ArithmeticElement & FixedWidthInteger & SignedInteger>(_ fn: UnaryFn, _: T.Type) -> Tensor {
        switch fn {
        case .abs: return mapKernel(self, T.self, T.self) { $0 < 0 ? 0 &- $0 : $0 }
        case .sign: return mapKernel(self, T.self, T.self) { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
        default: return mapKernel(self, T.self, T.self) { 0 &- $0 }
        }
    }

    private func floatUnary<T: FloatElement>(_ fn: UnaryFn, _: T.Type) -> Tensor {
        switch fn {
        case .exp: return mapKernel(self, T.self, T.self) { T.exp($0) }
        case .log: return mapKernel(self, T.self, T.self) { T.log($0) }
        case .log1p: return mapKernel(self, T.self, T.self) { T.log(onePlus: $0) }
        case .expm1: return mapKernel(self, T.self, T.self) { T.expMinusOne($0) }
        case .sqrt: return mapKernel(self, T.self, T.self) { $0.squareRoot() }
        case .rsqrt: return mapKernel(self, T.self, T.self) { 1 / $0.squareRoot() }
        case .sin: return mapKernel(self, T.self, T.self) { T.sin($0) }
        case .cos: return mapKernel(self, T.self, T.self) { T.cos($0) }
        case .tan: return mapKernel(self, T.self, T.self) { T.tan($0) }
        case .tanh: return mapKernel(self, T.self, T.self) { T.tanh($0) }
        case .sigmoid: return mapKernel(self, T.self, T.self) { 1 / (1 + T.exp(-$0)) }
        case .reciprocal: return mapKernel(self, T.self, T.self) { 1 / $0 }
        case .trunc: return mapKernel(self, T.self, T.self) { $0.rounded(.towardZero) }
        case .floor: return mapKernel(self, T.self, T.self) { $0.rounded(.down) }
        case .ceil: return mapKernel(self, T.self, T.self) { $0.rounded(.up) }
        case .round: return mapKernel(self, T.self, T.self) { $0.rounded(.toNearestOrEven) }
        case .abs: return mapKernel(self, T.self, T.self) { Swift.abs($0) }
        case .neg: return mapKernel(self, T.self, T.self) { -$0 }
        case .sign: return mapKernel(self, T.self, T.self) { $0 > 0 ? 1 : ($0 < 0 ? -1 : ($0.isNaN ? $0 : 0)) }
        }
    }
}
