/// Differentiable element-wise math: exp, log, sqrt, trig, sigmoid, relu, rounding ...

extension Tensor {
    /// Builds a unary op: forward kernel, node name, formula and backward in one place.
    /// `backward` receives the incoming gradient, the saved input and the saved result.
    private func unaryOp(_ fn: UnaryFn, _ name: String, _ formula: String,
                         saveSelf: Bool = false, saveResult: Bool = false,
                         _ backward: @escaping (Tensor, Tensor?, Tensor?) throws -> Tensor) -> Tensor {
        let out = unaryRaw(fn)
        record(name, inputs: [self], outputs: [out], formula: formula, save: { node in
            if saveSelf { node.save("self", self) }
            if saveResult { node.save("result", out, isOutput: true) }
        }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let s = saveSelf ? try node.savedTensor("self") : nil
            let r = saveResult ? try node.savedTensor("result") : nil
            return [try backward(grad, s, r)]
        }
        return out
    }

    /// `exp()`: ExpBackward0.
    public func exp() throws -> Tensor {
        unaryOp(.exp, "ExpBackward0", "grad_self = grad * result", saveResult: true) { g, _, r in
            try g.mul(r.orZero())
        }
    }

    /// `log()`: LogBackward0.
    public func log() throws -> Tensor {
        unaryOp(.log, "LogBackward0", "grad_self = grad / self", saveSelf: true) { g, s, _ in
            try g.div(s.orZero())
        }
    }

    /// `log1p()`: Log1PBackward0.
    public func log1p() throws -> Tensor {
        unaryOp(.log1p, "Log1PBackward0", "grad_self = grad / (self + 1)", saveSelf: true) { g, s, _ in
            try g.div(s.orZero().add(.int(1)))
        }
    }

    /// `expm1()`: Expm1Backward0.
    public func expm1() throws -> Tensor {
        unaryOp(.expm1, "Expm1Backward0", "grad_self = grad * (result + 1)", saveResult: true) { g, _, r in
            try g.mul(r.orZero().add(.int(1)))
        }
    }

    /// `sqrt()`: SqrtBackward0.
    public func sqrt() throws -> Tensor {
        unaryOp(.sqrt, "SqrtBackward0", "grad_self = grad / (2 * result)", saveResult: true) { g, _, r in
            try g.div(r.orZero().mul(.int(2)))
        }
    }

    /// `rsqrt()`: RsqrtBackward0.
    public func rsqrt() throws -> Tensor {
        unaryOp(.rsqrt, "RsqrtBackward0", "grad_self = -0.5 * grad * result.pow(3)", saveResult: true) { g, _, r in
            try g.mul(r.orZero().pow(.int(3))).mul(.double(-0.5))
        }
    }

    /// `sin()`: SinBackward0.
    public func sin() throws -> Tensor {
        unaryOp(.sin, "SinBackward0", "grad_self = grad * self.cos()", saveSelf: true) { g, s, _ in
            try g.mul(s.orZero().cos())
        }
    }

    /// `cos()`: CosBackward0.
    public func cos() throws -> Tensor {
        unaryOp(.cos, "CosBackward0", "grad_self = grad * -self.sin()", saveSelf: true) { g, s, _ in
            try g.mul(s.orZero().sin().neg())
        }
    }

    /// `tan()`: TanBackward0.
    public func tan() throws -> Tensor {
        unaryOp(.tan, "TanBackward0", "grad_self = grad * (1 + result.pow(2))", saveResult: true) { g, _, r in
            try g.mul(r.orZero().pow(.int(2)).add(.int(1)))
        }
    }

    /// `tanh()`: TanhBackward0.
    public func tanh() throws -> Tensor {
        unaryOp(.tanh, "TanhBackward0", "grad_self = grad * (1 - result * result)", saveResult: true) { g, _, r in
            let y = try r.orZero()
            return try g.mul(y.mul(y).rsub(.int(1)))
        }
    }

    /// `sigmoid()`: SigmoidBackward0.
    public func sigmoid() throws -> Tensor {
        unaryOp(.sigmoid, "SigmoidBackward0", "grad_self = grad * (1 - result) * result", saveResult: true) { g, _, r in
            let y = try r.orZero()
            // PyTorch's sigmoid_backward order: (grad * (1 - y)) * y.
            return try g.mul(y.rsub(.int(1))).mul(y)
        }
    }

    /// `reciprocal()`: ReciprocalBackward0.
    public func reciprocal() throws -> Tensor {
        unaryOp(.reciprocal, "ReciprocalBackward0", "grad_self = -grad * (result * result)", saveResult: true) { g, _, r in
            let y = try r.orZero()
            return try g.neg().mul(y.mul(y))
        }
    }

    /// `abs()`: AbsBackward0.
    public func abs() throws -> Tensor {
        unaryOp(.abs, "AbsBackward0", "grad_self = grad * self.sgn()", saveSelf: true) { g, s, _ in
            try g.mul(s.orZero().unaryRaw(.sign))
        }
    }

    /// `sign()`: SignBackward0 (zero gradient).
    public func sign() throws -> Tensor {
        unaryOp(.sign, "SignBackward0", "grad_self = zeros_like(grad)") { g, _, _ in Tensor.zerosLike(g) }
    }

    /// `floor()`: FloorBackward0 (zero gradient).
    public func floor() throws -> Tensor {
        unaryOp(.floor, "FloorBackward0", "grad_self = zeros_like(grad)") { g, _, _ in Tensor.zerosLike(g) }
    }

    /// `ceil()`: CeilBackward0 (zero gradient).
    public func ceil() throws -> Tensor {
        unaryOp(.ceil, "CeilBackward0", "grad_self = zeros_like(grad)") { g, _, _ in Tensor.zerosLike(g) }
    }

    /// `round()`: RoundBackward0 (zero gradient), half to even.
    public func round() throws -> Tensor {
        unaryOp(.round, "RoundBackward0", "grad_self = zeros_like(grad)") { g, _, _ in Tensor.zerosLike(g) }
    }

    /// `round(decimals=)`.
    public func round(decimals: Int) throws -> Tensor {
        if decimals == 0 { return try round() }
        var scale = 1.0
        for _ in 0..<Swift.abs(decimals) { scale *= 10 }
        if decimals > 0 { return try mul(.double(scale)).round().div(.double(scale)) }
        return try div(.double(scale)).round().mul(.double(scale))
    }

    /// `trunc()`: TruncBackward0 (zero gradient).
    public func trunc() throws -> Tensor {
        unaryOp(.trunc, "TruncBackward0", "grad_self = zeros_like(grad)") { g, _, _ in Tensor.zerosLike(g) }
    }

    /// `relu()`: ReluBackward0.
    public func relu() throws -> Tensor {
        let out: Tensor
        switch dtype {
        case .float32: out = mapKernel(self, Float.self, Float.self) { $0 > 0 || $0.isNaN ? $0 : 0 }
        case .float64: out = mapKernel(self, Double.self, Double.self) { $0 > 0 || $0.isNaN ? $0 : 0 }
        case .int64: out = mapKernel(self, Int64.self, Int64.self) { Swift.max($0, 0) }
        case .int32: out = mapKernel(self, Int32.self, Int32.self) { Swift.max($0, 0) }
        case .bool: throw TorchError.runtime("\"clamp_min_cpu\" not implemented for 'Bool'")
        }
        if !Tensor.needsGraph(self) { return out }
        record("ReluBackward0", inputs: [self], outputs: [out],
               formula: "grad_self = threshold_backward(grad, result, 0)",
               save: { $0.save("result", out, isOutput: true) }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let r = try node.savedTensor("result")
            return [try Tensor.whereRaw(r.gt(.int(0)), grad, Tensor.zerosLike(grad))]
        }
        return out
    }
}

extension Optional where Wrapped == Tensor {
    /// Unwraps a saved tensor that the op always saves (a missing one is an internal error,
    /// reported as a RuntimeError rather than a crash).
    func orZero() throws -> Tensor {
        guard let t = self else { throw TorchError.runtime("saved tensor missing") }
        return t
    }
}
