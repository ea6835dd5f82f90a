/// sum / mean / prod / max / min / amax / amin / argmax / argmin / var / std / norm /
/// logsumexp / cumsum, with backward.

extension Tensor {
    /// Re-inserts reduced dims (size 1) so a reduced gradient broadcasts against the input.
    func restoreReducedDims(_ dims: Set<Int>, inputNdim: Int, keepdim: Bool) throws -> Tensor {
        if keepdim || dims.isEmpty { return self }
        var r = self
        for d in dims.sorted() where d < inputNdim { r = try r.unsqueeze(d) }
        return r
    }

    /// `sum()`: SumBackward0.
    public func sum() throws -> Tensor {
        let out = try sumRaw(dims: [], keepdim: false)
        let inShape = shape
        record("SumBackward0", inputs: [self], outputs: [out], formula: "grad_self = grad.expand(self.sizes())",
               save: { $0.save("self_sym_sizes", .ints(inShape)) }) { _, g in
            [try g[0]?.expand(inShape)]
        }
        return out
    }

    /// `sum(dim, keepdim)`: SumBackward1.
    public func sum(dims: [Int], keepdim: Bool = false) throws -> Tensor {
        let set = try reductionDims(dims)
        let out = try sumRaw(dims: dims, keepdim: keepdim)
        let inShape = shape, n = ndim
        record("SumBackward1", inputs: [self], outputs: [out], formula: "grad_self = sum_backward(grad, self.sizes(), dim, keepdim)",
               save: { node in
                   node.save("dim", .ints(set.sorted())); node.save("keepdim", .bool(keepdim))
                   node.save("self_sym_sizes", .ints(inShape))
               }) { _, g in
            [try g[0]?.restoreReducedDims(set, inputNdim: n, keepdim: keepdim).expand(inShape)]
        }
        return out
    }

    /// `sum(dim)` for one dim.
    public func sum(dim: Int, keepdim: Bool = false) throws -> Tensor { try sum(dims: [dim], keepdim: keepdim) }

    private func meanDTypeCheck(_ name: String) throws {
        guard dtype.isFloatingPoint else {
            throw TorchError.runtime("\(name)(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(dtype.scalarTypeName)")
        }
    }

    /// `mean()`: MeanBackward0.
    public func mean() throws -> Tensor {
        try meanDTypeCheck("mean")
        let n = count
        let out = try Tensor.binaryRaw(sumRaw(dims: [], keepdim: false), .wrapped(.int(Int64(n))), .div)
        let inShape = shape
        record("MeanBackward0", inputs: [self], outputs: [out], formula: "grad_self = grad.expand(self.sizes()) / self.numel()",
               save: { node in node.save("self_sym_numel", .int(n)); node.save("self_sym_sizes", .ints(inShape)) }) { _, g in
            [try g[0]?.expand(inShape).div(.int(Int64(n)))]
        }
        return out
    }

    /// `mean(dim, keepdim)`: MeanBackward1.
    public func mean(dims: [Int], keepdim: Bool = false) throws -> Tensor {
        try meanDTypeCheck("mean")
        let set = try reductionDims(dims)
        let k = set.reduce(1) { $0 * shape[$1] }
        let out = try Tensor.binaryRaw(sumRaw(dims: dims, keepdim: keepdim), .wrapped(.int(Int64(k))), .div)
        let inShape = shape, n = ndim
        record("MeanBackward1", inputs: [self], outputs: [out], formula: "grad_self = mean_backward(grad, self.sizes(), dim, self.numel(), keepdim)",
               save: { node in
                   node.save("dim", .ints(set.sorted())); node.save("keepdim", .bool(keepdim))
                   node.save("self_sym_numel", .int(self.count)); node.save("self_sym_sizes", .ints(inShape))
               }) { _, g in
            [try g[0]?.restoreReducedDims(set, inputNdim: n, keepdim: keepdim).expand(inShape).div(.int(Int64(k)))]
        }
        return out
    }

    /// `mean(dim)` for one dim.
    public func mean(dim: Int, keepdim: Bool = false) throws -> Tensor { try mean(dims: [dim], keepdim: keepdim) }

    /// `prod()`: ProdBackward0.
    public func prod() throws -> Tensor {
        let flat = try reshape([-1])
        let r = try flat.prod(dim: 0, keepdim: false)
        return r
    }

    /// `prod(dim, keepdim)`: ProdBackward1 (zeros handled through products of the others).
    public func prod(dim: Int, keepdim: Bool = false) throws -> Tensor {
        let d = try ShapeUtil.wrapDim(dim, ndim)
        let outDType: DType = dtype.isFloatingPoint ? dtype : .int64
        let out = reduceLanes(dim: d, keepdim: keepdim, dtype: outDType) { lane in
            (lane.reduce(1.0, *), 0)
        }.values
        let n = ndim
        record("ProdBackward1", inputs: [self], outputs: [out], formula: "grad_self = prod_backward(grad, self, result, dim, keepdim)",
               save: { node in
                   node.save("dim", .int(d)); node.save("keepdim", .bool(keepdim)); node.save("self", self)
                   node.save("result", out, isOutput: true)
               }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let s = try node.savedTensor("self")
            // Product of all other elements of each lane, by prefix and suffix products.
            let others = s.mapLanes(dim: d) { lane, o in
                var prefix = 1.0
                for i in 0..<lane.count { o[i] = prefix; prefix *= lane[i] }
                var suffix = 1.0
                for i in stride(from: lane.count - 1, through: 0, by: -1) { o[i] *= suffix; suffix *= lane[i] }
            }
            return [try grad.restoreReducedDims([d], inputNdim: n, keepdim: keepdim).mul(others)]
        }
        return out
    }

    /// `max()`: MaxBackward1 (gradient split evenly among ties).
    public func max() throws -> Tensor { try allExtremum(max: true) }
    /// `min()`: MinBackward1.
    public func min() throws -> Tensor { try allExtremum(max: false) }

    private func allExtremum(max: Bool) throws -> Tensor {
        guard count > 0 else {
            throw TorchError.runtime("\(max ? "max" : "min")(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
        }
        let flat = try GradMode.noGrad { try contiguous().reshape([-1]) }
        let r = flat.reduceLanes(dim: 0, keepdim: false) { Self.laneExtremum($0, max: max) }.values
        let name = max ? "MaxBackward1" : "MinBackward1"
        record(name, inputs: [self], outputs: [r], formula: "grad_self = evenly_distribute_backward(grad, self, result)",
               save: { node in node.save("self", self); node.save("result", r, isOutput: true) }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let s = try node.savedTensor("self"), res = try node.savedTensor("result")
            let mask = try s.eq(res)
            let k = mask.int64Values().reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
            let share = try grad.div(.int(Int64(Swift.max(k, 1))))
            return [try Tensor.whereRaw(mask, share.expand(s.shape), Tensor.zerosLike(s))]
        }
        return r
    }

    /// The extreme value of a lane and its first index; NaN wins as in PyTorch.
    static func laneExtremum(_ lane: UnsafeMutableBufferPointer<Double>, max: Bool) -> (Double, Int) {
        var best = lane.first ?? 0, bi = 0
        for i in 0..<lane.count {
            let v = lane[i]
            if v.isNaN { return (v, i) }
            if max ? v > best : v < best { best = v; bi = i }
        }
        return (best, bi)
    }

    /// `max(dim, keepdim)`: (values, indices); values get MaxBackward0.
    public func max(dim: Int, keepdim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try dimExtremum(dim: dim, keepdim: keepdim, max: true)
    }

    /// `min(dim, keepdim)`: (values, indices); values get MinBackward0.
    public func min(dim: Int, keepdim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try dimExtremum(dim: dim, keepdim: keepdim, max: false)
    }

    private func dimExtremum(dim: Int, keepdim: Bool, max: Bool) throws -> (values: Tensor, indices: Tensor) {
        let d = try ShapeUtil.wrapDim(dim, ndim)
        if ndim > 0 && shape[d] == 0 {
            throw TorchError.index("\(max ? "max" : "min")(): Expected reduction dim \(d) to have non-zero size.")
        }
        let (values, indices) = reduceLanes(dim: d, keepdim: keepdim) { Self.laneExtremum($0, max: max) }
        let inShape = shape, n = ndim
        record(max ? "MaxBackward0" : "MinBackward0", inputs: [self], outputs: [values],
               formula: "grad_self = value_selecting_reduction_backward(grad, dim, indices, self.sizes(), keepdim)",
               save: { node in
                   node.save("dim", .int(d)); node.save("indices", indices); node.save("keepdim", .bool(keepdim))
                   node.save("self_sym_sizes", .ints(inShape))
               }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let idx = try node.savedTensor("indices")
            let gk = try grad.restoreReducedDims([d], inputNdim: n, keepdim: keepdim)
            let ik = try idx.restoreReducedDims([d], inputNdim: n, keepdim: keepdim)
            return [try Tensor.zeros(inShape, dtype: grad.dtype).scatter(dim: d, index: ik, src: gk)]
        }
        return (values, indices)
    }

    /// `amax(dim, keepdim)`: AmaxBackward0 (ties share the gradient).
    public func amax(dims: [Int] = [], keepdim: Bool = false) throws -> Tensor { try aExtremum(dims, keepdim, max: true) }
    /// `amin(dim, keepdim)`: AminBackward0.
    public func amin(dims: [Int] = [], keepdim: Bool = false) throws -> Tensor { try aExtremum(dims, keepdim, max: false) }

    private func aExtremum(_ dims: [Int], _ keepdim: Bool, max: Bool) throws -> Tensor {
        let set = try reductionDims(dims)
        // Reduce one dim at a time (highest first so indices stay valid).
        var r = self.detach()
        for d in set.sorted(by: >) {
            r = r.reduceLanes(dim: d, keepdim: true) { Self.laneExtremum($0, max: max) }.values
        }
        var out = r
        if !keepdim {
            let kept = Tensor.reducedShape(shape, set, keepdim: false)
            out = try GradMode.noGrad { try r.reshape(kept) }.detach()
        }
        let n = ndim
        record(max ? "AmaxBackward0" : "AminBackward0", inputs: [self], outputs: [out],
               formula: "grad_self = scale_grad_by_count(restore_reduced_dims(grad, dim, keepdim), restore_reduced_dims(result, dim, keepdim) == self, dim)",
               save: { node in
                   node.save("dim", .ints(set.sorted())); node.save("keepdim", .bool(keepdim))
                   node.save("self", self); node.save("result", out, isOutput: true)
               }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let s = try node.savedTensor("self"), res = try node.savedTensor("result")
            let mask = try s.eq(res.restoreReducedDims(set, inputNdim: n, keepdim: keepdim)).converted(to: grad.dtype)
            let counts = try mask.sum(dims: set.sorted(), keepdim: true)
            return [try grad.restoreReducedDims(set, inputNdim: n, keepdim: keepdim).div(counts).mul(mask)]
        }
        return out
    }

    /// `argmax()` over all elements (flattened index).
    public func argmax() throws -> Tensor {
        let flat = try GradMode.noGrad { try contiguous().reshape([-1]) }
        return flat.reduceLanes(dim: 0, keepdim: false) { Self.laneExtremum($0, max: true) }.indices
    }

    /// `argmax(dim, keepdim)`.
    public func argmax(dim: Int, keepdim: Bool = false) throws -> Tensor {
        try max(dim: dim, keepdim: keepdim).indices
    }

    /// `argmin()` over all elements.
    public func argmin() throws -> Tensor {
        let flat = try GradMode.noGrad { try contiguous().reshape([-1]) }
        return flat.reduceLanes(dim: 0, keepdim: false) { Self.laneExtremum($0, max: false) }.indices
    }

    /// `argmin(dim, keepdim)`.
    public func argmin(dim: Int, keepdim: Bool = false) throws -> Tensor {
        try min(dim: dim, keepdim: keepdim).indices
    }

    /// `var(dim=None, correction=1, keepdim)`: VarBackward0.
    public func `var`(dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false) throws -> Tensor {
        try varStd(dims: dims, correction: correction, keepdim: keepdim, std: false)
    }

    /// `std(dim=None, correction=1, keepdim)`: StdBackward0.
    public func std(dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false) throws -> Tensor {
        try varStd(dims: dims, correction: correction, keepdim: keepdim, std: true)
    }

    private func varStd(dims: [Int]?, correction: Double, keepdim: Bool, std: Bool) throws -> Tensor {
        try meanDTypeCheck(std ? "std" : "var")
        let set = try reductionDims(dims ?? [])
        let k = set.reduce(1) { $0 * shape[$1] }
        let out: Tensor = try GradMode.noGrad {
            // PyTorch's CPU path when the result is one value (std_var_all_cpu).
            if k == count && count > 0 && (dtype == .float32 || dtype == .float64) {
                let v = try varianceOfAll(correction: correction, sqrt: std)
                return keepdim ? try v.reshape([Int](repeating: 1, count: ndim)) : v
            }
            let m = try Tensor.binaryRaw(sumRaw(dims: set.sorted(), keepdim: true), .wrapped(.int(Int64(k))), .div)
            let c = try Tensor.binaryRaw(self, m, .sub)
            let sq = try Tensor.binaryRaw(c, c, .mul).sumRaw(dims: set.sorted(), keepdim: keepdim)
            let v = try Tensor.binaryRaw(sq, .wrapped(.double(Swift.max(Double(k) - correction, 0))), .div)
            return std ? v.unaryRaw(.sqrt) : v
        }
        let n = ndim
        record(std ? "StdBackward0" : "VarBackward0", inputs: [self], outputs: [out],
               formula: std ? "grad_self = std_backward(result, grad, self, dim, correction, keepdim)"
                            : "grad_self = var_backward(grad, self, dim, correction, keepdim)",
               save: { node in
                   node.save("correction", .double(correction))
                   node.save("dim", dims.map { _ in .ints(set.sorted()) } ?? .none)
                   node.save("keepdim", .bool(keepdim)); node.save("self", self)
                   if std { node.save("result", out, isOutput: true) }
               }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let s = try node.savedTensor("self")
            let centered = try s.sub(s.mean(dims: set.sorted(), keepdim: true))
            let gk = try grad.restoreReducedDims(set, inputNdim: n, keepdim: keepdim)
            let denom = Double(k) - correction
            var gv = gk
            if std {
                // PyTorch's std_backward: var_backward of grad / (2 * result), zero where result is 0.
                let r = try node.savedTensor("result").restoreReducedDims(set, inputNdim: n, keepdim: keepdim)
                let raw = try gk.div(r.mul(.int(2)))
                gv = try Tensor.whereRaw(r.eq(.int(0)), Tensor.zerosLike(raw), raw)
            }
            // var_backward: (2 / dof) * grad * (self - mean).
            return [try gv.mul(.double(2 / denom)).mul(centered)]
        }
        return out
    }

    /// `norm(p=2, dim=None, keepdim)`: LinalgVectorNormBackward0.
    public func norm(p: Double = 2, dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        let set = try reductionDims(dims ?? [])
        let out: Tensor = try GradMode.noGrad {
            let a = unaryRaw(.abs)
            if p == .infinity { return try a.amax(dims: set.sorted(), keepdim: keepdim) }
            if p == 1 { return try a.sumRaw(dims: set.sorted(), keepdim: keepdim) }
            if p == 2 {
                return try Tensor.binaryRaw(a, a, .mul).sumRaw(dims: set.sorted(), keepdim: keepdim).unaryRaw(.sqrt)
            }
            return try Tensor.binaryRaw(Tensor.binaryRaw(a, .wrapped(.double(p)), .pow).sumRaw(dims: set.sorted(), keepdim: keepdim),
                                        .wrapped(.double(1 / p)), .pow)
        }
        let n = ndim
        record("LinalgVectorNormBackward0", inputs: [self], outputs: [out],
               formula: "grad_self = linalg_vector_norm_backward(grad, self, ord, result, dim, keepdim)",
               save: { node in
                   node.save("dim", dims.map { _ in .ints(set.sorted()) } ?? .none)
                   node.save("keepdim", .bool(keepdim)); node.save("ord", .double(p))
                   node.save("result", out, isOutput: true); node.save("self", self)
               }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let s = try node.savedTensor("self")
            let r = try node.savedTensor("result").restoreReducedDims(set, inputNdim: n, keepdim: keepdim)
            let gk = try grad.restoreReducedDims(set, inputNdim: n, keepdim: keepdim)
            let z = Tensor.zerosLike(s)
            if p == 1 { return [try gk.mul(s.unaryRaw(.sign))] }
            if p == 2 {
                let raw = try gk.mul(s).div(r)
                return [try Tensor.whereRaw(r.eq(.int(0)), z, raw)]
            }
            if p == .infinity {
                let mask = try s.abs().eq(r).converted(to: s.dtype)
                let cnt = try mask.sum(dims: set.sorted(), keepdim: true)
                return [try gk.mul(s.unaryRaw(.sign)).mul(mask).div(cnt)]
            }
            let a = try s.abs()
            let raw = try gk.mul(s.unaryRaw(.sign)).mul(a.pow(.double(p - 1))).div(r.pow(.double(p - 1)))
            return [try Tensor.whereRaw(r.eq(.int(0)), z, raw)]
        }
        return out
    }

    /// `logsumexp(dim, keepdim)`: LogsumexpBackward0, computed stably around the max.
    public func logsumexp(dims: [Int], keepdim: Bool = false) throws -> Tensor {
        let set = try reductionDims(dims)
        let out: Tensor = try GradMode.noGrad {
            let m0 = try amax(dims: set.sorted(), keepdim: true).detach()
            let m = try Tensor.whereRaw(m0.unaryRaw(.abs).eq(.double(.infinity)), Tensor.zerosLike(m0), m0)
            let e = try Tensor.binaryRaw(self.converted(to: dtype.toFloating), m, .sub).unaryRaw(.exp)
            let s = try e.sumRaw(dims: set.sorted(), keepdim: true).unaryRaw(.log)
            let r = try Tensor.binaryRaw(s, m, .add)
            return keepdim ? r : try r.reshape(Tensor.reducedShape(shape, set, keepdim: false)).detach()
        }
        let n = ndim
        record("LogsumexpBackward0", inputs: [self], outputs: [out], formula: "grad_self = grad * (self - result).exp()",
               save: { node in
                   node.save("dim", .ints(set.sorted())); node.save("keepdim", .bool(keepdim))
                   node.save("self", self); node.save("result", out, isOutput: true)
               }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let s = try node.savedTensor("self")
            let r = try node.savedTensor("result").restoreReducedDims(set, inputNdim: n, keepdim: keepdim)
            return [try grad.restoreReducedDims(set, inputNdim: n, keepdim: keepdim).mul(s.sub(r).exp())]
        }
        return out
    }

    /// `cumsum(dim)`: CumsumBackward0.
    public func cumsum(dim: Int) throws -> Tensor {
        let d = try ShapeUtil.wrapDim(dim, ndim)
        let outDType: DType = dtype.isFloatingPoint ? dtype : .int64
        let out = mapLanes(dim: d, dtype: outDType) { lane, o in
            var acc = 0.0
            for i in 0..<lane.count { acc += lane[i]; o[i] = acc }
        }
        record("CumsumBackward0", inputs: [self], outputs: [out], formula: "grad_self = cumsum_backward(grad, dim)",
               save: { $0.save("dim", .int(d)) }) { _, g in
            guard let grad = g[0] else { return [nil] }
            // Reverse cumulative sum along the dim.
            return [grad.mapLanes(dim: d) { lane, o in
                var acc = 0.0
                for i in stride(from: lane.count - 1, through: 0, by: -1) { acc += lane[i]; o[i] = acc }
            }]
        }
        return out
    }
}
