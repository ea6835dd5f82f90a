/// gather / scatter / index_select / masked_fill with backward.

extension Tensor {
    /// `gather(dim, index)`: GatherBackward0.
    public func gather(dim: Int, index: Tensor) throws -> Tensor {
        let d = try ShapeUtil.wrapDim(dim, ndim)
        let out = try gatherRaw(dim: d, index: index)
        let inShape = shape
        record("GatherBackward0", inputs: [self], outputs: [out], formula: "grad_self = gather_backward(grad, self, dim, index, sparse_grad)",
               save: { node in
                   node.save("dim", .int(d)); node.save("index", index); node.save("self_sym_sizes", .ints(inShape))
                   node.save("sparse_grad", .bool(false))
               }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let idx = try node.savedTensor("index")
            return [try Tensor.zeros(inShape, dtype: grad.dtype).scatterAdd(dim: d, index: idx, src: grad)]
        }
        return out
    }

    /// `scatter(dim, index, src)`: ScatterBackward0.
    public func scatter(dim: Int, index: Tensor, src: Tensor) throws -> Tensor {
        let d = try ShapeUtil.wrapDim(dim, ndim)
        let out = try scatterRaw(dim: d, index: index, src: src)
        record("ScatterBackward0", inputs: [self, src], outputs: [out],
               formula: "grad_self = grad.scatter(dim, index, 0), grad_src = grad.gather(dim, index)",
               save: { node in node.save("dim", .int(d)); node.save("index", index) }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let idx = try node.savedTensor("index")
            let gs = node.needsInputGrad(0) ? try grad.scatter(dim: d, index: idx, value: .int(0)) : nil
            let gsrc = node.needsInputGrad(1) ? try grad.gather(dim: d, index: idx) : nil
            return [gs, gsrc]
        }
        return out
    }

    /// `scatter(dim, index, value)`: ScatterBackward1.
    public func scatter(dim: Int, index: Tensor, value: Scalar) throws -> Tensor {
        let d = try ShapeUtil.wrapDim(dim, ndim)
        let out = try scatterRaw(dim: d, index: index, src: Tensor.scalar(value, dtype: dtype))
        record("ScatterBackward1", inputs: [self], outputs: [out], formula: "grad_self = grad.scatter(dim, index, 0)",
               save: { node in node.save("dim", .int(d)); node.save("index", index) }) { node, g in
            guard let grad = g[0] else { return [nil] }
            return [try grad.scatter(dim: d, index: node.savedTensor("index"), value: .int(0))]
        }
        return out
    }

    /// `scatter_add(dim, index, src)`: ScatterAddBackward0.
    public func scatterAdd(dim: Int, index: Tensor, src: Tensor) throws -> Tensor {
        let d = try ShapeUtil.wrapDim(dim, ndim)
        let out = try scatterRaw(dim: d, index: index, src: src, reduceAdd: true)
        record("ScatterAddBackward0", inputs: [self, src], outputs: [out],
               formula: "grad_self = grad, grad_src = grad.gather(dim, index)",
               save: { node in node.save("dim", .int(d)); node.save("index", index) }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let gsrc = node.needsInputGrad(1) ? try grad.gather(dim: d, index: node.savedTensor("index")) : nil
            return [grad, gsrc]
        }
        return out
    }

    /// `index_select(dim, index)`: IndexSelectBackward0.
    public func indexSelect(dim: Int, index: Tensor) throws -> Tensor {
        let d = try ShapeUtil.wrapDim(dim, ndim)
        guard index.ndim <= 1 else { throw TorchError.index("index_select(): Index is supposed to be a vector") }
        let idx = try index.indexValues("index_select")
        let out = try indexSelectRaw(dim: d, indices: idx)
        let inShape = shape
        record("IndexSelectBackward0", inputs: [self], outputs: [out], formula: "grad_self = index_select_backward(grad, self.sizes(), dim, index)",
               save: { node in node.save("dim", .int(d)); node.save("index", index); node.save("self_sym_sizes", .ints(inShape)) }) { _, g in
            guard let grad = g[0] else { return [nil] }
            return [try Tensor.indexAddRaw(shape: inShape, dim: d, indices: idx, src: grad)]
        }
        return out
    }

    /// zeros(shape) with `src` slices added at `indices` along `dim` (index_add).
    static func indexAddRaw(shape: [Int], dim d: Int, indices: [Int64], src: Tensor) throws -> Tensor {
        let out = try Tensor(checkedShape: shape, dtype: src.dtype)
        for (k, j) in indices.enumerated() {
            let jj = j < 0 ? Int(j) + shape[d] : Int(j)
            let dst = try out.select(d, jj)
            let piece = try src.select(d, k)
            try dst.addInPlaceRaw(piece)
        }
        return out
    }

    /// `masked_fill(mask, value)`: MaskedFillBackward0.
    public func maskedFill(_ mask: Tensor, _ value: Scalar) throws -> Tensor {
        guard mask.dtype == .bool else {
            throw TorchError.runtime("masked_fill_ only supports boolean masks, but got mask with dtype \(mask.dtype.scalarTypeName)")
        }
        let fill = Tensor.scalar(value, dtype: dtype)
        let out = try Tensor.whereRaw(mask, fill, self).converted(to: dtype)
        guard out.shape == shape else {
            throw TorchError.runtime("The size of tensor a (\(mask.shape.last ?? 0)) must match the size of tensor b (\(shape.last ?? 0)) at non-singleton dimension \(ndim - 1)")
        }
        record("MaskedFillBackward0", inputs: [self], outputs: [out], formula: "grad_self = grad.masked_fill(mask, 0)",
               save: { $0.save("mask", mask) }) { node, g in
            guard let grad = g[0] else { return [nil] }
            return [try grad.maskedFill(node.savedTensor("mask"), .int(0))]
        }
        return out
    }

    /// `masked_fill(mask, value_tensor)` with a 0-dim value.
    public func maskedFill(_ mask: Tensor, _ value: Tensor) throws -> Tensor {
        guard value.ndim == 0 else {
            throw TorchError.runtime("masked_fill_ only supports a 0-dimensional value tensor, but got tensor with \(value.ndim) dimension(s).")
        }
        return try maskedFill(mask, value.item())
    }
}
