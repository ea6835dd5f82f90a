#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Float32 softmax / log-softmax kernels that follow PyTorch's AVX2 CPU kernels step for step:
/// 8-lane reductions with the same tail handling and horizontal folding order, SLEEF's vector
/// exp/log on vectorised lanes and the C library's `expf` on the scalar tails.
enum SoftmaxKernels {
    /// Lane count of an AVX2 float vector; reduction order depends on it.
    static let lanes = 8

    /// `vec::maximum`: the larger lane, NaN if either lane is NaN.
    @inline(__always) static func vmax(_ a: Float, _ b: Float) -> Float {
        if a.isNaN || b.isNaN { return .nan }
        return a > b ? a : b
    }

    /// `vec::reduce_all` / `vec::map_reduce_all` over `n` values produced by `value(i)`:
    /// an 8-lane accumulator fed whole vectors, a masked tail merged into its low lanes, then
    /// folded 4-apart, 2-apart, 1-apart. Fewer than 8 values are folded left to right.
    @inline(__always) static func reduceAll(_ n: Int, _ value: (Int) -> Float,
                                            _ op: (Float, Float) -> Float) -> Float {
        if n < lanes {
            var acc = value(0)
            for i in 1..<Swift.max(n, 1) { acc = op(acc, value(i)) }
            return acc
        }
        var acc = SIMD8<Float>()
        for l in 0..<lanes { acc[l] = value(l) }
        let whole = n - n % lanes
        var d = lanes
        while d < whole {
            for l in 0..<lanes { acc[l] = op(acc[l], value(d + l)) }
            d += lanes
        }
        for l in 0..<(n - d) { acc[l] = op(acc[l], value(d + l)) }
        let b0 = op(acc[0], acc[4]), b1 = op(acc[1], acc[5]), b2 = op(acc[2], acc[6]), b3 = op(acc[3], acc[7])
        return op(op(b0, b2), op(b1, b3))
    }

    /// `_vec_softmax_lastdim`: rows of `dim` contiguous values.
    static func softmaxLastDim(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, dim: Int) {
        guard dim > 0 else { return }
        for r in 0..<rows {
            let src = x + r * dim, dst = y + r * dim
            let m = reduceAll(dim, { src[$0] }, vmax)
            for i in 0..<dim { dst[i] = VectorMath.exp(src[i] - m) }
            let inv = 1 / reduceAll(dim, { UnsafePointer(dst)[$0] }, +)
            for i in 0..<dim { dst[i] *= inv }
        }
    }

    /// `_vec_log_softmax_lastdim`: `x - max - log(sum(exp(x - max)))` per row, in that order.
    static func logSoftmaxLastDim(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, dim: Int) {
        guard dim > 0 else { return }
        for r in 0..<rows {
            let src = x + r * dim, dst = y + r * dim
            let m = reduceAll(dim, { src[$0] }, vmax)
            let logSum = VectorMath.log(reduceAll(dim, { VectorMath.exp(src[$0] - m) }, +))
            for i in 0..<dim { dst[i] = src[i] - m - logSum }
        }
    }

    /// Whether inner position `j` of `inner` is computed by a full vector in `_vec_softmax`
    /// (the last `inner % 8` positions of each row of lanes take the scalar path).
    @inline(__always) static func softmaxVectorised(_ j: Int, inner: Int) -> Bool {
        j < inner - inner % lanes
    }

    /// `_vec_softmax` for a reduced dim that is not last: each inner position reduces
    /// vertically; vector lanes use `vec::maximum` and SLEEF exp, scalar tails `std::max`
    /// and `expf`; the result is divided (not multiplied by a reciprocal) by the sum.
    static func softmaxInner(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                             outer: Int, dim: Int, inner: Int) {
        guard dim > 0 else { return }
        for o in 0..<outer {
            for j in 0..<inner {
                let src = x + o * dim * inner + j, dst = y + o * dim * inner + j
                let vector = softmaxVectorised(j, inner: inner)
                var m = src[0]
                for d in 1..<dim {
                    let v = src[d * inner]
                    m = vector ? vmax(m, v) : (m < v ? v : m)
                }
                var sum: Float = 0
                for d in 0..<dim {
                    let e = vector ? VectorMath.exp(src[d * inner] - m) : expf(src[d * inner] - m)
                    dst[d * inner] = e
                    sum += e
                }
                for d in 0..<dim { dst[d * inner] /= sum }
            }
        }
    }

    /// Chunk width of `_vec_logsoftmax` along the inner dim (a multiple of 8 sized to 128 KiB).
    @inline(__always) static func logSoftmaxChunk(dim: Int) -> Int {
        let c = Swift.max(128 * 1024 / dim / 4, lanes)
        return c / lanes * lanes
    }

    /// `_vec_logsoftmax` for a reduced dim that is not last: vertical max (NaN-ignoring
    /// comparison), sum of exp (SLEEF on whole vectors of a chunk, `expf` on its tail), SLEEF log.
    static func logSoftmaxInner(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                                outer: Int, dim: Int, inner: Int) {
        guard dim > 0 else { return }
        let chunk = logSoftmaxChunk(dim: dim)
        for o in 0..<outer {
            for j in 0..<inner {
                let start = j / chunk * chunk
                let size = Swift.min(chunk, inner - start)
                let vector = j - start < size - size % lanes
                let src = x + o * dim * inner + j, dst = y + o * dim * inner + j
                var m = -Float.infinity
                for d in 0..<dim { let v = src[d * inner]; if v > m { m = v } }
                var sum: Float = 0
                for d in 0..<dim {
                    sum += vector ? VectorMath.exp(src[d * inner] - m) : expf(src[d * inner] - m)
                }
                let logSum = VectorMath.log(sum)
                for d in 0..<dim { dst[d * inner] = src[d * inner] - m - logSum }
            }
        }
    }

    /// `_vec_host_softmax_backward_lastdim` for softmax: `(g - sum(g * y)) * y` per row.
    static func softmaxBackwardLastDim(_ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                                       _ out: UnsafeMutablePointer<Float>, rows: Int, dim: Int) {
        guard dim > 0 else { return }
        for r in 0..<rows {
            let gr = g + r * dim, yr = y + r * dim, o = out + r * dim
            let s = reduceAll(dim, { gr[$0] * yr[$0] }, +)
            for i in 0..<dim { o[i] = (gr[i] - s) * yr[i] }
        }
    }

    /// `_vec_host_softmax_backward_lastdim` for log-softmax: `g - exp(y) * sum(g)` per row.
    static func logSoftmaxBackwardLastDim(_ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                                          _ out: UnsafeMutablePointer<Float>, rows: Int, dim: Int) {
        guard dim > 0 else { return }
        for r in 0..<rows {
            let gr = g + r * dim, yr = y + r * dim, o = out + r * dim
            let s = reduceAll(dim, { gr[$0] }, +)
            // The compiler fuses `g - e * s` into one multiply-add in PyTorch's build.
            for i in 0..<dim { o[i] = gr[i].addingProduct(-VectorMath.exp(yr[i]), s) }
        }
    }

    /// `_vec_softmax_backward` / `_vec_log_softmax_backward` for a dim that is not last:
    /// vertical sums, then `y * (g - sum)` or `g - exp(y) * sum` (SLEEF exp on whole
    /// vectors of a chunk, `expf` on its tail), with the multiply-adds fused as compiled.
    static func backwardInner(log: Bool, _ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                              _ out: UnsafeMutablePointer<Float>, outer: Int, dim: Int, inner: Int) {
        guard dim > 0 else { return }
        let chunk = logSoftmaxChunk(dim: dim)
        for o in 0..<outer {
            for j in 0..<inner {
                let start = j / chunk * chunk
                let size = Swift.min(chunk, inner - start)
                let vector = j - start < size - size % lanes
                let base = o * dim * inner + j
                var s: Float = 0
                for d in 0..<dim {
                    let k = base + d * inner
                    // `sum += g * y` is contracted to a fused multiply-add in PyTorch's build.
                    s = log ? s + g[k] : s.addingProduct(g[k], y[k])
                }
                for d in 0..<dim {
                    let k = base + d * inner
                    if log {
                        out[k] = g[k].addingProduct(-(vector ? VectorMath.exp(y[k]) : expf(y[k])), s)
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

    /// A contiguous float32 buffer view of this tensor (copied only when strided).
    private func contiguousFloat32() -> Tensor {
        let t = dtype == .float32 ? self : converted(to: .float32)
        return t.isContiguous ? t : t.clone_raw()
    }

    /// Float32 softmax (`log == false`) or log-softmax over `dim`, PyTorch's CPU kernel order.
    func softmaxFloat32(dim: Int, log: Bool) -> Tensor {
        let x = contiguousFloat32()
        let out = Tensor(shape: shape, dtype: .float32, zeroed: false)
        let (outer, size, inner) = softmaxGeometry(dim)
        let src = UnsafePointer(x.storage.typed(Float.self) + x.offset), dst = out.storage.typed(Float.self)
        if ndim > 0 && dim == ndim - 1 {
            if log { SoftmaxKernels.logSoftmaxLastDim(src, dst, rows: outer, dim: size) }
            else { SoftmaxKernels.softmaxLastDim(src, dst, rows: outer, dim: size) }
        } else {
            if log { SoftmaxKernels.logSoftmaxInner(src, dst, outer: outer, dim: size, inner: inner) }
            else { SoftmaxKernels.softmaxInner(src, dst, outer: outer, dim: size, inner: inner) }
        }
        return out
    }

    /// Float32 softmax / log-softmax backward from the saved output `y` and upstream `grad`.
    static func softmaxBackwardFloat32(grad: Tensor, output y: Tensor, dim: Int, log: Bool) -> Tensor {
        let g = grad.contiguousFloat32(), yc = y.contiguousFloat32()
        let out = Tensor(shape: y.shape, dtype: .float32, zeroed: false)
        let (outer, size, inner) = y.softmaxGeometry(dim)
        let gp = UnsafePointer(g.storage.typed(Float.self) + g.offset)
        let yp = UnsafePointer(yc.storage.typed(Float.self) + yc.offset)
        let op = out.storage.typed(Float.self)
        if y.ndim > 0 && dim == y.ndim - 1 {
            if log { SoftmaxKernels.logSoftmaxBackwardLastDim(gp, yp, op, rows: outer, dim: size) }
            else { SoftmaxKernels.softmaxBackwardLastDim(gp, yp, op, rows: outer, dim: size) }
        } else {
            SoftmaxKernels.backwardInner(log: log, gp, yp, op, outer: outer, dim: size, inner: inner)
        }
        return out
    }
}
