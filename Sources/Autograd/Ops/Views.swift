/// Views share storage with their base: view/reshape/flatten, t/transpose/permute,
/// select/slice/narrow, expand, unsqueeze/squeeze. Plus contiguous and clone.

extension Tensor {
    /// A tensor over this storage with new geometry; remembers its base for in-place tracking.
    func makeView(_ shape: [Int], _ strides: [Int], _ offset: Int) -> Tensor {
        let v = Tensor(storage: storage, shape: shape, strides: strides, offset: offset, versionCounter: versionCounter)
        v.viewBase = viewBase ?? self
        return v
    }

    /// `view(*shape)`: ViewBackward0. Fails when the strides cannot express the new shape.
    public func view(_ shape: [Int]) throws -> Tensor {
        let newShape = try ShapeUtil.inferSize(shape, numel: count)
        guard let st = ShapeUtil.viewStrides(self.shape, strides, newShape) else {
            throw TorchError.runtime("view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
        }
        let out = makeView(newShape, st, offset)
        let inShape = self.shape
        record("ViewBackward0", inputs: [self], outputs: [out], formula: "grad_self = grad.reshape(self.sizes())",
               save: { $0.save("self_sym_sizes", .ints(inShape)) }) { _, g in
            [try g[0]?.reshape(inShape)]
        }
        return out
    }

    /// `reshape(*shape)`: a view when possible, else a copy (UnsafeViewBackward0 over a clone).
    public func reshape(_ shape: [Int]) throws -> Tensor {
        let newShape = try ShapeUtil.inferSize(shape, numel: count)
        if ShapeUtil.viewStrides(self.shape, strides, newShape) != nil { return try view(newShape) }
        let copy = try clone()
        let out = copy.detach()
        out.shape = newShape
        out.strides = contiguousStrides(newShape)
        let inShape = self.shape
        record("UnsafeViewBackward0", inputs: [copy], outputs: [out], formula: "grad_self = grad.reshape(self.sizes())",
               save: { $0.save("self_sym_sizes", .ints(inShape)) }) { _, g in
            [try g[0]?.reshape(inShape)]
        }
        return out
    }

    /// `flatten(start_dim, end_dim)`.
    public func flatten(startDim: Int = 0, endDim: Int = -1) throws -> Tensor {
        if ndim == 0 { return try reshape([1]) }
        let s = try ShapeUtil.wrapDim(startDim, ndim), e = try ShapeUtil.wrapDim(endDim, ndim)
        if s > e { throw TorchError.runtime("flatten() has invalid args: start_dim cannot come after end_dim") }
        if s == e { return self }
        var newShape = Array(shape[..<s])
        newShape.append(shape[s...e].reduce(1, *))
        newShape.append(contentsOf: shape[(e + 1)...])
        return try reshape(newShape)
    }

    /// `unflatten(dim, sizes)`.
    public func unflatten(dim: Int, sizes: [Int]) throws -> Tensor {
        guard ndim > 0 else { throw TorchError.runtime("unflatten: Provided sizes \(shapeString(sizes)) don't multiply up to the size of dim \(dim) (1) in the input tensor") }
        let d = try ShapeUtil.wrapDim(dim, ndim)
        let inner = try ShapeUtil.inferSize(sizes, numel: shape[d])
        var newShape = Array(shape[..<d])
        newShape.append(contentsOf: inner)
        newShape.append(contentsOf: shape[(d + 1)...])
        return try view(newShape)
    }

    /// `t()`: TBackward0. Only for tensors of at most 2 dims.
    public func t() throws -> Tensor {
        guard ndim <= 2 else {
            throw TorchError.runtime("t() expects a tensor with <= 2 dimensions, but self is \(ndim)D")
        }
        let out = ndim < 2 ? makeView(shape, strides, offset)
                           : makeView([shape[1], shape[0]], [strides[1], strides[0]], offset)
        record("TBackward0", inputs: [self], outputs: [out], formula: "grad_self = grad.t()") { _, g in
            [try g[0]?.t()]
        }
        return out
    }

    /// `transpose(dim0, dim1)`: TransposeBackward0.
    public func transpose(_ dim0: Int, _ dim1: Int) throws -> Tensor {
        let a = try ShapeUtil.wrapDim(dim0, ndim), b = try ShapeUtil.wrapDim(dim1, ndim)
        var sh = shape, st = strides
        if ndim > 0 { sh.swapAt(a, b); st.swapAt(a, b) }
        let out = makeView(sh, st, offset)
        record("TransposeBackward0", inputs: [self], outputs: [out], formula: "grad_self = grad.transpose(dim0, dim1)",
               save: { node in node.save("dim0", .int(a)); node.save("dim1", .int(b)) }) { _, g in
            [try g[0]?.transpose(a, b)]
        }
        return out
    }

    /// `permute(*dims)`: PermuteBackward0.
    public func permute(_ dims: [Int]) throws -> Tensor {
        guard dims.count == ndim else {
            throw TorchError.runtime("permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(ndim) is not equal to len(dims) = \(dims.count)")
        }
        let wrapped = try dims.map { try ShapeUtil.wrapDim($0, ndim) }
        guard Set(wrapped).count == ndim else { throw TorchError.runtime("permute(): duplicate dims are not allowed.") }
        let out = makeView(wrapped.map { shape[$0] }, wrapped.map { strides[$0] }, offset)
        var inverse = [Int](repeating: 0, count: ndim)
        for (i, d) in wrapped.enumerated() { inverse[d] = i }
        record("PermuteBackward0", inputs: [self], outputs: [out], formula: "grad_self = grad.permute(inverse(dims))",
               save: { $0.save("dims", .ints(wrapped)) }) { _, g in
            [try g[0]?.permute(inverse)]
        }
        return out
    }

    /// `.T`: all dims reversed (PermuteBackward0).
    public var T: Tensor {
        get throws { try permute(Array((0..<ndim).reversed())) }
    }

    /// `.mT`: the last two dims swapped.
    public var mT: Tensor {
        get throws {
            guard ndim >= 2 else {
                throw TorchError.runtime("tensor.mT is only supported on matrices or batches of matrices. Got \(ndim)-D tensor.")
            }
            return try transpose(-2, -1)
        }
    }

    /// `select(dim, index)`: SelectBackward0, as `x[i]` along a dim.
    public func select(_ dim: Int, _ index: Int) throws -> Tensor {
        guard ndim > 0 else { throw TorchError.index("select() cannot be applied to a 0-dim tensor.") }
        let d = try ShapeUtil.wrapDim(dim, ndim)
        let size = shape[d]
        guard index >= -size && index < size else {
            throw TorchError.index("index \(index) is out of bounds for dimension \(d) with size \(size)")
        }
        let i = index < 0 ? index + size : index
        var sh = shape, st = strides
        sh.remove(at: d); st.remove(at: d)
        let out = makeView(sh, st, offset + i * strides[d])
        let inShape = shape
        record("SelectBackward0", inputs: [self], outputs: [out], formula: "grad_self = select_backward(grad, self.sizes(), dim, index)",
               save: { node in
                   node.save("dim", .int(d)); node.save("index", .int(i)); node.save("self_sym_sizes", .ints(inShape))
               }) { _, g in
            guard let grad = g[0] else { return [nil] }
            let z = Tensor(shape: inShape, dtype: grad.dtype)
            try GradMode.noGrad { try z.select(d, i).copyElements(from: grad) }
            return [z]
        }
        return out
    }

    /// `slice(dim, start, end, step)`: SliceBackward0, as `x[a:b:c]`. Bounds clamp like Python.
    public func slice(_ dim: Int, start: Int? = nil, end: Int? = nil, step: Int = 1) throws -> Tensor {
        guard ndim > 0 else { throw TorchError.index("slice() cannot be applied to a 0-dim tensor.") }
        guard step > 0 else { throw TorchError.value("step must be greater than zero") }
        let d = try ShapeUtil.wrapDim(dim, ndim)
        let size = shape[d]
        var s = start ?? 0, e = end ?? size
        if s < 0 { s += size }
        if e < 0 { e += size }
        s = Swift.min(Swift.max(s, 0), size)
        e = Swift.min(Swift.max(e, s), size)
        let len = (e - s + step - 1) / step
        var sh = shape, st = strides
        sh[d] = len
        st[d] = strides[d] * step
        let out = makeView(sh, st, offset + s * strides[d])
        let inShape = shape
        record("SliceBackward0", inputs: [self], outputs: [out], formula: "grad_self = slice_backward(grad, self.sizes(), dim, start, end, step)",
               save: { node in
                   node.save("dim", .int(d)); node.save("end", .int(e)); node.save("self_sym_sizes", .ints(inShape))
                   node.save("start", .int(s)); node.save("step", .int(step))
               }) { _, g in
            guard let grad = g[0] else { return [nil] }
            let z = Tensor(shape: inShape, dtype: grad.dtype)
            try GradMode.noGrad { try z.slice(d, start: s, end: e, step: step).copyElements(from: grad) }
            return [z]
        }
        return out
    }

    /// `narrow(dim, start, length)`.
    public func narrow(_ dim: Int, start: Int, length: Int) throws -> Tensor {
        guard ndim > 0 else { throw TorchError.runtime("narrow() cannot be applied to a 0-dim tensor.") }
        let d = try ShapeUtil.wrapDim(dim, ndim)
        let s = start < 0 ? start + shape[d] : start
        guard s >= 0, length >= 0, s + length <= shape[d] else {
            throw TorchError.runtime("start (\(start)) + length (\(length)) exceeds dimension size (\(shape[d])).")
        }
        return try slice(d, start: s, end: s + length)
    }

    /// `expand(*sizes)`: ExpandBackward0; -1 keeps a size.
    public func expand(_ sizes: [Int]) throws -> Tensor {
        guard sizes.count >= ndim else {
            throw TorchError.runtime("expand(\(dtype.legacyTypeName){\(shapeString(shape))}, size=\(shapeString(sizes))): the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(ndim))")
        }
        let lead = sizes.count - ndim
        for (i, s) in sizes.enumerated() where s < -1 || (s == -1 && i < lead) {
            throw TorchError.runtime(i < lead
                ? "The expanded size of the tensor (\(s)) isn't allowed in a leading, non-existing dimension \(i)"
                : "Trying to create tensor with negative dimension \(s): \(shapeString(sizes))")
        }
        var sh = sizes, st = [Int](repeating: 0, count: sizes.count)
        for i in 0..<sizes.count {
            if i < lead {
                if sizes[i] < 0 { throw TorchError.runtime("The expanded size of the tensor (\(sizes[i])) isn't allowed in a leading, non-existing dimension \(i)") }
                continue
            }
            let cur = shape[i - lead]
            if sizes[i] == -1 { sh[i] = cur; st[i] = strides[i - lead]; continue }
            if cur == sizes[i] { st[i] = strides[i - lead] } else if cur == 1 { st[i] = 0 } else {
                throw TorchError.runtime("The expanded size of the tensor (\(sizes[i])) must match the existing size (\(cur)) at non-singleton dimension \(i).  Target sizes: \(shapeString(sizes)).  Tensor sizes: \(shapeString(shape))")
            }
        }
        let out = makeView(sh, st, offset)
        let inShape = shape
        record("ExpandBackward0", inputs: [self], outputs: [out], formula: "grad_self = at::sum_to(grad, self.sizes())",
               save: { $0.save("self_sym_sizes", .ints(inShape)) }) { _, g in
            [try g[0]?.sumTo(inShape)]
        }
        return out
    }

    /// `expand_as(other)`.
    public func expandAs(_ other: Tensor) throws -> Tensor { try expand(other.shape) }

    /// `unsqueeze(dim)`: UnsqueezeBackward0.
    public func unsqueeze(_ dim: Int) throws -> Tensor {
        let d = try ShapeUtil.wrapDim(dim, ndim + 1)
        var sh = shape, st = strides
        let newStride = d < ndim ? shape[d] * strides[d] : 1
        sh.insert(1, at: d); st.insert(newStride, at: d)
        let out = makeView(sh, st, offset)
        record("UnsqueezeBackward0", inputs: [self], outputs: [out], formula: "grad_self = grad.squeeze(dim)",
               save: { $0.save("dim", .int(d)) }) { _, g in
            [try g[0]?.squeeze(d)]
        }
        return out
    }

    /// `squeeze()`: all size-1 dims removed (SqueezeBackward0).
    public func squeeze() throws -> Tensor {
        var sh: [Int] = [], st: [Int] = []
        for (s, t) in zip(shape, strides) where s != 1 { sh.append(s); st.append(t) }
        let out = makeView(sh, st, offset)
        let inShape = shape
        record("SqueezeBackward0", inputs: [self], outputs: [out], formula: "grad_self = unsqueeze_to(grad, self.sizes())",
               save: { $0.save("self_sym_sizes", .ints(inShape)) }) { _, g in
            [try g[0]?.reshape(inShape)]
        }
        return out
    }

    /// `squeeze(dim)`: SqueezeBackward1 (a no-op when that dim is not 1).
    public func squeeze(_ dim: Int) throws -> Tensor {
        let d = try ShapeUtil.wrapDim(dim, ndim)
        var sh = shape, st = strides
        if ndim > 0 && shape[d] == 1 { sh.remove(at: d); st.remove(at: d) }
        let out = makeView(sh, st, offset)
        let inShape = shape
        record("SqueezeBackward1", inputs: [self], outputs: [out], formula: "grad_self = unsqueeze_to(grad, dim, self.sizes())",
               save: { node in node.save("dim", .int(d)); node.save("self_sym_sizes", .ints(inShape)) }) { _, g in
            [try g[0]?.reshape(inShape)]
        }
        return out
    }

    /// `contiguous()`: self when already contiguous, else a copy (CloneBackward0).
    public func contiguous() throws -> Tensor {
        isContiguous ? self : try clone()
    }

    /// `clone()`: CloneBackward0.
    public func clone() throws -> Tensor {
        // A clone of an expanded view can be far larger than its storage.
        try AllocationLimit.check(shape, dtype)
        let out = clone_raw()
        record("CloneBackward0", inputs: [self], outputs: [out], formula: "grad_self = grad") { _, g in [g[0]] }
        return out
    }

    /// `repeat(*sizes)`: RepeatBackward0.
    public func `repeat`(_ repeats: [Int]) throws -> Tensor {
        guard repeats.count >= ndim else {
            throw TorchError.runtime("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
        }
        let lead = repeats.count - ndim
        let padded = [Int](repeating: 1, count: lead) + shape
        // Expand an interleaved (repeat, size) shape, then fold each pair.
        var expShape: [Int] = [], viewShape: [Int] = []
        for (r, s) in zip(repeats, padded) { viewShape += [1, s]; expShape += [r, s] }
        if let bad = repeats.first(where: { $0 < 0 }) {
            throw TorchError.runtime("Trying to create tensor with negative dimension \(bad): \(shapeString(repeats))")
        }
        let out = try GradMode.noGrad { () -> Tensor in
            let v = try detach().reshape(viewShape)
            let e = try v.expand(expShape)
            return try e.contiguous().reshape(zip(repeats, padded).map { $0 * $1 })
        }
        let result = out.detach()
        let inShape = shape
        record("RepeatBackward0", inputs: [self], outputs: [result], formula: "grad_self = repeat_backward(grad, repeats, self.sizes())",
               save: { node in node.save("repeats", .ints(repeats)); node.save("self_sym_sizes", .ints(inShape)) }) { _, g in
            guard let grad = g[0] else { return [nil] }
            var folded: [Int] = []
            for (r, s) in zip(repeats, padded) { folded += [r, s] }
            let summed = try grad.reshape(folded).sum(dims: Array(stride(from: 0, to: folded.count, by: 2)), keepdim: false)
            return [try summed.reshape(inShape)]
        }
        return result
    }

    /// `unbind(dim)`: the slices along a dim (each a SelectBackward0 view here).
    public func unbind(_ dim: Int = 0) throws -> [Tensor] {
        guard ndim > 0 else { throw TorchError.index("Dimension specified as 0 but tensor has no dimensions") }
        let d = try ShapeUtil.wrapDim(dim, ndim)
        return try (0..<shape[d]).map { try select(d, $0) }
    }
}
