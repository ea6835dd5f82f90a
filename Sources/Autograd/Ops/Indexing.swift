/// Python indexing: `x[0]`, `x[:, 1:]`, `x[None]`, `x[..., 0]`, `x[idx]`, `x[mask]` and
/// tuples of these, for reading (getitem) and assignment (setitem).

/// One element of a Python subscript.
public enum TensorIndex {
    /// An integer: selects and removes a dim.
    case int(Int)
    /// A slice `start:stop:step` (nil parts as in Python).
    case slice(start: Int?, stop: Int?, step: Int?)
    /// `None`: inserts a size-1 dim.
    case none
    /// `...`: as many full slices as needed.
    case ellipsis
    /// An integer or bool tensor (advanced indexing).
    case tensor(Tensor)
    /// A Python bool (`x[True]`).
    case bool(Bool)
}

extension Tensor {
    /// The result of the basic (view) part of indexing, plus where advanced indices apply.
    private func applyBasicIndexing(_ indices: [TensorIndex]) throws -> (Tensor, [(dim: Int, index: Tensor)]) {
        var consumed = 0
        var ellipses = 0
        for ix in indices {
            switch ix {
            case .int, .slice: consumed += 1
            case .tensor(let t): consumed += t.dtype == .bool ? Swift.max(t.ndim, 1) : 1
            case .ellipsis: ellipses += 1
            case .none, .bool: break
            }
        }
        if ellipses > 1 { throw TorchError.index("an index can only have a single ellipsis ('...')") }
        if consumed > ndim {
            throw TorchError.index("too many indices for tensor of dimension \(ndim)")
        }
        var result = self
        var dim = 0
        var advanced: [(dim: Int, index: Tensor)] = []
        for ix in indices {
            switch ix {
            case .int(let i):
                result = try result.select(dim, i)
            case .slice(let start, let stop, let step):
                let st = step ?? 1
                let size = result.shape[dim]
                if !(start == nil || start == 0) || !(stop == nil || (stop ?? 0) >= size) || st != 1 {
                    result = try result.slice(dim, start: start, end: stop, step: st)
                }
                dim += 1
            case .none:
                result = try result.unsqueeze(dim)
                dim += 1
            case .ellipsis:
                dim += ndim - consumed
            case .bool(let b):
                result = try result.unsqueeze(dim)
                if !b { advanced.append((dim, try Tensor(checkedShape: [0], dtype: .int64))) }
                dim += 1
            case .tensor(let t):
                if t.dtype == .bool {
                    // A mask indexes as its nonzero coordinates, one long tensor per mask dim.
                    let k = Swift.max(t.ndim, 1)
                    for j in 0..<t.ndim where t.shape[j] != result.shape[dim + j] {
                        throw TorchError.index("The shape of the mask \(shapeString(t.shape)) at index \(j) does not match the shape of the indexed tensor \(shapeString(result.shape)) at index \(dim + j)")
                    }
                    if t.ndim == 0 {
                        result = try result.unsqueeze(dim)
                        advanced.append((dim, try t.item().doubleValue != 0 ? Tensor.from(ints: [0]) : Tensor(shape: [0], dtype: .int64)))
                        dim += 1
                    } else {
                        let nz = try t.nonzero()
                        for j in 0..<k { advanced.append((dim + j, try nz.select(1, j))) }
                        dim += k
                    }
                } else if t.dtype == .int64 || t.dtype == .int32 {
                    advanced.append((dim, t.converted(to: .int64)))
                    dim += 1
                } else {
                    throw TorchError.index("tensors used as indices must be long, int, byte or bool tensors")
                }
            }
        }
        return (result, advanced)
    }

    /// Storage offsets (relative to a tensor of the given geometry) of every element picked by
    /// advanced indices, in result order, and the result shape.
    private static func advancedOffsets(shape: [Int], strides: [Int], base: Int,
                                        _ advanced: [(dim: Int, index: Tensor)]) throws -> (shape: [Int], offsets: [Int]) {
        var bshape: [Int] = []
        for (_, t) in advanced { bshape = try ShapeUtil.broadcast(bshape, t.shape) }
        let nb = shapeProduct(bshape)
        var adv = [Int](repeating: 0, count: nb)
        for (d, t) in advanced {
            let e = try t.expand(bshape).contiguousData()
            let v = e.int64Values()
            let size = shape[d]
            for b in 0..<nb {
                var j = Int(v[b])
                if j < -size || j >= size {
                    throw TorchError.index("index \(j) is out of bounds for dimension \(d) with size \(size)")
                }
                if j < 0 { j += size }
                adv[b] += j * strides[d]
            }
        }
        let advDims = advanced.map { $0.dim }
        let sortedDims = Array(Set(advDims)).sorted()
        let adjacent = (sortedDims.last ?? 0) - (sortedDims.first ?? 0) + 1 == sortedDims.count
        let first = sortedDims.first ?? 0
        var pre: [Int] = [], post: [Int] = []
        var preS: [Int] = [], postS: [Int] = []
        for d in 0..<shape.count where !sortedDims.contains(d) {
            if adjacent && d < first { pre.append(shape[d]); preS.append(strides[d]) } else {
                post.append(shape[d]); postS.append(strides[d])
            }
        }
        var preOff: [Int] = [], postOff: [Int] = []
        forEachOffset(pre, preS, 0) { preOff.append($0) }
        forEachOffset(post, postS, 0) { postOff.append($0) }
        var offsets: [Int] = []
        offsets.reserveCapacity(preOff.count * nb * postOff.count)
        for p in preOff { for a in adv { for q in postOff { offsets.append(base + p + a + q) } } }
        return (pre + bshape + post, offsets)
    }

    /// `self[indices]`.
    public func getItem(_ indices: [TensorIndex]) throws -> Tensor {
        let (view, advanced) = try applyBasicIndexing(indices)
        if advanced.isEmpty { return view === self ? try viewAlias() : view }
        let (outShape, offsets) = try Tensor.advancedOffsets(shape: view.shape, strides: view.strides,
                                                             base: view.offset, advanced)
        let out = try Tensor(checkedShape: outShape, dtype: dtype, zeroed: false)
        let item = dtype.itemSize
        for (k, o) in offsets.enumerated() { copyElementBytes(view.storage, o, out.storage, k, item) }
        let inShape = view.shape
        let idxTensors = advanced
        record("IndexBackward0", inputs: [view], outputs: [out], formula: "grad_self = index_backward(grad.new_zeros(self.sizes()), indices, grad)",
               save: { node in
                   node.save("indices", .tensors(idxTensors.map { SavedTensor($0.index) }))
                   node.save("self_sym_sizes", .ints(inShape))
               }) { _, g in
            guard let grad = g[0] else { return [nil] }
            let z = try Tensor(checkedShape: inShape, dtype: grad.dtype)
            let (_, zoff) = try Tensor.advancedOffsets(shape: inShape, strides: z.strides, base: 0, idxTensors)
            let gc = grad.contiguousData()
            switch z.dtype {
            case .float32:
                let pz = z.storage.typed(Float.self), pg = gc.storage.typed(Float.self) + gc.offset
                for (k, o) in zoff.enumerated() { pz[o] += pg[k] }
            case .float64:
                let pz = z.storage.typed(Double.self), pg = gc.storage.typed(Double.self) + gc.offset
                for (k, o) in zoff.enumerated() { pz[o] += pg[k] }
            default: break
            }
            return [z]
        }
        return out
    }

    /// A view of the whole tensor (what `x[...]` or `x[:]` returns: AliasBackward0).
    func viewAlias() throws -> Tensor {
        let out = makeView(shape, strides, offset)
        record("AliasBackward0", inputs: [self], outputs: [out], formula: "grad_self = grad") { _, g in [g[0]] }
        return out
    }

    /// `self[indices] = value`. With a graph (self or value requires grad), self takes a
    /// CopySlices node: the written region gets value's gradient, the rest self's old one.
    public func setItem(_ indices: [TensorIndex], _ value: Tensor) throws {
        try checkInPlace()
        let graph = GradMode.isEnabled && (requiresGrad || value.requiresGrad)
        let (view, advanced) = try GradMode.noGrad { try applyBasicIndexing(indices) }
        if graph, let base = viewBase {
            // Writing through a view: the base takes the CopySlices node, this view is
            // re-derived from it.
            guard advanced.isEmpty, base.isContiguous else {
                throw TorchError.runtime("index assignment with tensor indices through a view of a tensor that requires grad is not supported; index the base tensor instead")
            }
            try view.copy_(value)
            refreshViewHistory(base: base)
            return
        }
        let v = value.converted(to: dtype)
        let regionShape: [Int]
        if advanced.isEmpty {
            regionShape = view.shape
            let src: Tensor
            do { src = try GradMode.noGrad { try v.detach().expand(view.shape) } } catch {
                throw TorchError.runtime("shape mismatch: value tensor of shape \(shapeString(value.shape)) cannot be broadcast to indexing result of shape \(shapeString(view.shape))")
            }
            view.copyElements(from: src)
        } else {
            let (outShape, offsets) = try Tensor.advancedOffsets(shape: view.shape, strides: view.strides,
                                                                 base: view.offset, advanced)
            regionShape = outShape
            let src: Tensor
            do { src = try GradMode.noGrad { try v.detach().expand(outShape).contiguousData() } } catch {
                throw TorchError.runtime("shape mismatch: value tensor of shape \(shapeString(value.shape)) cannot be broadcast to indexing result of shape \(shapeString(outShape))")
            }
            let item = dtype.itemSize
            for (k, o) in offsets.enumerated() { copyElementBytes(src.storage, src.offset + k, storage, o, item) }
        }
        versionCounter.bump()
        guard graph && dtype.isFloatingPoint else { return }
        // Logical positions of the written region, found by indexing a tensor of positions.
        let positions = try GradMode.noGrad {
            try Tensor.arange(.int(Int64(count))).reshape(shape).getItem(indices).int64Values()
        }
        rebaseHistory(positions: positions, regionShape: regionShape, value: value)
    }

    /// Gives self a CopySlices node after the elements at `positions` (row-major logical
    /// positions) were overwritten by `value`: the region's gradient flows to value's
    /// history, the rest to self's previous history.
    func rebaseHistory(positions: [Int64], regionShape: [Int], value: Tensor) {
        let node = FunctionNode(name: "CopySlices", nextEdges: [gradientEdge(), value.gradientEdge()], numInputs: 1,
                                formula: "grad_self = grad with the written region zeroed, grad_src = grad[indices]") { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let flat = try grad.contiguous().reshape([-1])
            var gs: Tensor?
            if node.needsInputGrad(0) {
                let c = flat.clone_raw()
                let zero = Tensor.scalar(.int(0), dtype: c.dtype)
                for p in positions { copyElementBytes(zero.storage, 0, c.storage, Int(p), c.dtype.itemSize) }
                gs = try c.reshape(grad.shape)
            }
            let gv = node.needsInputGrad(1)
                ? try flat.indexSelect(dim: 0, index: Tensor.from(ints: positions)).reshape(regionShape) : nil
            return [gs, gv]
        }
        node.inputMeta = [(shape, dtype), (value.shape, value.dtype)]
        gradFn = node
        outputNr = 0
        leafRequiresGrad = false
    }

    /// `self[indices] = number`.
    public func setItem(_ indices: [TensorIndex], _ value: Scalar) throws {
        try setItem(indices, Tensor.scalar(value, dtype: dtype))
    }

    /// `nonzero()`: (n, ndim) int64 coordinates of nonzero elements, row-major.
    public func nonzero() throws -> Tensor {
        let flags = converted(to: .bool).int64Values()
        var coords: [Int64] = []
        var idx = [Int](repeating: 0, count: ndim)
        for f in flags {
            if f != 0 { coords.append(contentsOf: idx.map { Int64($0) }) }
            var d = ndim - 1
            while d >= 0 {
                idx[d] += 1
                if idx[d] < shape[d] { break }
                idx[d] = 0
                d -= 1
            }
        }
        return try Tensor.from(ints: coords, shape: [coords.count / Swift.max(ndim, 1), ndim])
    }
}
