/// Embedding lookup and constant padding.

extension Tensor {
    /// `F.embedding(input, weight, padding_idx)`: rows of `weight` picked by integer `input`
    /// (EmbeddingBackward0; the padding row gets no gradient).
    public static func embedding(_ input: Tensor, _ weight: Tensor, paddingIdx: Int? = nil) throws -> Tensor {
        guard input.dtype == .int64 || input.dtype == .int32 else {
            throw TorchError.runtime("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got \(input.dtype.legacyTypeName) instead (while checking arguments for embedding)")
        }
        guard weight.ndim == 2 else { throw TorchError.runtime("'weight' must be 2-D") }
        let idx = input.int64Values()
        let rows = try weight.detach().indexSelectRaw(dim: 0, indices: idx)
        let out = rows.detach()
        out.shape = input.shape + [weight.shape[1]]
        out.strides = contiguousStrides(out.shape)
        let numWeights = weight.shape[0]
        let pad = paddingIdx.map { $0 < 0 ? $0 + numWeights : $0 }
        record("EmbeddingBackward0", inputs: [weight], outputs: [out],
               formula: "grad_weight = embedding_backward(grad, indices, num_weights, padding_idx, scale_grad_by_freq, sparse)",
               save: { node in
                   node.save("indices", input); node.save("padding_idx", .int(pad ?? -1))
                   node.save("scale_grad_by_freq", .bool(false)); node.save("sparse", .bool(false))
                   node.save("weight_sym_argsize_0", .int(numWeights))
               }) { _, g in
            guard let grad = g[0] else { return [nil] }
            let flat = try grad.reshape([-1, grad.shape.last ?? 0])
            let kept = idx.enumerated().filter { pad == nil || Int($0.element) != pad }
            let src = try flat.indexSelect(dim: 0, index: Tensor.from(ints: kept.map { Int64($0.offset) }))
            return [try Tensor.indexAddRaw(shape: [numWeights, grad.shape.last ?? 0], dim: 0,
                                           indices: kept.map { $0.element }, src: src)]
        }
        return out
    }

    /// `F.pad(input, pad, mode="constant", value)`: `pad` lists (left, right) amounts from the
    /// last dim backwards; negative amounts crop (ConstantPadNdBackward0).
    public func pad(_ amounts: [Int], value: Scalar = .int(0)) throws -> Tensor {
        guard amounts.count % 2 == 0 else { throw TorchError.runtime("Padding length must be divisible by 2") }
        guard amounts.count / 2 <= ndim else {
            throw TorchError.runtime("Padding length should be less than or equal to two times the input dimension but got padding length \(amounts.count) and input of dimension \(ndim)")
        }
        var outShape = shape
        var ranges: [(dim: Int, before: Int, after: Int)] = []
        for k in 0..<(amounts.count / 2) {
            let d = ndim - 1 - k
            outShape[d] += amounts[2 * k] + amounts[2 * k + 1]
            if outShape[d] < 0 {
                throw TorchError.runtime("The input size \(shape[d]), plus negative padding \(amounts[2 * k]) and \(amounts[2 * k + 1]) resulted in a negative output size, which is invalid. Check dimension \(d) of your input.")
            }
            ranges.append((d, amounts[2 * k], amounts[2 * k + 1]))
        }
        let out = try Tensor.full(outShape, value, dtype: dtype)
        // Copy the overlapping region of input and output.
        var src = self.detach(), dst = out
        for r in ranges {
            let srcStart = Swift.max(-r.before, 0), dstStart = Swift.max(r.before, 0)
            let length = Swift.min(src.shape[r.dim] - srcStart, dst.shape[r.dim] - dstStart)
            guard length > 0 else { src = try src.narrow(r.dim, start: 0, length: 0); break }
            src = try GradMode.noGrad { try src.narrow(r.dim, start: srcStart, length: length) }
            dst = try GradMode.noGrad { try dst.narrow(r.dim, start: dstStart, length: length) }
        }
        if src.count > 0 { dst.copyElements(from: src) }
        let negated = amounts.map { -$0 }
        record("ConstantPadNdBackward0", inputs: [self], outputs: [out], formula: "grad_self = constant_pad_nd_backward(grad, pad)",
               save: { $0.save("pad", .ints(amounts)) }) { _, g in
            [try g[0]?.pad(negated)]
        }
        return out
    }
}
