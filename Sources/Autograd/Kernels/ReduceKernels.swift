/// Reduction kernels: sums over any set of dims, and per-lane processing along one dim.

extension Tensor {
    /// Output shape of a reduction over `dims` (already wrapped).
    static func reducedShape(_ shape: [Int], _ dims: Set<Int>, keepdim: Bool) -> [Int] {
        var out: [Int] = []
        for (i, s) in shape.enumerated() {
            if dims.contains(i) { if keepdim { out.append(1) } } else { out.append(s) }
        }
        return out
    }

    /// Wraps and dedups reduction dims; an empty list means all dims.
    func reductionDims(_ dims: [Int]) throws -> Set<Int> {
        if dims.isEmpty { return Set(0..<ndim) }
        // A 0-dim tensor accepts dim 0 / -1 and reduces nothing.
        if ndim == 0 {
            for d in dims { _ = try ShapeUtil.wrapDim(d, 0) }
            return []
        }
        var out = Set<Int>()
        for d in dims {
            let w = try ShapeUtil.wrapDim(d, ndim)
            if !out.insert(w).inserted {
                throw TorchError.runtime("dim \(w) appears multiple times in the list of dims")
            }
        }
        return out
    }

    /// Raw sum over dims (all when empty). Floats are summed in PyTorch's cascade order (see
    /// `CascadeSum`); ints and bools give int64.
    func sumRaw(dims: [Int], keepdim: Bool) throws -> Tensor {
        let set = try reductionDims(dims)
        let outShape = Tensor.reducedShape(shape, set, keepdim: keepdim)
        let outDType: DType = dtype.isFloatingPoint ? dtype : .int64
        let n = shapeProduct(outShape)
        if dtype.isFloatingPoint {
            let out = Tensor(shape: outShape, dtype: outDType, zeroed: true)
            if count == 0 { return out }
            let plan = CascadeSum.plan(shape: shape, inStrides: strides,
                                       outStrides: cascadeOutputStrides(set, outShape: outShape, keepdim: keepdim))
            if dtype == .float32 {
                CascadeSum.run(plan, outputCount: n, input: storage.typed(Float.self) + offset, output: out.storage.typed(Float.self))
            } else {
                CascadeSum.run(plan, outputCount: n, input: storage.typed(Double.self) + offset, output: out.storage.typed(Double.self))
            }
            return out
        }
        let keptShape = Tensor.reducedShape(shape, set, keepdim: true)
        let keptStrides = contiguousStrides(keptShape)
        var aligned = [Int](repeating: 0, count: ndim)
        for i in 0..<ndim where !set.contains(i) { aligned[i] = keptStrides[i] }
        let out = Tensor(shape: outShape, dtype: outDType, zeroed: false)
        let src = converted(to: .int64)
        let p = src.storage.typed(Int64.self)
        let q = out.storage.typed(Int64.self)
        for i in 0..<n { q[i] = 0 }
        forEachOffset2(src.shape, src.strides, src.offset, aligned, 0) { i, o in q[o] = q[o] &+ p[i] }
        return out
    }

    /// Variance (or standard deviation) of all elements as PyTorch's CPU `std_var_all_cpu`
    /// computes it: the float mean, then squared deviations summed in Double, divided in
    /// Double, rounded once to the dtype. `self` must be float32 or float64.
    func varianceOfAll(correction: Double, sqrt takeSqrt: Bool) throws -> Tensor {
        let m = try Tensor.binaryRaw(sumRaw(dims: [], keepdim: false), .wrapped(.int(Int64(count))), .div)
        let mean = m.scalar(atStorageOffset: m.offset).doubleValue
        let plan = CascadeSum.plan(shape: shape, inStrides: strides, outStrides: [Int](repeating: 0, count: ndim))
        let sum = dtype == .float32
            ? CascadeSum.squaredDeviations(plan, input: storage.typed(Float.self) + offset, mean: mean)
            : CascadeSum.squaredDeviations(plan, input: storage.typed(Double.self) + offset, mean: mean)
        let v = sum / Swift.max(0, Double(count) - correction)
        let out = Tensor(shape: [], dtype: dtype, zeroed: false)
        out.assign([takeSqrt ? v.squareRoot() : v])
        return out
    }

    /// The output's strides as a reduction's TensorIterator sees them, one per input dim:
    /// zero along reduced dims (of size above one, or any when `keepdim` is off), the
    /// contiguous output's strides elsewhere.
    private func cascadeOutputStrides(_ set: Set<Int>, outShape: [Int], keepdim: Bool) -> [Int] {
        let outStrides = contiguousStrides(outShape)
        var result: [Int] = []
        var j = 0
        for i in 0..<ndim {
            if set.contains(i) && !keepdim {
                result.append(0)
                continue
            }
            result.append(set.contains(i) && shape[i] != 1 ? 0 : outStrides[j])
            j += 1
        }
        return result
    }

    /// Runs `body` for each lane along `dim`, giving the lane's values as Doubles in a reused
    /// scratch buffer, and the lane number; `self` must be floating point.
    func forEachLaneValues(dim: Int, _ body: (UnsafeMutableBufferPointer<Double>, Int) -> Void) {
        let n = ndim == 0 ? 1 : shape[dim]
        let st = ndim == 0 ? 0 : strides[dim]
        var scratch = [Double](repeating: 0, count: Swift.max(n, 1))
        scratch.withUnsafeMutableBufferPointer { bufRef in
            let buf = bufRef
            func lanes(_ start: Int, _ lane: Int) {
                switch self.dtype {
                case .float32:
                    let p = self.storage.typed(Float.self)
                    for k in 0..<n { buf[k] = Double(p[start + k * st]) }
                case .float64:
                    let p = self.storage.typed(Double.self)
                    for k in 0..<n { buf[k] = p[start + k * st] }
                default:
                    for k in 0..<n { buf[k] = self.scalar(atStorageOffset: start + k * st).doubleValue }
                }
                body(UnsafeMutableBufferPointer(rebasing: buf[0..<n]), lane)
            }
            if ndim == 0 { lanes(offset, 0) } else { forEachLane(self, dim: dim) { lanes($0, $1) } }
        }
    }

    /// A new contiguous tensor shaped like `self` whose lanes along `dim` are computed by
    /// `body(input lane, output lane)`, both as Doubles.
    func mapLanes(dim: Int, dtype outDType: DType? = nil,
                  _ body: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void) -> Tensor {
        let dt = outDType ?? dtype
        let out = Tensor(shape: shape, dtype: dt, zeroed: false)
        let n = ndim == 0 ? 1 : shape[dim]
        // Fast path: rows of a contiguous float tensor, written straight into the output.
        if ndim > 0, dim == ndim - 1, isContiguous, dt == dtype, dtype.isFloatingPoint, n > 0 {
            let rows = count / n
            var scratch = [Double](repeating: 0, count: 2 * n)
            scratch.withUnsafeMutableBufferPointer { buf in
                let lane = UnsafeMutableBufferPointer(rebasing: buf[0..<n])
                let o = UnsafeMutableBufferPointer(rebasing: buf[n..<(2 * n)])
                func run<T: FloatElement>(_: T.Type) {
                    let src = storage.typed(T.self) + offset, dst = out.storage.typed(T.self)
                    for r in 0..<rows {
                        let base = r * n
                        for k in 0..<n { lane[k] = Double(src[base + k]) }
                        body(lane, o)
                        for k in 0..<n { dst[base + k] = T(o[k]) }
                    }
                }
                if dtype == .float32 { run(Float.self) } else { run(Double.self) }
            }
            return out
        }
        var shapeMoved = shape
        var outValues = [Double](repeating: 0, count: count)
        // Lanes of the output are laid out with the same geometry as a contiguous tensor.
        let outStrides = contiguousStrides(shape)
        let laneStride = ndim == 0 ? 0 : outStrides[dim]
        var laneStarts: [Int] = []
        if ndim > 0 {
            var sh = shapeMoved, st = outStrides
            sh.remove(at: dim); st.remove(at: dim)
            forEachOffset(sh, st, 0) { laneStarts.append($0) }
            shapeMoved = sh
        } else {
            laneStarts = [0]
        }
        var outLane = [Double](repeating: 0, count: Swift.max(n, 1))
        outLane.withUnsafeMutableBufferPointer { ob in
            let o = UnsafeMutableBufferPointer(rebasing: ob[0..<n])
            forEachLaneValues(dim: dim) { lane, k in
                body(lane, o)
                let start = laneStarts[k]
                for j in 0..<n { outValues[start + j * laneStride] = o[j] }
            }
        }
        out.assign(outValues)
        return out
    }

    /// Reduces each lane along `dim` to one value (or a value and an index).
    func reduceLanes(dim: Int, keepdim: Bool, dtype outDType: DType? = nil,
                     _ body: (UnsafeMutableBufferPointer<Double>) -> (Double, Int)) -> (values: Tensor, indices: Tensor) {
        var outShape = shape
        if ndim > 0 { if keepdim { outShape[dim] = 1 } else { outShape.remove(at: dim) } }
        let values = Tensor(shape: outShape, dtype: outDType ?? dtype, zeroed: false)
        let indices = Tensor(shape: outShape, dtype: .int64, zeroed: false)
        var vals = [Double](repeating: 0, count: values.count)
        let ip = indices.storage.typed(Int64.self)
        forEachLaneValues(dim: dim) { lane, k in
            let (v, i) = body(lane)
            vals[k] = v
            ip[k] = Int64(i)
        }
        values.assign(vals)
        return (values, indices)
    }
}
