/// sort / argsort / topk / unique / bincount / one_hot.

extension Tensor {
    /// `sort(dim, descending, stable)`: (values, indices); values get SortBackward0.
    public func sort(dim: Int = -1, descending: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        let d = try ShapeUtil.wrapDim(dim, ndim)
        var order: [Int] = []
        let indices = mapLanes(dim: d, dtype: .int64) { lane, o in
            order = Array(0..<lane.count)
            // Stable, NaN sorts as the largest value as in PyTorch.
            order.sort { a, b in
                let x = lane[a], y = lane[b]
                if x.isNaN || y.isNaN { return descending ? (x.isNaN && !y.isNaN) : (!x.isNaN && y.isNaN) }
                return descending ? x > y : x < y
            }
            for (i, j) in order.enumerated() { o[i] = Double(j) }
        }
        return try selectByIndices(dim: d, indices: indices, name: "SortBackward0")
    }

    /// `argsort(dim, descending)`.
    public func argsort(dim: Int = -1, descending: Bool = false) throws -> Tensor {
        try sort(dim: dim, descending: descending).indices
    }

    /// `topk(k, dim, largest, sorted)`: (values, indices); values get TopkBackward0.
    public func topk(_ k: Int, dim: Int = -1, largest: Bool = true) throws -> (values: Tensor, indices: Tensor) {
        let d = try ShapeUtil.wrapDim(dim, ndim)
        let size = ndim == 0 ? 1 : shape[d]
        guard k >= 0 && k <= size else { throw TorchError.runtime("selected index k out of range") }
        let sorted = try GradMode.noGrad { try sort(dim: d, descending: largest) }
        let idx = try sorted.indices.narrow(d, start: 0, length: k).contiguous()
        return try selectByIndices(dim: d, indices: idx, name: "TopkBackward0")
    }

    /// Values gathered at `indices` along `dim` with a node that scatters the gradient back.
    private func selectByIndices(dim d: Int, indices: Tensor, name: String) throws -> (values: Tensor, indices: Tensor) {
        let values = try gatherRaw(dim: d, index: indices)
        let inShape = shape
        record(name, inputs: [self], outputs: [values], formula: "grad_self = value_selecting_reduction_backward(grad, dim, indices, self.sizes(), true)",
               save: { node in node.save("dim", .int(d)); node.save("indices", indices); node.save("self_sym_sizes", .ints(inShape)) }) { node, g in
            guard let grad = g[0] else { return [nil] }
            return [try Tensor.zeros(inShape, dtype: grad.dtype).scatter(dim: d, index: node.savedTensor("indices"), src: grad)]
        }
        return (values, indices)
    }

    /// `torch.unique(sorted=True, return_inverse, return_counts)` over all elements.
    public func unique(returnInverse: Bool = false, returnCounts: Bool = false) throws -> (values: Tensor, inverse: Tensor?, counts: Tensor?) {
        let flat = doubleValues()
        let distinct = Array(Set(flat)).sorted()
        var position: [Double: Int] = [:]
        for (i, v) in distinct.enumerated() { position[v] = i }
        let values = try Tensor.from(distinct, shape: [distinct.count], dtype: dtype)
        var inverse: Tensor?, counts: Tensor?
        if returnInverse {
            inverse = try Tensor.from(ints: flat.map { Int64(position[$0] ?? 0) }, shape: shape)
        }
        if returnCounts {
            var c = [Int64](repeating: 0, count: distinct.count)
            for v in flat { c[position[v] ?? 0] += 1 }
            counts = try Tensor.from(ints: c)
        }
        return (values, inverse, counts)
    }

    /// `torch.bincount(input, weights, minlength)` for 1-D non-negative ints.
    public func bincount(weights: Tensor? = nil, minlength: Int = 0) throws -> Tensor {
        guard ndim == 1, dtype == .int64 || dtype == .int32 || dtype == .bool else {
            throw TorchError.runtime("bincount only supports 1-d non-negative integral inputs.")
        }
        let v = int64Values()
        if v.contains(where: { $0 < 0 }) { throw TorchError.runtime("bincount only supports 1-d non-negative integral inputs.") }
        let n = Swift.max(Int(v.max() ?? -1) + 1, minlength)
        if let weights {
            let w = weights.doubleValues()
            guard w.count == v.count else { throw TorchError.runtime("weights should be 1-d and have the same length as input") }
            var out = [Double](repeating: 0, count: n)
            for (i, b) in v.enumerated() { out[Int(b)] += w[i] }
            return try Tensor.from(out, dtype: weights.dtype == .float32 ? .float32 : .float64)
        }
        var out = [Int64](repeating: 0, count: n)
        for b in v { out[Int(b)] += 1 }
        return try Tensor.from(ints: out)
    }

    /// `F.one_hot(tensor, num_classes=-1)`: int64 with a new last dim.
    public func oneHot(numClasses: Int = -1) throws -> Tensor {
        guard dtype == .int64 else {
            throw TorchError.runtime("one_hot is only applicable to index tensor of type LongTensor.")
        }
        let v = int64Values()
        if v.contains(where: { $0 < 0 }) { throw TorchError.runtime("Class values must be non-negative.") }
        let maxv = Int(v.max() ?? -1)
        let c = numClasses == -1 ? maxv + 1 : numClasses
        if maxv >= c { throw TorchError.runtime("Class values must be smaller than num_classes.") }
        var out = [Int64](repeating: 0, count: v.count * c)
        for (i, k) in v.enumerated() { out[i * c + Int(k)] = 1 }
        return try Tensor.from(ints: out, shape: shape + [c])
    }
}
