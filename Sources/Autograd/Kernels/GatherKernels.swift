/// Index-driven copies (gather, scatter, index_select, masks) done on raw element bytes, so
/// one loop serves every dtype.

/// Copies one element between storages of the same dtype.
@inline(__always)
func copyElementBytes(_ src: Storage, _ so: Int, _ dst: Storage, _ dO: Int, _ size: Int) {
    switch size {
    case 8: dst.raw.assumingMemoryBound(to: UInt64.self)[dO] = src.raw.assumingMemoryBound(to: UInt64.self)[so]
    case 4: dst.raw.assumingMemoryBound(to: UInt32.self)[dO] = src.raw.assumingMemoryBound(to: UInt32.self)[so]
    default: dst.raw.assumingMemoryBound(to: UInt8.self)[dO] = src.raw.assumingMemoryBound(to: UInt8.self)[so]
    }
}

extension Tensor {
    /// Index values as Int64 with PyTorch's dtype check.
    func indexValues(_ what: String = "index") throws -> [Int64] {
        guard dtype == .int64 || dtype == .int32 else {
            throw TorchError.runtime("\(what)(): Expected dtype int64 for index")
        }
        return int64Values()
    }

    /// Raw gather: out[i][j] = self[i][index[i][j]] along `dim`.
    func gatherRaw(dim d: Int, index: Tensor) throws -> Tensor {
        guard index.ndim == ndim || (ndim == 0 && index.ndim <= 1) else {
            throw TorchError.runtime("Index tensor must have the same number of dimensions as input tensor")
        }
        for i in 0..<ndim where i != d && index.shape[i] > shape[i] {
            throw TorchError.runtime("Size does not match at dimension \(i) expected index \(shapeString(index.shape)) to be smaller than self \(shapeString(shape)) apart from dimension \(d)")
        }
        guard index.dtype == .int64 else { throw TorchError.runtime("gather(): Expected dtype int64 for index") }
        let out = try Tensor(checkedShape: index.shape, dtype: dtype, zeroed: false)
        let ip = index.storage.typed(Int64.self)
        var selfStrides = ndim == 0 ? [0] : strides
        let dimStride = ndim == 0 ? 0 : strides[d]
        let size = ndim == 0 ? 1 : shape[d]
        if ndim > 0 { selfStrides[d] = 0 }
        var k = 0
        var bad: Int64?
        let item = dtype.itemSize
        forEachOffset2(index.shape, index.strides, index.offset, Array(selfStrides.prefix(index.ndim)), offset) { oi, os in
            var j = ip[oi]
            if j < 0 { j += Int64(size) }
            if j < 0 || j >= Int64(size) { if bad == nil { bad = ip[oi] }; k += 1; return }
            copyElementBytes(storage, os + Int(j) * dimStride, out.storage, k, item)
            k += 1
        }
        if let bad {
            throw TorchError.runtime("index \(bad) is out of bounds for dimension \(d) with size \(size)")
        }
        return out
    }

    /// Raw scatter into a copy of self: out[..index..] = src (or value); `reduceAdd` adds.
    func scatterRaw(dim d: Int, index: Tensor, src: Tensor, reduceAdd: Bool = false) throws -> Tensor {
        guard index.dtype == .int64 else { throw TorchError.runtime("scatter(): Expected dtype int64 for index") }
        guard index.ndim == ndim, ndim > 0 else {
            throw TorchError.runtime("Index tensor must have the same number of dimensions as self tensor")
        }
        for i in 0..<ndim {
            let tooBigForSelf = i != d && index.shape[i] > shape[i]
            let tooBigForSrc = src.ndim > 0 && (src.ndim != ndim || index.shape[i] > src.shape[i])
            if tooBigForSelf || tooBigForSrc {
                throw TorchError.runtime("Expected index \(shapeString(index.shape)) to be smaller than self \(shapeString(shape)) apart from dimension \(d) and to be smaller size than src \(shapeString(src.shape))")
            }
        }
        let out = clone_raw()
        let s = src.converted(to: dtype)
        let srcStrides = s.ndim == 0 ? [Int](repeating: 0, count: index.ndim) : s.strides
        let ip = index.storage.typed(Int64.self)
        var outStrides = out.strides
        let dimStride = out.strides[d], size = shape[d]
        outStrides[d] = 0
        var bad: Int64?
        let item = dtype.itemSize
        forEachOffset3(index.shape, index.strides, index.offset, srcStrides, s.offset, outStrides, 0) { oi, osrc, oo in
            var j = ip[oi]
            if j < 0 { j += Int64(size) }
            if j < 0 || j >= Int64(size) { if bad == nil { bad = ip[oi] }; return }
            let target = oo + Int(j) * dimStride
            if reduceAdd {
                switch out.dtype {
                case .float32: out.storage.typed(Float.self)[target] += s.storage.typed(Float.self)[osrc]
                case .float64: out.storage.typed(Double.self)[target] += s.storage.typed(Double.self)[osrc]
                case .int64: out.storage.typed(Int64.self)[target] &+= s.storage.typed(Int64.self)[osrc]
                case .int32: out.storage.typed(Int32.self)[target] &+= s.storage.typed(Int32.self)[osrc]
                case .bool: out.storage.typed(Bool.self)[target] = out.storage.typed(Bool.self)[target] || s.storage.typed(Bool.self)[osrc]
                }
            } else {
                copyElementBytes(s.storage, osrc, out.storage, target, item)
            }
        }
        if let bad {
            throw TorchError.runtime("index \(bad) is out of bounds for dimension \(d) with size \(size)")
        }
        return out
    }

    /// Raw index_select along `dim`.
    func indexSelectRaw(dim d: Int, indices: [Int64]) throws -> Tensor {
        let size = ndim == 0 ? 1 : shape[d]
        var outShape = shape
        if ndim > 0 { outShape[d] = indices.count }
        let out = try Tensor(checkedShape: outShape, dtype: dtype, zeroed: false)
        guard ndim > 0 else {
            if indices.count == 1 && (indices[0] == 0 || indices[0] == -1) { out.copyElements(from: self) ; return out }
            throw TorchError.index("index out of range in self")
        }
        for j in indices where j < -Int64(size) || j >= Int64(size) {
            throw TorchError.index("index out of range in self")
        }
        // Iterate the output row-major; the source offset replaces dim's index through the list.
        var src = strides
        src[d] = 0
        let item = dtype.itemSize
        var k = 0
        let outStridesDim = contiguousStrides(outShape)[d]
        let dimStride = strides[d]
        forEachOffset(outShape, src, offset) { base in
            let pos = (k / outStridesDim) % Swift.max(indices.count, 1)
            var j = Int(indices[pos])
            if j < 0 { j += size }
            copyElementBytes(storage, base + j * dimStride, out.storage, k, item)
            k += 1
        }
        return out
    }
}
