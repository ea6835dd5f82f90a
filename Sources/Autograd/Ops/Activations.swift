import RealModule

/// Activation functions and softmax family, with backward.

extension Tensor {
    /// Applies a float kernel chosen by dtype (ints are lifted to float32).
    func floatMap(_ f32: (Float) -> Float, _ f64: (Double) -> Double) -> Tensor {
        let x = converted(to: dtype.toFloating)
        if x.dtype == .float64 { return mapKernel(x, Double.self, Double.self, f64) }
        return mapKernel(x, Float.self, Float.self, f32)
    }

    /// Combines self and another same-shaped float tensor element-wise.
    func floatZip(_ other: Tensor, _ f32: (Float, Float) -> Float, _ f64: (Double, Double) -> Double) throws -> Tensor {
        let shape = try ShapeUtil.broadcast(self.shape, other.shape)
        let dt = DType.promote(dtype, other.dtype).toFloating
        let a = converted(to: dt), b = other.converted(to: dt)
        if dt == .float64 { return zipKernel(a, b, shape: shape, Double.self, Double.self, Double.self, f64) }
        return zipKernel(a, b, shape: shape, Float.self, Float.self, Float.self, f32)
    }

    /// `F.leaky_relu(x, negative_slope)`: LeakyReluBackward0.
    public func leakyRelu(_ slope: Double = 0.01) throws -> Tensor {
        let s32 = Float(slope)
        let out = floatMap({ $0 > 0 ? $0 : $0 * s32 }, { $0 > 0 ? $0 : $0 * slope })
        record("LeakyReluBackward0", inputs: [self], outputs: [out],
               formula: "grad_self = leaky_relu_backward(grad, self, negative_slope, false)",
               save: { node in node.save("negative_slope", .double(slope)); node.save("self", self) }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let s = try node.savedTensor("self")
            return [try grad.floatZip(s, { gv, x in x > 0 ? gv : gv * s32 }, { gv, x in x > 0 ? gv : gv * slope })]
        }
        return out
    }

    /// `F.gelu(x, approximate='none'|'tanh')`: GeluBackward0.
    public func gelu(approximate: String = "none") throws -> Tensor {
        guard approximate == "none" || approximate == "tanh" else {
            throw TorchError.runtime("approximate argument must be either none or tanh.")
        }
        let tanhApprox = approximate == "tanh"
        func fwd<T: FloatElement>(_ x: T) -> T {
            if tanhApprox {
                let k = T(0.7978845608028654), c = T(0.044715)
                return T(0.5) * x * (1 + T.tanh(k * (x + c * x * x * x)))
            }
            return x * T(0.5) * (1 + T.erf(x * T(0.7071067811865476)))
        }
        func bwd<T: FloatElement>(_ g: T, _ x: T) -> T {
            if tanhApprox {
                let k = T(0.7978845608028654), c = T(0.044715)
                let inner = k * (x + c * x * x * x)
                let t = T.tanh(inner)
                let left = T(0.5) * x, right = 1 + t
                let leftD = T(0.5) * right
                let tanhD = 1 - t * t
                let innerD = k * (1 + 3 * c * x * x)
                return g * (leftD + left * tanhD * innerD)
            }
            let cdf = T(0.5) * (1 + T.erf(x * T(0.7071067811865476)))
            let pdf = T.exp(T(-0.5) * x * x) * T(0.3989422804014327)
            return g * (cdf + x * pdf)
        }
        let out = floatMap({ fwd($0) }, { fwd($0) })
        record("GeluBackward0", inputs: [self], outputs: [out], formula: "grad_self = gelu_backward(grad, self, approximate)",
               save: { node in node.save("approximate", .string(approximate)); node.save("self", self) }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let s = try node.savedTensor("self")
            return [try grad.floatZip(s, { bwd($0, $1) }, { bwd($0, $1) })]
        }
        return out
    }

    /// `F.elu(x, alpha)`: EluBackward0.
    public func elu(alpha: Double = 1) throws -> Tensor {
        let a32 = Float(alpha)
        let out = floatMap({ $0 > 0 ? $0 : a32 * Float.expMinusOne($0) }, { $0 > 0 ? $0 : alpha * Double.expMinusOne($0) })
        record("EluBackward0", inputs: [self], outputs: [out], formula: "grad_self = elu_backward(grad, alpha, scale, input_scale, false, self)",
               save: { node in
                   node.save("alpha", .double(alpha)); node.save("input_scale", .double(1)); node.save("scale", .double(1))
                   node.save("self", self)
               }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let s = try node.savedTensor("self")
            return [try grad.floatZip(s, { gv, x in x > 0 ? gv : gv * a32 * Float.exp(x) },
                                      { gv, x in x > 0 ? gv : gv * alpha * Double.exp(x) })]
        }
        return out
    }

    /// `F.silu(x)`: SiluBackward0.
    public func silu() throws -> Tensor {
        let out = floatMap({ $0 / (1 + Float.exp(-$0)) }, { $0 / (1 + Double.exp(-$0)) })
        record("SiluBackward0", inputs: [self], outputs: [out], formula: "grad_self = grad * sigmoid(self) * (1 + self * (1 - sigmoid(self)))",
               save: { $0.save("self", self) }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let s = try node.savedTensor("self")
            func b<T: FloatElement>(_ gv: T, _ x: T) -> T {
                let sg = 1 / (1 + T.exp(-x))
                return gv * sg * (1 + x * (1 - sg))
            }
            return [try grad.floatZip(s, { b($0, $1) }, { b($0, $1) })]
        }
        return out
    }

    /// `F.softplus(x, beta, threshold)`: SoftplusBackward0.
    public func softplus(beta: Double = 1, threshold: Double = 20) throws -> Tensor {
        func f<T: FloatElement>(_ x: T) -> T {
            let bx = x * T(beta)
            return bx > T(threshold) ? x : T.log(onePlus: T.exp(bx)) / T(beta)
        }
        let out = floatMap({ f($0) }, { f($0) })
        record("SoftplusBackward0", inputs: [self], outputs: [out], formula: "grad_self = softplus_backward(grad, self, beta, threshold)",
               save: { node in node.save("beta", .double(beta)); node.save("self", self); node.save("threshold", .double(threshold)) }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let s = try node.savedTensor("self")
            func b<T: FloatElement>(_ gv: T, _ x: T) -> T {
                let z = T.exp(x * T(beta))
                return x * T(beta) > T(threshold) ? gv : gv * z / (z + 1)
            }
            return [try grad.floatZip(s, { b($0, $1) }, { b($0, $1) })]
        }
        return out
    }

    /// `F.softmax(x, dim)`: SoftmaxBackward0.
    public func softmax(dim: Int) throws -> Tensor {
        let d = try ShapeUtil.wrapDim(dim, ndim)
        guard dtype.isFloatingPoint else {
            throw TorchError.runtime("\"softmax_\(d == Swift.max(ndim - 1, 0) ? "lastdim_" : "")kernel_impl\" not implemented for '\(dtype.scalarTypeName)'")
        }
        let x = converted(to: dtype.toFloating)
        let out = x.dtype == .float32 || x.dtype == .float64 ? x.softmaxKernel(dim: d, log: false) : x.mapLanes(dim: d) { lane, o in
            var m = -Double.infinity
            for v in lane where v > m || v.isNaN { m = v }
            var s = 0.0
            for i in 0..<lane.count { o[i] = Double.exp(lane[i] - m); s += o[i] }
            for i in 0..<lane.count { o[i] /= s }
        }
        record("SoftmaxBackward0", inputs: [self], outputs: [out], formula: "grad_self = result * (grad - (grad * result).sum(dim, keepdim=True))",
               save: { node in node.save("dim", .int(d)); node.save("result", out, isOutput: true) }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let y = try node.savedTensor("result")
            if (y.dtype == .float32 || y.dtype == .float64) && grad.dtype == y.dtype && grad.shape == y.shape && !GradMode.isEnabled {
                return [Tensor.softmaxBackwardKernel(grad: grad, output: y, dim: d, log: false)]
            }
            // PyTorch's softmax backward: y * (grad - sum(grad * y, dim)).
            return [try y.mul(grad.sub(grad.mul(y).sum(dims: [d], keepdim: true)))]
        }
        return out
    }

    /// `F.log_softmax(x, dim)`: LogSoftmaxBackward0.
    public func logSoftmax(dim: Int) throws -> Tensor {
        let d = try ShapeUtil.wrapDim(dim, ndim)
        guard dtype.isFloatingPoint else {
            throw TorchError.runtime("\"log_softmax_\(d == Swift.max(ndim - 1, 0) ? "lastdim_" : "")kernel_impl\" not implemented for '\(dtype.scalarTypeName)'")
        }
        let x = converted(to: dtype.toFloating)
        let out = x.dtype == .float32 || x.dtype == .float64 ? x.softmaxKernel(dim: d, log: true) : x.mapLanes(dim: d) { lane, o in
            var m = -Double.infinity
            for v in lane where v > m || v.isNaN { m = v }
            if m.isInfinite { m = 0 }
            var s = 0.0
            for i in 0..<lane.count { s += Double.exp(lane[i] - m) }
            let l = Double.log(s)
            for i in 0..<lane.count { o[i] = lane[i] - m - l }
        }
        record("LogSoftmaxBackward0", inputs: [self], outputs: [out], formula: "grad_self = grad - result.exp() * grad.sum(dim, keepdim=True)",
               save: { node in node.save("dim", .int(d)); node.save("result", out, isOutput: true) }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let y = try node.savedTensor("result")
            if (y.dtype == .float32 || y.dtype == .float64) && grad.dtype == y.dtype && grad.shape == y.shape && !GradMode.isEnabled {
                return [Tensor.softmaxBackwardKernel(grad: grad, output: y, dim: d, log: true)]
            }
            return [try grad.sub(y.exp().mul(grad.sum(dims: [d], keepdim: true)))]
        }
        return out
    }

    /// `F.dropout(x, p, training)`: `x * (bernoulli(1 - p) / (1 - p))` as PyTorch's CPU path
    /// (MulBackward0). `bernoulli(shape, dtype, keepProbability)` draws the mask; the random
    /// generator lives elsewhere and is injected here.
    public func dropout(p: Double = 0.5, training: Bool = true,
                        bernoulli: (_ shape: [Int], _ dtype: DType, _ keep: Double) throws -> Tensor) throws -> Tensor {
        guard p >= 0 && p <= 1 else {
            throw TorchError.value("dropout probability has to be between 0 and 1, but got \(formatPythonFloat(p))")
        }
        if !training || p == 0 || count == 0 { return self }
        if p == 1 { return try mul(Tensor.zerosLike(self)) }
        let noise = try bernoulli(shape, dtype.toFloating, 1 - p)
        let scaled = try GradMode.noGrad { try noise.detach().div(.double(1 - p)) }
        return try mul(scaled)
    }
}
