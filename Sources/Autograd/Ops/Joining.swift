/// cat / stack / split / chunk with backward.

extension Tensor {
    /// `torch.cat(tensors, dim)`: CatBackward0.
    public static func cat(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TorchError.runtime("torch.cat(): expected a non-empty list of Tensors")
        }
        // PyTorch skips legacy empty 1-D tensors.
        let parts = tensors.filter { !($0.ndim == 1 && $0.shape[0] == 0) }
        guard let ref = parts.first else { return first.clone_raw() }
        guard ref.ndim > 0 else { throw TorchError.runtime("zero-dimensional tensor (at position 0) cannot be concatenated") }
        let d = try ShapeUtil.wrapDim(dim, ref.ndim)
        var dt = parts[0].dtype
        for (i, t) in parts.enumerated() {
            dt = DType.promote(dt, t.dtype)
            guard t.ndim == ref.ndim else {
                throw TorchError.runtime("Tensors must have same number of dimensions: got \(ref.ndim) and \(t.ndim)")
            }
            for j in 0..<ref.ndim where j != d && t.shape[j] != ref.shape[j] {
                throw TorchError.runtime("Sizes of tensors must match except in dimension \(d). Expected size \(ref.shape[j]) but got size \(t.shape[j]) for tensor number \(i) in the list.")
            }
        }
        var outShape = ref.shape
        outShape[d] = parts.reduce(0) { $0 + $1.shape[d] }
        let out = try Tensor(checkedShape: outShape, dtype: dt, zeroed: false)
        var pos = 0
        for t in parts {
            let dst = out.makeView(Array(out.shape.enumerated().map { $0.offset == d ? t.shape[d] : $0.element }),
                                   out.strides, pos * out.strides[d])
            dst.copyElements(from: t)
            pos += t.shape[d]
        }
        let result = out.detach()
        let sizes = tensors.map { $0.ndim == 1 && $0.shape[0] == 0 ? 0 : $0.shape[d] }
        record("CatBackward0", inputs: tensors, outputs: [result], formula: "grad_tensors = cat_tensors_backward(grad, sizes, dim)",
               save: { node in node.save("dim", .int(d)) }) { _, g in
            guard let grad = g[0] else { return Array(repeating: nil, count: sizes.count) }
            var start = 0
            return try sizes.map { s in
                defer { start += s }
                return try grad.narrow(d, start: start, length: s)
            }
        }
        return result
    }

    /// `torch.stack(tensors, dim)`: StackBackward0.
    public static func stack(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TorchError.runtime("stack expects a non-empty TensorList")
        }
        for (i, t) in tensors.enumerated() where t.shape != first.shape {
            throw TorchError.runtime("stack expects each tensor to be equal size, but got \(shapeString(first.shape)) at entry 0 and \(shapeString(t.shape)) at entry \(i)")
        }
        let d = try ShapeUtil.wrapDim(dim, first.ndim + 1)
        let out = try GradMode.noGrad { try cat(tensors.map { try $0.detach().unsqueeze(d) }, dim: d) }.detach()
        let n = tensors.count
        record("StackBackward0", inputs: tensors, outputs: [out], formula: "grad_tensors = unbind(grad, dim)",
               save: { $0.save("dim", .int(d)) }) { _, g in
            guard let grad = g[0] else { return Array(repeating: nil, count: n) }
            return try (0..<n).map { try grad.select(d, $0) }
        }
        return out
    }

    /// `split(split_size, dim)`: views sharing one SplitBackward0 node.
    public func split(_ size: Int, dim: Int = 0) throws -> [Tensor] {
        guard ndim > 0 else { throw TorchError.runtime("split expects at least a 1-dimensional tensor") }
        let d = try ShapeUtil.wrapDim(dim, ndim)
        guard size > 0 || shape[d] == 0 else {
            throw TorchError.runtime("split_size can only be 0 if dimension size is 0, but got dimension size of \(shape[d])")
        }
        var sizes: [Int] = []
        var left = shape[d]
        while left > 0 { sizes.append(Swift.min(size, left)); left -= size }
        if sizes.isEmpty { sizes = [0] }
        return try splitSizes(sizes, dim: d, name: "SplitBackward0")
    }

    /// `split([sizes], dim)`: SplitWithSizesBackward0.
    public func split(sizes: [Int], dim: Int = 0) throws -> [Tensor] {
        guard ndim > 0 else { throw TorchError.runtime("split expects at least a 1-dimensional tensor") }
        let d = try ShapeUtil.wrapDim(dim, ndim)
        guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == shape[d] else {
            throw TorchError.runtime("split_with_sizes expects split_sizes to sum exactly to \(shape[d]) (input tensor's size at dimension \(d)), but got split_sizes=\(shapeString(sizes))")
        }
        return try splitSizes(sizes, dim: d, name: "SplitWithSizesBackward0")
    }

    /// `chunk(chunks, dim)`.
    public func chunk(_ chunks: Int, dim: Int = 0) throws -> [Tensor] {
        guard ndim > 0 else { throw TorchError.runtime("chunk expects at least a 1-dimensional tensor") }
        guard chunks > 0 else { throw TorchError.runtime("chunk expects `chunks` to be greater than 0, got: \(chunks)") }
        let d = try ShapeUtil.wrapDim(dim, ndim)
        let size = (shape[d] + chunks - 1) / chunks
        return try split(Swift.max(size, 1), dim: d)
    }

    private func splitSizes(_ sizes: [Int], dim d: Int, name: String) throws -> [Tensor] {
        var outs: [Tensor] = []
        var pos = 0
        for s in sizes {
            var sh = shape
            sh[d] = s
            outs.append(makeView(sh, strides, offset + pos * strides[d]))
            pos += s
        }
        let inShape = shape, dt = dtype
        record(name, inputs: [self], outputs: outs, formula: "grad_self = cat(grads, dim)",
               save: { node in
                   node.save("dim", .int(d)); node.save("self_sym_sizes", .ints(inShape))
                   node.save("split_sizes", .ints(sizes))
               }) { _, g in
            var pieces: [Tensor] = []
            for (i, s) in sizes.enumerated() {
                if i < g.count, let gi = g[i] { pieces.append(gi) } else {
                    var sh = inShape
                    sh[d] = s
                    pieces.append(try Tensor(checkedShape: sh, dtype: dt))
                }
            }
            return [try Tensor.cat(pieces, dim: d)]
        }
        return outs
    }
}
