/// Element-wise kernels over typed storage: a contiguous fast path and a strided path.

/// Element types with wrapping integer / IEEE float arithmetic (never trapping).
protocol ArithmeticElement: TensorElement, Comparable {
    static func addOp(_ a: Self, _ b: Self) -> Self
    static func subOp(_ a: Self, _ b: Self) -> Self
    static func mulOp(_ a: Self, _ b: Self) -> Self
    static var oneValue: Self { get }
}

extension Float: ArithmeticElement {
    @inline(__always) static func addOp(_ a: Float, _ b: Float) -> Float { a + b }
    @inline(__always) static func subOp(_ a: Float, _ b: Float) -> Float { a - b }
    @inline(__always) static func mulOp(_ a: Float, _ b: Float) -> Float { a * b }
    static var oneValue: Float { 1 }
}
extension Double: ArithmeticElement {
    @inline(__always) static func addOp(_ a: Double, _ b: Double) -> Double { a + b }
    @inline(__always) static func subOp(_ a: Double, _ b: Double) -> Double { a - b }
    @inline(__always) static func mulOp(_ a: Double, _ b: Double) -> Double { a * b }
    static var oneValue: Double { 1 }
}
extension Int64: ArithmeticElement {
    @inline(__always) static func addOp(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
    @inline(__always) static func subOp(_ a: Int64, _ b: Int64) -> Int64 { a &- b }
    @inline(__always) static func mulOp(_ a: Int64, _ b: Int64) -> Int64 { a &* b }
    static var oneValue: Int64 { 1 }
}
extension Int32: ArithmeticElement {
    @inline(__always) static func addOp(_ a: Int32, _ b: Int32) -> Int32 { a &+ b }
    @inline(__always) static func subOp(_ a: Int32, _ b: Int32) -> Int32 { a &- b }
    @inline(__always) static func mulOp(_ a: Int32, _ b: Int32) -> Int32 { a &* b }
    static var oneValue: Int32 { 1 }
}

/// Converts one element between element types, through Int64 when both are integral so
/// large integers keep their exact value.
@inline(__always)
func castElement<S: TensorElement, D: TensorElement>(_ v: S, to _: D.Type) -> D {
    if D.dtype.isFloatingPoint || S.dtype.isFloatingPoint || D.dtype == .bool {
        return D(fromDouble: v.asDouble)
    }
    return D(fromInt64: v.asInt64)
}

/// out[i] = f(x[i]) into a new contiguous tensor of element type R. `x.dtype` must be A.
@inline(__always)
func mapKernel<A: TensorElement, R: TensorElement>(_ x: Tensor, _: A.Type, _: R.Type,
                                                   _ f: (A) -> R) -> Tensor {
    let out = Tensor(shape: x.shape, dtype: R.dtype, zeroed: false)
    let src = x.storage.typed(A.self)
    let dst = out.storage.typed(R.self)
    let n = out.count
    if x.isContiguous {
        let p = src + x.offset
        for i in 0..<n { dst[i] = f(p[i]) }
    } else {
        var i = 0
        forEachOffset(x.shape, x.strides, x.offset) { o in dst[i] = f(src[o]); i += 1 }
    }
    return out
}

/// out[i] = f(a[i], b[i]) with broadcasting to `shape`; a and b must be A and B typed.
@inline(__always)
func zipKernel<A: TensorElement, B: TensorElement, R: TensorElement>(
    _ a: Tensor, _ b: Tensor, shape: [Int], _: A.Type, _: B.Type, _: R.Type,
    _ f: (A, B) -> R
) -> Tensor {
    let out = Tensor(shape: shape, dtype: R.dtype, zeroed: false)
    let pa = a.storage.typed(A.self), pb = b.storage.typed(B.self)
    let dst = out.storage.typed(R.self)
    let n = out.count
    let aFull = a.shape == shape, bFull = b.shape == shape
    if aFull && bFull && a.isContiguous && b.isContiguous {
        let xa = pa + a.offset, xb = pb + b.offset
        for i in 0..<n { dst[i] = f(xa[i], xb[i]) }
    } else if aFull && a.isContiguous && b.count == 1 {
        let xa = pa + a.offset, vb = pb[b.offset]
        for i in 0..<n { dst[i] = f(xa[i], vb) }
    } else if bFull && b.isContiguous && a.count == 1 {
        let va = pa[a.offset], xb = pb + b.offset
        for i in 0..<n { dst[i] = f(va, xb[i]) }
    } else {
        let sa = ShapeUtil.broadcastStrides(a.shape, a.strides, to: shape)
        let sb = ShapeUtil.broadcastStrides(b.shape, b.strides, to: shape)
        var i = 0
        forEachOffset2(shape, sa, a.offset, sb, b.offset) { oa, ob in
            dst[i] = f(pa[oa], pb[ob]); i += 1
        }
    }
    return out
}

/// self[i] = f(self[i], b[i]) in place, b broadcast to self's shape.
@inline(__always)
func zipInPlaceKernel<A: TensorElement, B: TensorElement>(
    _ a: Tensor, _ b: Tensor, _: A.Type, _: B.Type, _ f: (A, B) -> A
) {
    let pa = a.storage.typed(A.self), pb = b.storage.typed(B.self)
    if a.isContiguous && b.isContiguous && a.shape == b.shape {
        let xa = pa + a.offset, xb = pb + b.offset
        for i in 0..<a.count { xa[i] = f(xa[i], xb[i]) }
    } else if a.isContiguous && b.count == 1 {
        let xa = pa + a.offset, vb = pb[b.offset]
        for i in 0..<a.count { xa[i] = f(xa[i], vb) }
    } else {
        let sb = ShapeUtil.broadcastStrides(b.shape, b.strides, to: a.shape)
        forEachOffset2(a.shape, a.strides, a.offset, sb, b.offset) { oa, ob in
            pa[oa] = f(pa[oa], pb[ob])
        }
    }
}

extension Tensor {
    /// This tensor's elements in `dtype` (self when already that dtype, else a copy).
    func converted(to dtype: DType) -> Tensor {
        if dtype == self.dtype { return self }
        switch self.dtype {
        case .float32: return convertFrom(Float.self, to: dtype)
        case .float64: return convertFrom(Double.self, to: dtype)
        case .int64: return convertFrom(Int64.self, to: dtype)
        case .int32: return convertFrom(Int32.self, to: dtype)
        case .bool: return convertFrom(Bool.self, to: dtype)
        }
    }

    private func convertFrom<S: TensorElement>(_: S.Type, to dtype: DType) -> Tensor {
        switch dtype {
        case .float32: return mapKernel(self, S.self, Float.self) { castElement($0, to: Float.self) }
        case .float64: return mapKernel(self, S.self, Double.self) { castElement($0, to: Double.self) }
        case .int64: return mapKernel(self, S.self, Int64.self) { castElement($0, to: Int64.self) }
        case .int32: return mapKernel(self, S.self, Int32.self) { castElement($0, to: Int32.self) }
        case .bool: return mapKernel(self, S.self, Bool.self) { castElement($0, to: Bool.self) }
        }
    }

    /// A contiguous copy of the data (self when already contiguous with offset 0 and full storage).
    func contiguousData() -> Tensor {
        if isContiguous { return self }
        switch dtype {
        case .float32: return mapKernel(self, Float.self, Float.self) { $0 }
        case .float64: return mapKernel(self, Double.self, Double.self) { $0 }
        case .int64: return mapKernel(self, Int64.self, Int64.self) { $0 }
        case .int32: return mapKernel(self, Int32.self, Int32.self) { $0 }
        case .bool: return mapKernel(self, Bool.self, Bool.self) { $0 }
        }
    }

    /// Copies `src` (broadcast, any dtype) into this tensor's elements.
    func copyElements(from src: Tensor) {
        let s = src.converted(to: dtype)
        switch dtype {
        case .float32: zipInPlaceKernel(self, s, Float.self, Float.self) { _, v in v }
        case .float64: zipInPlaceKernel(self, s, Double.self, Double.self) { _, v in v }
        case .int64: zipInPlaceKernel(self, s, Int64.self, Int64.self) { _, v in v }
        case .int32: zipInPlaceKernel(self, s, Int32.self, Int32.self) { _, v in v }
        case .bool: zipInPlaceKernel(self, s, Bool.self, Bool.self) { _, v in v }
        }
    }

    /// The elements as Doubles in row-major order.
    public func doubleValues() -> [Double] {
        var out = [Double]()
        out.reserveCapacity(count)
        switch dtype {
        case .float32: let p = storage.typed(Float.self); forEachOffset(shape, strides, offset) { out.append(Double(p[$0])) }
        case .float64: let p = storage.typed(Double.self); forEachOffset(shape, strides, offset) { out.append(p[$0]) }
        case .int64: let p = storage.typed(Int64.self); forEachOffset(shape, strides, offset) { out.append(Double(p[$0])) }
        case .int32: let p = storage.typed(Int32.self); forEachOffset(shape, strides, offset) { out.append(Double(p[$0])) }
        case .bool: let p = storage.typed(Bool.self); forEachOffset(shape, strides, offset) { out.append(p[$0] ? 1 : 0) }
        }
        return out
    }

    /// The elements as Int64s in row-major order (floats truncate).
    public func int64Values() -> [Int64] {
        var out = [Int64]()
        out.reserveCapacity(count)
        switch dtype {
        case .int64: let p = storage.typed(Int64.self); forEachOffset(shape, strides, offset) { out.append(p[$0]) }
        case .int32: let p = storage.typed(Int32.self); forEachOffset(shape, strides, offset) { out.append(Int64(p[$0])) }
        case .bool: let p = storage.typed(Bool.self); forEachOffset(shape, strides, offset) { out.append(p[$0] ? 1 : 0) }
        default: return doubleValues().map { Int64(clampingFloat: $0) }
        }
        return out
    }

    /// The elements as Python numbers of this dtype, row-major.
    public func scalarValues() -> [Scalar] {
        switch dtype {
        case .float32, .float64: return doubleValues().map { .double($0) }
        case .int64, .int32: return int64Values().map { .int($0) }
        case .bool: return int64Values().map { .bool($0 != 0) }
        }
    }

    /// The element at a full multi-index (no bounds check beyond the caller's).
    public func element(at index: [Int]) throws -> Scalar {
        guard index.count == ndim else {
            throw TorchError.index("too many indices for tensor of dimension \(ndim)")
        }
        var o = offset
        for (d, i) in index.enumerated() {
            let w = i < 0 ? i + shape[d] : i
            guard w >= 0 && w < shape[d] else {
                throw TorchError.index("index \(i) is out of bounds for dimension \(d) with size \(shape[d])")
            }
            o += w * strides[d]
        }
        return scalar(atStorageOffset: o)
    }

    /// The element stored at a storage offset as a Python number.
    func scalar(atStorageOffset o: Int) -> Scalar {
        switch dtype {
        case .float32: return .double(Double(storage.typed(Float.self)[o]))
        case .float64: return .double(storage.typed(Double.self)[o])
        case .int64: return .int(storage.typed(Int64.self)[o])
        case .int32: return .int(Int64(storage.typed(Int32.self)[o]))
        case .bool: return .bool(storage.typed(Bool.self)[o])
        }
    }

    /// `item()`: the single element as a Python number.
    public func item() throws -> Scalar {
        guard count == 1 else {
            throw TorchError.runtime("a Tensor with \(count) elements cannot be converted to Scalar")
        }
        return scalar(atStorageOffset: offset)
    }
}

/// PyTorch's `result_type` over tensor operands, weighing dim>0 tensors above 0-dim tensors
/// above wrapped Python numbers, and a higher category (bool < int < float) above priority.
func resultType(_ operands: [Tensor]) -> DType {
    var dimResult: DType?, zeroResult: DType?, wrappedResult: DType?
    for t in operands {
        if t.isWrappedNumber {
            let d = t.dtype.isFloatingPoint ? DType.defaultFloat : t.dtype
            wrappedResult = wrappedResult.map { DType.promote($0, d) } ?? d
        } else if t.ndim == 0 {
            zeroResult = zeroResult.map { DType.promote($0, t.dtype) } ?? t.dtype
        } else {
            dimResult = dimResult.map { DType.promote($0, t.dtype) } ?? t.dtype
        }
    }
    func combine(_ higher: DType?, _ lower: DType?) -> DType? {
        guard let h = higher else { return lower }
        guard let l = lower else { return h }
        if h.isFloatingPoint { return h }
        if h == .bool || l.isFloatingPoint { return DType.promote(h, l) }
        return h
    }
    return combine(dimResult, combine(zeroResult, wrappedResult)) ?? .defaultFloat
}
