/// How a convolution window sweeps one (C, H, W) image: kernel extent, padding on the
/// top/left edge, stride, dilation and the resulting output grid.
struct WindowGeometry {
    let channels: Int
    let height: Int
    let width: Int
    let kernelH: Int
    let kernelW: Int
    let padTop: Int
    let padLeft: Int
    let strideH: Int
    let strideW: Int
    let dilationH: Int
    let dilationW: Int
    let outH: Int
    let outW: Int

    /// Rows of the unfolded column matrix: one per (channel, kernel row, kernel column).
    var columnRows: Int { channels * kernelH * kernelW }
    /// Columns of the unfolded matrix: one per output position.
    var columnCount: Int { outH * outW }
    /// Elements of one image plane.
    var planeSize: Int { height * width }
}

/// im2col / col2im: the unfold that turns a convolution into one matrix product, and its
/// adjoint that folds column gradients back onto the image (summing overlapping windows).
enum Im2Col {
    /// The outputs `o` in `0..<count` whose input column `o·stride + shift` lies in
    /// `0..<limit`, so the inner loops need no bounds test (stride > 0).
    @inline(__always)
    static func validOutputs(_ count: Int, stride: Int, shift: Int, limit: Int) -> Range<Int> {
        let low = Swift.min(shift >= 0 ? 0 : (stride - 1 - shift) / stride, count)
        let high = limit - shift <= 0 ? 0 : (limit - shift + stride - 1) / stride
        return low..<Swift.max(low, Swift.min(high, count))
    }

    /// Writes the (C·kH·kW) × (outH·outW) column matrix of a contiguous (C, H, W) image;
    /// positions that fall into the padding read as zero. `rowStride` lets several images'
    /// columns sit side by side in one wider matrix.
    static func unfold<T: FloatElement>(_ image: UnsafePointer<T>, _ g: WindowGeometry,
                                        into columns: UnsafeMutablePointer<T>, rowStride: Int? = nil) {
        let cols = rowStride ?? g.columnCount
        var row = 0
        for c in 0..<g.channels {
            let plane = image + c * g.planeSize
            for ki in 0..<g.kernelH {
                let rowShift = ki * g.dilationH - g.padTop
                for kj in 0..<g.kernelW {
                    let colShift = kj * g.dilationW - g.padLeft
                    let inside = validOutputs(g.outW, stride: g.strideW, shift: colShift, limit: g.width)
                    let dst = columns + row * cols
                    for oh in 0..<g.outH {
                        let ih = oh * g.strideH + rowShift
                        let line = dst + oh * g.outW
                        guard ih >= 0 && ih < g.height else {
                            line.update(repeating: T.zeroValue, count: g.outW)
                            continue
                        }
                        let src = plane + ih * g.width
                        line.update(repeating: T.zeroValue, count: inside.lowerBound)
                        if g.strideW == 1 {
                            (line + inside.lowerBound).update(from: src + (inside.lowerBound + colShift), count: inside.count)
                        } else {
                            for ow in inside { line[ow] = src[ow * g.strideW + colShift] }
                        }
                        (line + inside.upperBound).update(repeating: T.zeroValue, count: g.outW - inside.upperBound)
                    }
                    row += 1
                }
            }
        }
    }

    /// Adds a column matrix back onto a contiguous (C, H, W) image: every column entry goes
    /// to the pixel it was read from; entries that came from padding are dropped.
    static func fold<T: FloatElement>(_ columns: UnsafePointer<T>, _ g: WindowGeometry,
                                      addingInto image: UnsafeMutablePointer<T>, rowStride: Int? = nil) {
        let cols = rowStride ?? g.columnCount
        var row = 0
        for c in 0..<g.channels {
            let plane = image + c * g.planeSize
            for ki in 0..<g.kernelH {
                let rowShift = ki * g.dilationH - g.padTop
                for kj in 0..<g.kernelW {
                    let colShift = kj * g.dilationW - g.padLeft
                    let inside = validOutputs(g.outW, stride: g.strideW, shift: colShift, limit: g.width)
                    let src = columns + row * cols
                    for oh in 0..<g.outH {
                        let ih = oh * g.strideH + rowShift
                        guard ih >= 0 && ih < g.height else { continue }
                        let line = src + oh * g.outW
                        let dst = plane + ih * g.width
                        for ow in inside { dst[ow * g.strideW + colShift] += line[ow] }
                    }
                    row += 1
                }
            }
        }
    }
}

/// Row-major GEMM on raw buffers (C = alpha·op(A)·op(B) + beta·C), for kernels that walk
/// sub-matrices of larger buffers without wrapping them in tensors.
enum RawGemm {
    /// Dispatches to `ThreadedGemm.gemm` for Float or Double.
    static func gemm<T: FloatElement>(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                                      a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
                                      beta: Double, c: UnsafeMutablePointer<T>, ldc: Int) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            // BLAS would not touch C for k == 0 with beta 1; with beta 0 it must read as zero.
            if beta == 0 { for i in 0..<m { (c + i * ldc).update(repeating: T.zeroValue, count: n) } }
            return
        }
        if T.self == Float.self {
            ThreadedGemm.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: Float(1),
                              a: UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), lda: lda,
                              b: UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), ldb: ldb, beta: Float(beta),
                              c: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), ldc: ldc)
        } else {
            ThreadedGemm.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: Double(1),
                              a: UnsafeRawPointer(a).assumingMemoryBound(to: Double.self), lda: lda,
                              b: UnsafeRawPointer(b).assumingMemoryBound(to: Double.self), ldb: ldb, beta: beta,
                              c: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self), ldc: ldc)
        }
    }
}
