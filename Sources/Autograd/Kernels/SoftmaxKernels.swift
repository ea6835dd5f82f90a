import RealModule

/// An element type of PyTorch's vectorised softmax kernels: how many lanes an AVX2 vector
/// holds, how a vector of partial results folds to one value, and which exp/log the vector
/// and scalar code paths call.
protocol SoftmaxScalar: FloatElement, SIMDScalar, Codable {
    /// Lanes of one AVX2 vector (8 floats, 4 doubles).
    static var vectorLanes: Int { get }
    /// `vec_reduce_all`'s fold of the first `vectorLanes` lanes of `acc`.
    static func fold(_ acc: SIMD8<Self>, _ op: (Self, Self) -> Self) -> Self
    /// `Vectorized<T>::exp()`.
    static func vexp(_ x: Self) -> Self
    /// `Vectorized<T>::log()`.
    static func vlog(_ x: Self) -> Self
    /// `std::exp` on a scalar tail.
    static func cexp(_ x: Self) -> Self
}

extension Float: SoftmaxScalar {
    static var vectorLanes: Int { 8 }
    /// AVX2 folds floats by shuffles: halves 4 apart, then pairs 2 apart, then neighbours.
    @inline(__always) static func fold(_ acc: SIMD8<Float>, _ op: (Float, Float) -> Float) -> Float {
        let b0 = op(acc[0], acc[4]), b1 = op(acc[1], acc[5]), b2 = op(acc[2], acc[6]), b3 = op(acc[3], acc[7])
        return op(op(b0, b2), op(b1, b3))
    }
    @inline(__always) static func vexp(_ x: Float) -> Float { VectorMath.exp(x) }
    @inline(__always) static func vlog(_ x: Float) -> Float { VectorMath.log(x) }
    @inline(__always) static func cexp(_ x: Float) -> Float { Float.exp(x) }
}

extension Double: SoftmaxScalar {
    static var vectorLanes: Int { 4 }
    /// Doubles have no shuffle specialisation: lanes fold left to right.
    @inline(__always) static func fold(_ acc: SIMD8<Double>, _ op: (Double, Double) -> Double) -> Double {
        op(op(op(acc[0], acc[1]), acc[2]), acc[3])
    }
    @inline(__always) static func vexp(_ x: Double) -> Double { VectorMath.exp(x) }
    /// The correctly rounded log, which SLEEF's 1-ulp log returns in practice.
    @inline(__always) static func vlog(_ x: Double) -> Double { Double.log(x) }
    @inline(__always) static func cexp(_ x: Double) -> Double { Double.exp(x) }
}

/// Softmax / log-softmax kernels that follow PyTorch's AVX2 CPU kernels step for step:
/// vector-width reductions with the same tail handling and folding order, SLEEF's vector
/// exp/log on vectorised lanes and the C library's exp on the scalar tails.
enum SoftmaxKernels {
    /// `vec::maximum`: the larger lane, NaN if either lane is NaN.
    @inline(__always) static func vmax<T: SoftmaxScalar>(_ a: T, _ b: T) -> T {
        if a.isNaN || b.isNaN { return .nan }
        return a > b ? a : b
    }

    /// `vec::reduce_all` / `vec::map_reduce_all` over `n` values produced by `value(i)`:
    /// a vector accumulator fed whole vectors, a masked tail merged into its low lanes, then
    /// folded as `T.fold`. Fewer values than lanes are folded left to right.
    @inline(__always) static func reduceAll<T: SoftmaxScalar>(_ n: Int, _ value: (Int) -> T,
                                                              _ op: (T, T) -> T) -> T {
        let lanes = T.vectorLanes
        if n < lanes {
            var acc = value(0)
            for i in 1..<Swift.max(n, 1) { acc = op(acc, value(i)) }
            return acc
        }
        var acc = SIMD8<T>()
        for l in 0..<lanes { acc[l] = value(l) }
        let whole = n - n % lanes
        var d = lanes
        while d < whole {
            for l in 0..<lanes { acc[l] = op(acc[l], value(d + l)) }
            d += lanes
        }
        for l in 0..<(n - d) { acc[l] = op(acc[l], value(d + l)) }
        return T.fold(acc, op)
    }

    /// `_vec_softmax_lastdim`: rows of `dim` contiguous values.
    static func softmaxLastDim<T: SoftmaxScalar>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, rows: Int, dim: Int) {
        guard dim > 0 else { return }
        for r in 0..<rows {
            let src = x + r * dim, dst = y + r * dim
            let m = reduceAll(dim, { src[$0] }, vmax)
            for i in 0..<dim { dst[i] = T.vexp(src[i] - m) }
            let inv = 1 / reduceAll(dim, { UnsafePointer(dst)[$0] }, +)
            for i in 0..<dim { dst[i] *= inv }
        }
    }

    /// `_vec_log_softmax_lastdim`: `x - max - log(sum(exp(x - max)))` per row, in that order.
    static func logSoftmaxLastDim<T: SoftmaxScalar>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, rows: Int, dim: Int) {
        guard dim > 0 else { return }
        for r in 0..<rows {
            let src = x + r * dim, dst = y + r * dim
            let m = reduceAll(dim, { src[$0] }, vmax)
            let logSum = T.vlog(reduceAll(dim, { T.vexp(src[$0] - m) }, +))
            for i in 0..<dim { dst[i] = src[i] - m - logSum }
        }
    }

    /// Whether inner position `j` of `inner` is computed by a full vector in `_vec_softmax`
    /// (the last `inner % 8` positions of each row of lanes take the scalar path).
    @inline(__always) static func softmaxVectorised(_ j: Int, inner: Int, lanes: Int) -> Bool {
        j < inner - inner % lanes
    }

    /// `_vec_softmax` for a reduced dim that is not last: each inner position reduces
    /// vertically; vector lanes use `vec::maximum` and SLEEF exp, scalar tails `std::max`
    /// and `expf`; the result is divided (not multiplied by a reciprocal) by the sum.
    static func softmaxInner<T: SoftmaxScalar>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
                             outer: Int, dim: Int, inner: Int) {
        guard dim > 0 else { return }
        for o in 0..<outer {
            for j in 0..<inner {
                let src = x + o * dim * inner + j, dst = y + o * dim * inner + j
                let vector = softmaxVectorised(j, inner: inner, lanes: T.vectorLanes)
                var m = src[0]
                for d in 1..<dim {
                    let v = src[d * inner]
                    m = vector ? vmax(m, v) : (m < v ? v : m)
                }
                var sum: T = 0
                for d in 0..<dim {
                    let e = vector ? T.vexp(src[d * inner] - m) : T.cexp(src[d * inner] - m)
                    dst[d * inner] = e
                    sum += e
                }
                for d in 0..<dim { dst[d * inner] /= sum }
            }
        }
    }

    /// Chunk width of `_vec_logsoftmax` along the inner dim (a multiple of 8 sized to 128 KiB).
    @inline(__always) static func logSoftmaxChunk(dim: Int, itemSize: Int, lanes: Int) -> Int {
        let c = Swift.max(128 * 1024 / dim / itemSize, lanes)
        return c / lanes * lanes
    }

    /// `_vec_logsoftmax` for a reduced dim that is not last: vertical max (NaN-ignoring
    /// comparison), sum of exp (SLEEF on whole vectors of a chunk, `expf` on its tail), SLEEF log.
    static func logSoftmaxInner<T: SoftmaxScalar>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
                                outer: Int, dim: Int, inner: Int) {
        guard dim > 0 else { return }
        let chunk = logSoftmaxChunk(dim: dim, itemSize: MemoryLayout<T>.size, lanes: T.vectorLanes)
        for o in 0..<outer {
            for j in 0..<inner {
                let start = j / chunk * chunk
                let size = Swift.min(chunk, inner - start)
                let vector = j - start < size - size % T.vectorLanes
                let src = x + o * dim * inner + j, dst = y + o * dim * inner + j
                var m = -T.infinity
                for d in 0..<dim { let v = src[d * inner]; if v > m { m = v } }
                var sum: T = 0
                for d in 0..<dim {
                    sum += vector ? T.vexp(src[d * inner] - m) : T.cexp(src[d * inner] - m)
                }
                let logSum = T.vlog(sum)
                for d in 0..<dim { dst[d * inner] = src[d * inner] - m - logSum }
            }
        }
    }

    /// `_vec_host_softmax_backward_lastdim` for softmax: `(g - sum(g * y)) * y` per row.
    static func softmaxBackwardLastDim<T: SoftmaxScalar>(_ g: UnsafePointer<T>, _ y: UnsafePointer<T>,
                                       _ out: UnsafeMutablePointer<T>, rows: Int, dim: Int) {
        guard dim > 0 else { return }
        for r in 0..<rows {
            let gr = g + r * dim, yr = y + r * dim, o = out + r * dim
            let s = reduceAll(dim, { gr[$0] * yr[$0] }, +)
            for i in 0..<dim { o[i] = (gr[i] - s) * yr[i] }
        }
    }

    /// `_vec_host_softmax_backward_lastdim` for log-softmax: `g - exp(y) * sum(g)` per row.
    static func logSoftmaxBackwardLastDim<T: SoftmaxScalar>(_ g: UnsafePointer<T>, _ y: UnsafePointer<T>,
                                          _ out: UnsafeMutablePointer<T>, rows: Int, dim: Int) {
        guard dim > 0 else { return }
        for r in 0..<rows {
            let gr = g + r * dim, yr = y + r * dim, o = out + r * dim
            let s = reduceAll(dim, { gr[$0] }, +)
            // The compiler fuses `g - e * s` into one multiply-add in PyTorch's build.
            for i in 0..<dim { o[i] = gr[i].addingProduct(-T.vexp(yr[i]), s) }
        }
    }

    /// `_vec_softmax_backward` / `_vec_log_softmax_backward` for a dim that is not last:
    /// vertical sums, then `y * (g - sum)` or `g - exp(y) * sum` (SLEEF exp on whole
    /// vectors of a chunk, `expf` on its tail), with the multiply-adds fused as compiled.
    static func backwardInner<T: SoftmaxScalar>(log: Bool, _ g: UnsafePointer<T>, _ y: UnsafePointer<T>,
                              _ out: UnsafeMutablePointer<T>, outer: Int, dim: Int, inner: Int) {
        guard dim > 0 else { return }
        let chunk = logSoftmaxChunk(dim: dim, itemSize: MemoryLayout<T>.size, lanes: T.vectorLanes)
        for o in 0..<outer {
            for j in 0..<inner {
                let start = j / chunk * chunk
                let size = Swift.min(chunk, inner - start)
                let vector = j - start < size - size % T.vectorLanes
                let base = o * dim * inner + j
                var s: T = 0
                for d in 0..<dim {
                    let k = base + d * inner
                    // `sum += g * y` is contracted to a fused multiply-add in PyTorch's build.
                    s = log ? s + g[k] : s.addingProduct(g[k], y[k])
                }
                for d in 0..<dim {
                    let k = base + d * inner
                    if log {
                        out[k] = g[k].addingProduct(-(vector ? T.vexp(y[k]) : T.cexp(y[k])), s)
                    } else {
                        out[k] = y[k] * (g[k] - s)
                    }
                }
            }
        }
    }
}

extension Tensor {
    /// Sizes before, along and after `dim` (a 0-d tensor is one lane of one value).
    func softmaxGeometry(_ dim: Int) -> (outer: Int, size: Int, inner: Int) {
        guard ndim > 0 else { return (1, 1, 1) }
        let outer = shape[..<dim].reduce(1, *), inner = shape[(dim + 1)...].reduce(1, *)
        return (outer, shape[dim], inner)
    }

    /// This tensor as a contiguous buffer of `dt` (copied only when needed).
    private func contiguous(as dt: DType) -> Tensor {
        let t = dtype == dt ? self : converted(to: dt)
        return t.isContiguous ? t : t.clone_raw()
    }

    /// Softmax (`log == false`) or log-softmax over `dim` of a float32 or float64 tensor, in
    /// PyTorch's CPU kernel order.
    func softmaxKernel(dim: Int, log: Bool) -> Tensor {
        if dtype == .float64 { return softmaxKernel(Double.self, dim: dim, log: log) }
        return softmaxKernel(Float.self, dim: dim, log: log)
    }

    private func softmaxKernel<T: SoftmaxScalar>(_: T.Type, dim: Int, log: Bool) -> Tensor {
        let dt: DType = T.self == Double.self ? .float64 : .float32
        let x = contiguous(as: dt)
        let out = Tensor(shape: shape, dtype: dt, zeroed: false)
        let (outer, size, inner) = softmaxGeometry(dim)
        let src = UnsafePointer(x.storage.typed(T.self) + x.offset), dst = out.storage.typed(T.self)
        if ndim > 0 && dim == ndim - 1 {
            if log { SoftmaxKernels.logSoftmaxLastDim(src, dst, rows: outer, dim: size) }
            else { SoftmaxKernels.softmaxLastDim(src, dst, rows: outer, dim: size) }
        } else {
            if log { SoftmaxKernels.logSoftmaxInner(src, dst, outer: outer, dim: size, inner: inner) }
            else { SoftmaxKernels.softmaxInner(src, dst, outer: outer, dim: size, inner: inner) }
        }
        return out
    }

    /// Softmax / log-softmax backward from the saved output `y` and upstream `grad` (both
    /// float32 or both float64).
    static func softmaxBackwardKernel(grad: Tensor, output y: Tensor, dim: Int, log: Bool) -> Tensor {
        if y.dtype == .float64 { return softmaxBackwardKernel(Double.self, grad: grad, output: y, dim: dim, log: log) }
        return softmaxBackwardKernel(Float.self, grad: grad, output: y, dim: dim, log: log)
    }

    private static func softmaxBackwardKernel<T: SoftmaxScalar>(_: T.Type, grad: Tensor, output y: Tensor,
                                                               dim: Int, log: Bool) -> Tensor {
        let dt: DType = T.self == Double.self ? .float64 : .float32
        let g = grad.contiguous(as: dt), yc = y.contiguous(as: dt)
        let out = Tensor(shape: y.shape, dtype: dt, zeroed: false)
        let (outer, size, inner) = y.softmaxGeometry(dim)
        let gp = UnsafePointer(g.storage.typed(T.self) + g.offset)
        let yp = UnsafePointer(yc.storage.typed(T.self) + yc.offset)
        let op = out.storage.typed(T.self)
        if y.ndim > 0 && dim == y.ndim - 1 {
            if log { SoftmaxKernels.logSoftmaxBackwardLastDim(gp, yp, op, rows: outer, dim: size) }
            else { SoftmaxKernels.softmaxBackwardLastDim(gp, yp, op, rows: outer, dim: size) }
        } else {
            SoftmaxKernels.backwardInner(log: log, gp, yp, op, outer: outer, dim: size, inner: inner)
        }
        return out
    }
}
