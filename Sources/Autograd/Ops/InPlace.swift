/// In-place ops (`add_`, `mul_`, ... as optimizers and init use them): version-counter bumps,
/// PyTorch's leaf check, and graph rebasing when the result needs a gradient.

extension Tensor {
    /// Refuses in-place changes of leaves that require grad while grad mode is on.
    func checkInPlace() throws {
        guard GradMode.isEnabled else { return }
        if isLeaf && leafRequiresGrad {
            throw TorchError.runtime("a leaf Variable that requires grad is being used in an in-place operation.")
        }
        if let base = viewBase, base.isLeaf, base.leafRequiresGrad {
            throw TorchError.runtime("a view of a leaf Variable that requires grad is being used in an in-place operation.")
        }
    }

    /// Runs `compute` (an out-of-place op) and writes its result into self. When a graph is
    /// needed, the op runs on a copy linked to self's history, so saved values stay valid
    /// (PyTorch saves the original self likewise), and self takes the new node.
    @discardableResult
    func inPlace(_ others: [Tensor?] = [], _ compute: (Tensor) throws -> Tensor) throws -> Tensor {
        try checkInPlace()
        let graph = GradMode.isEnabled && (requiresGrad || others.contains { $0?.requiresGrad == true })
        let result: Tensor
        if graph {
            let src = clone_raw()
            src.gradFn = gradFn
            src.outputNr = outputNr
            result = try compute(src)
        } else {
            result = try GradMode.noGrad { try compute(self) }
        }
        guard result.shape == shape else {
            throw TorchError.runtime("output with shape \(shapeString(shape)) doesn't match the broadcast shape \(shapeString(result.shape))")
        }
        if result.dtype != dtype && DType.promote(result.dtype, dtype) != dtype {
            throw TorchError.runtime("result type \(result.dtype.scalarTypeName) can't be cast to the desired output type \(dtype.scalarTypeName)")
        }
        copyElements(from: result)
        versionCounter.bump()
        if graph, let base = viewBase {
            try rebaseViewHistory(base: base, result: result)
        } else if graph, let fn = result.gradFn {
            gradFn = fn
            outputNr = result.outputNr
        }
        return self
    }

    /// After an in-place op through a view, the base takes a CopySlices node (its region now
    /// holds the op's result) and the view is re-derived from the new base, as PyTorch does.
    private func rebaseViewHistory(base: Tensor, result: Tensor) throws {
        guard base.isContiguous else {
            throw TorchError.runtime("in-place operations on a view of a non-contiguous tensor that requires grad are not supported; call .contiguous() first")
        }
        base.rebaseHistory(positions: positionsInBase(base), regionShape: shape, value: result)
        refreshViewHistory(base: base)
    }

    /// Row-major logical positions of this view's elements inside its (contiguous) base.
    func positionsInBase(_ base: Tensor) -> [Int64] {
        var positions: [Int64] = []
        positions.reserveCapacity(count)
        forEachOffset(shape, strides, offset) { positions.append(Int64($0 - base.offset)) }
        return positions
    }

    /// Re-derives this view's history from its base's current one (PyTorch regenerates a
    /// view's grad_fn after its base changed in place).
    func refreshViewHistory(base: Tensor) {
        let positions = positionsInBase(base)
        let baseShape = base.shape
        let node = FunctionNode(name: "AsStridedBackward0", nextEdges: [base.gradientEdge()],
                                formula: "grad_self = as_strided_backward(grad, self_geometry, size, stride, storage_offset)") { _, g in
            guard let grad = g[0] else { return [nil] }
            let z = try Tensor(checkedShape: [shapeProduct(baseShape)], dtype: grad.dtype)
            try z.setItem([.tensor(Tensor.from(ints: positions))], grad.contiguous().reshape([-1]))
            return [try z.reshape(baseShape)]
        }
        node.inputMeta = [(baseShape, base.dtype)]
        gradFn = node
        outputNr = 0
    }

    /// `grad += other` for gradient accumulation (no checks, no graph).
    func addInPlaceRaw(_ other: Tensor) throws {
        let o = other.converted(to: dtype)
        guard try ShapeUtil.broadcast(shape, o.shape) == shape else {
            throw TorchError.runtime("output with shape \(shapeString(shape)) doesn't match the broadcast shape \(shapeString(o.shape))")
        }
        switch dtype {
        case .float32: zipInPlaceKernel(self, o, Float.self, Float.self) { $0 + $1 }
        case .float64: zipInPlaceKernel(self, o, Double.self, Double.self) { $0 + $1 }
        default: copyElements(from: try Tensor.binaryRaw(self, o, .add))
        }
        versionCounter.bump()
    }

    /// `add_(other, alpha=)`.
    @discardableResult
    public func add_(_ other: Tensor, alpha: Scalar = .int(1)) throws -> Tensor {
        // Hot path for optimizers: float, no graph, same dtype.
        if !GradMode.isEnabled || (!requiresGrad && !other.requiresGrad), other.dtype == dtype, dtype.isFloatingPoint,
           (try? ShapeUtil.broadcast(shape, other.shape)) == shape {
            try checkInPlace()
            let a = alpha.doubleValue
            if dtype == .float32 {
                let af = Float(a)
                if a == 1 { zipInPlaceKernel(self, other, Float.self, Float.self) { $0 + $1 } } else {
                    zipInPlaceKernel(self, other, Float.self, Float.self) { $0 + af * $1 }
                }
            } else {
                zipInPlaceKernel(self, other, Double.self, Double.self) { $0 + a * $1 }
            }
            versionCounter.bump()
            return self
        }
        return try inPlace([other]) { try $0.add(other, alpha: alpha) }
    }
    /// `add_(number)`.
    @discardableResult
    public func add_(_ other: Scalar, alpha: Scalar = .int(1)) throws -> Tensor { try inPlace { try $0.add(other, alpha: alpha) } }
    /// `sub_(other, alpha=)`.
    @discardableResult
    public func sub_(_ other: Tensor, alpha: Scalar = .int(1)) throws -> Tensor { try inPlace([other]) { try $0.sub(other, alpha: alpha) } }
    /// `sub_(number)`.
    @discardableResult
    public func sub_(_ other: Scalar, alpha: Scalar = .int(1)) throws -> Tensor { try inPlace { try $0.sub(other, alpha: alpha) } }
    /// `mul_(other)`.
    @discardableResult
    public func mul_(_ other: Tensor) throws -> Tensor { try inPlace([other]) { try $0.mul(other) } }
    /// `mul_(number)`.
    @discardableResult
    public func mul_(_ other: Scalar) throws -> Tensor { try inPlace { try $0.mul(other) } }
    /// `div_(other)`.
    @discardableResult
    public func div_(_ other: Tensor) throws -> Tensor { try inPlace([other]) { try $0.div(other) } }
    /// `div_(number)`.
    @discardableResult
    public func div_(_ other: Scalar) throws -> Tensor { try inPlace { try $0.div(other) } }
    /// `pow_(number)`.
    @discardableResult
    public func pow_(_ exponent: Scalar) throws -> Tensor { try inPlace { try $0.pow(exponent) } }
    /// `pow_(tensor)`.
    @discardableResult
    public func pow_(_ exponent: Tensor) throws -> Tensor { try inPlace([exponent]) { try $0.pow(exponent) } }

    /// `addcmul_(t1, t2, value=)`: self += value * t1 * t2.
    @discardableResult
    public func addcmul_(_ t1: Tensor, _ t2: Tensor, value: Scalar = .int(1)) throws -> Tensor {
        try inPlace([t1, t2]) { try $0.addcmul(t1, t2, value: value) }
    }

    /// `addcdiv_(t1, t2, value=)`: self += value * t1 / t2.
    @discardableResult
    public func addcdiv_(_ t1: Tensor, _ t2: Tensor, value: Scalar = .int(1)) throws -> Tensor {
        try inPlace([t1, t2]) { try $0.addcdiv(t1, t2, value: value) }
    }

    /// `addcmul(t1, t2, value=)`: self + value * t1 * t2, in PyTorch's order ((value * t1) * t2).
    public func addcmul(_ t1: Tensor, _ t2: Tensor, value: Scalar = .int(1)) throws -> Tensor {
        try add(t1.mul(value).mul(t2))
    }

    /// `addcdiv(t1, t2, value=)`: self + value * t1 / t2, in PyTorch's order ((value * t1) / t2).
    public func addcdiv(_ t1: Tensor, _ t2: Tensor, value: Scalar = .int(1)) throws -> Tensor {
        try add(t1.mul(value).div(t2))
    }

    /// `lerp(end, weight)`: self + weight * (end - self), with PyTorch's two-sided formula.
    public func lerp(_ end: Tensor, weight: Scalar) throws -> Tensor {
        let w = weight.doubleValue
        if Swift.abs(w) < 0.5 { return try add(end.sub(self).mul(weight)) }
        // `1 - weight` is formed in the tensor's precision, as PyTorch's kernel does.
        let oneMinus = dtype == .float32 ? Double(1 - Float(w)) : 1 - w
        return try end.sub(end.sub(self).mul(.double(oneMinus)))
    }

    /// `lerp_(end, weight)`.
    @discardableResult
    public func lerp_(_ end: Tensor, weight: Scalar) throws -> Tensor {
        try inPlace([end]) { try $0.lerp(end, weight: weight) }
    }

    /// `lerp(end, weight)` with a tensor weight.
    public func lerp(_ end: Tensor, weight: Tensor) throws -> Tensor {
        try add(weight.mul(end.sub(self)))
    }

    /// `copy_(src)`: copies (broadcast, any dtype) into self.
    @discardableResult
    public func copy_(_ src: Tensor) throws -> Tensor {
        try checkInPlace()
        _ = try ShapeUtil.broadcast(shape, src.shape)
        if GradMode.isEnabled && src.requiresGrad {
            return try inPlace([src]) { t in try src.expand(t.shape).to(t.dtype).add(t.mul(.int(0))) }
        }
        copyElements(from: try src.expand(shape))
        versionCounter.bump()
        return self
    }

    /// `fill_(value)`: FillBackward2 when self needs a gradient.
    @discardableResult
    public func fill_(_ value: Scalar) throws -> Tensor { try fillInPlace(value, node: "FillBackward2") }

    /// `zero_()`: ZeroBackward0 when self needs a gradient.
    @discardableResult
    public func zero_() throws -> Tensor { try fillInPlace(.int(0), node: "ZeroBackward0") }

    /// Fills self with `value`; with a graph, self takes a node of its own (named as PyTorch
    /// names it) that sends a zero gradient back to self's old history.
    private func fillInPlace(_ value: Scalar, node name: String) throws -> Tensor {
        try checkInPlace()
        if GradMode.isEnabled && requiresGrad {
            return try inPlace { t in
                let out = Tensor.fullLike(t, value)
                record(name, inputs: [t], outputs: [out], formula: "grad_self = zeros_like(grad)") { _, g in
                    [g[0].map { Tensor.zerosLike($0) }]
                }
                return out
            }
        }
        fillRaw(value)
        versionCounter.bump()
        return self
    }

    /// `clamp_(min=, max=)`.
    @discardableResult
    public func clamp_(min lo: Scalar? = nil, max hi: Scalar? = nil) throws -> Tensor {
        try inPlace { try $0.clamp(min: lo, max: hi) }
    }

    /// `exp_()`.
    @discardableResult
    public func exp_() throws -> Tensor { try inPlace { try $0.exp() } }
    /// `sqrt_()`.
    @discardableResult
    public func sqrt_() throws -> Tensor { try inPlace { try $0.sqrt() } }
    /// `neg_()`.
    @discardableResult
    public func neg_() throws -> Tensor { try inPlace { try $0.neg() } }
    /// `relu_()`.
    @discardableResult
    public func relu_() throws -> Tensor { try inPlace { try $0.relu() } }
    /// `sigmoid_()`.
    @discardableResult
    public func sigmoid_() throws -> Tensor { try inPlace { try $0.sigmoid() } }
    /// `tanh_()`.
    @discardableResult
    public func tanh_() throws -> Tensor { try inPlace { try $0.tanh() } }
    /// `abs_()`.
    @discardableResult
    public func abs_() throws -> Tensor { try inPlace { try $0.abs() } }
    /// `log_()`.
    @discardableResult
    public func log_() throws -> Tensor { try inPlace { try $0.log() } }

    /// `masked_fill_(mask, value)`.
    @discardableResult
    public func maskedFill_(_ mask: Tensor, _ value: Scalar) throws -> Tensor {
        try inPlace { try $0.maskedFill(mask, value) }
    }

    /// `scatter_(dim, index, src)`.
    @discardableResult
    public func scatter_(dim: Int, index: Tensor, src: Tensor) throws -> Tensor {
        try inPlace([src]) { try $0.scatter(dim: dim, index: index, src: src) }
    }

    /// `scatter_(dim, index, value)`.
    @discardableResult
    public func scatter_(dim: Int, index: Tensor, value: Scalar) throws -> Tensor {
        try inPlace { try $0.scatter(dim: dim, index: index, value: value) }
    }
}
