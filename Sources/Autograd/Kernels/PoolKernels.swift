/// Element types max pooling accepts (PyTorch's CPU kernel takes every non-bool type).
protocol MaxPoolElement: TensorElement, Comparable {
    /// The starting maximum: -inf for floats, the smallest value for integers.
    static var poolLowest: Self { get }
    /// True for NaN, which wins every comparison in max pooling.
    var poolIsNaN: Bool { get }
}

extension Float: MaxPoolElement {
    static var poolLowest: Float { -.infinity }
    var poolIsNaN: Bool { isNaN }
}

extension Double: MaxPoolElement {
    static var poolLowest: Double { -.infinity }
    var poolIsNaN: Bool { isNaN }
}

extension Int64: MaxPoolElement {
    static var poolLowest: Int64 { .min }
    var poolIsNaN: Bool { false }
}

extension Int32: MaxPoolElement {
    static var poolLowest: Int32 { .min }
    var poolIsNaN: Bool { false }
}

/// Max, average and adaptive-average pooling over contiguous (planes, H, W) buffers, with
/// the window rules of PyTorch's CPU kernels (so ties, NaNs and padding behave the same).
enum PoolKernels {
    /// Kernel, stride, padding and dilation of one pooling call (H first, then W).
    struct Window {
        let kernelH: Int, kernelW: Int
        let strideH: Int, strideW: Int
        let padH: Int, padW: Int
        let dilationH: Int, dilationW: Int
    }

    /// Max pooling: each output is the largest value of its window (a NaN wins), and its
    /// index within the plane is stored; padding never wins.
    static func maxForward<T: MaxPoolElement>(_ input: Tensor, planes: Int, height: Int, width: Int,
                                            outH: Int, outW: Int, _ w: Window,
                                            out: Tensor, indices: Tensor, _: T.Type) {
        let x = input.storage.typed(T.self) + input.offset
        let y = out.storage.typed(T.self) + out.offset
        let ind = indices.storage.typed(Int64.self) + indices.offset
        for p in 0..<planes {
            let src = x + p * height * width
            let dst = y + p * outH * outW
            let idst = ind + p * outH * outW
            for oh in 0..<outH {
                var h0 = oh * w.strideH - w.padH
                let h1 = Swift.min(h0 + (w.kernelH - 1) * w.dilationH + 1, height)
                while h0 < 0 { h0 += w.dilationH }
                for ow in 0..<outW {
                    var w0 = ow * w.strideW - w.padW
                    let w1 = Swift.min(w0 + (w.kernelW - 1) * w.dilationW + 1, width)
                    while w0 < 0 { w0 += w.dilationW }
                    var best = T.poolLowest
                    var bestIndex = h0 * width + w0
                    var ih = h0
                    while ih < h1 {
                        var iw = w0
                        while iw < w1 {
                            let i = ih * width + iw
                            let v = src[i]
                            if v > best || v.poolIsNaN {
                                best = v
                                bestIndex = i
                            }
                            iw += w.dilationW
                        }
                        ih += w.dilationH
                    }
                    dst[oh * outW + ow] = best
                    idst[oh * outW + ow] = Int64(bestIndex)
                }
            }
        }
    }

    /// Routes each output gradient to the input position its index names.
    static func maxBackward<T: FloatElement>(_ grad: Tensor, indices: Tensor, planes: Int, inPlane: Int,
                                             outPlane: Int, into gradInput: Tensor, _: T.Type) {
        let g = grad.storage.typed(T.self) + grad.offset
        let ind = indices.storage.typed(Int64.self) + indices.offset
        let gi = gradInput.storage.typed(T.self) + gradInput.offset
        for p in 0..<planes {
            for o in 0..<outPlane {
                let i = Int(ind[p * outPlane + o])
                if i >= 0 && i < inPlane { gi[p * inPlane + i] += g[p * outPlane + o] }
            }
        }
    }

    /// The window of average-pool output (oh, ow) clipped to the input, and its divisor.
    @inline(__always)
    private static func avgWindow(_ oh: Int, _ ow: Int, height: Int, width: Int, _ w: Window,
                                  countIncludePad: Bool, divisorOverride: Int?)
        -> (h0: Int, h1: Int, w0: Int, w1: Int, divisor: Int) {
        var h0 = oh * w.strideH - w.padH, w0 = ow * w.strideW - w.padW
        var h1 = Swift.min(h0 + w.kernelH, height + w.padH)
        var w1 = Swift.min(w0 + w.kernelW, width + w.padW)
        let poolSize = (h1 - h0) * (w1 - w0)
        h0 = Swift.max(h0, 0); w0 = Swift.max(w0, 0)
        h1 = Swift.min(h1, height); w1 = Swift.min(w1, width)
        let divisor = divisorOverride ?? (countIncludePad ? poolSize : (h1 - h0) * (w1 - w0))
        return (h0, h1, w0, w1, divisor)
    }

    /// Average pooling with PyTorch's divisor rules (`count_include_pad`, `divisor_override`).
    static func avgForward<T: FloatElement>(_ input: Tensor, planes: Int, height: Int, width: Int,
                                            outH: Int, outW: Int, _ w: Window, countIncludePad: Bool,
                                            divisorOverride: Int?, out: Tensor, _: T.Type) {
        let x = input.storage.typed(T.self) + input.offset
        let y = out.storage.typed(T.self) + out.offset
        for p in 0..<planes {
            let src = x + p * height * width
            let dst = y + p * outH * outW
            for oh in 0..<outH {
                for ow in 0..<outW {
                    let win = avgWindow(oh, ow, height: height, width: width, w,
                                        countIncludePad: countIncludePad, divisorOverride: divisorOverride)
                    guard win.h0 < win.h1 && win.w0 < win.w1 else {
                        dst[oh * outW + ow] = T.zeroValue
                        continue
                    }
                    var sum = T.zeroValue
                    for ih in win.h0..<win.h1 {
                        for iw in win.w0..<win.w1 { sum += src[ih * width + iw] }
                    }
                    dst[oh * outW + ow] = sum / T(win.divisor)
                }
            }
        }
    }

    /// Average pooling of int64 data: an integer sum divided with C's truncation, as
    /// PyTorch's CPU kernel does for Long tensors.
    static func avgForwardInt64(_ input: Tensor, planes: Int, height: Int, width: Int,
                                outH: Int, outW: Int, _ w: Window, countIncludePad: Bool,
                                divisorOverride: Int?, out: Tensor) {
        let x = input.storage.typed(Int64.self) + input.offset
        let y = out.storage.typed(Int64.self) + out.offset
        for p in 0..<planes {
            let src = x + p * height * width
            let dst = y + p * outH * outW
            for oh in 0..<outH {
                for ow in 0..<outW {
                    let win = avgWindow(oh, ow, height: height, width: width, w,
                                        countIncludePad: countIncludePad, divisorOverride: divisorOverride)
                    guard win.h0 < win.h1 && win.w0 < win.w1 && win.divisor != 0 else {
                        dst[oh * outW + ow] = 0
                        continue
                    }
                    var sum: Int64 = 0
                    for ih in win.h0..<win.h1 {
                        for iw in win.w0..<win.w1 { sum &+= src[ih * width + iw] }
                    }
                    let d = Int64(win.divisor)
                    // Int64.min / -1 would trap; C wraps it, so wrap too.
                    dst[oh * outW + ow] = d == -1 ? 0 &- sum : sum / d
                }
            }
        }
    }

    /// Spreads each output gradient, divided by its window's divisor, over the window.
    static func avgBackward<T: FloatElement>(_ grad: Tensor, planes: Int, height: Int, width: Int,
                                             outH: Int, outW: Int, _ w: Window, countIncludePad: Bool,
                                             divisorOverride: Int?, into gradInput: Tensor, _: T.Type) {
        let g = grad.storage.typed(T.self) + grad.offset
        let gi = gradInput.storage.typed(T.self) + gradInput.offset
        for p in 0..<planes {
            let src = g + p * outH * outW
            let dst = gi + p * height * width
            for oh in 0..<outH {
                for ow in 0..<outW {
                    let win = avgWindow(oh, ow, height: height, width: width, w,
                                        countIncludePad: countIncludePad, divisorOverride: divisorOverride)
                    guard win.h0 < win.h1 && win.w0 < win.w1 else { continue }
                    let delta = src[oh * outW + ow] / T(win.divisor)
                    for ih in win.h0..<win.h1 {
                        for iw in win.w0..<win.w1 { dst[ih * width + iw] += delta }
                    }
                }
            }
        }
    }

    /// Adaptive windows: output i of n over an input of size s covers
    /// [floor(i·s/n), ceil((i+1)·s/n)).
    @inline(__always)
    static func adaptiveRange(_ i: Int, _ outSize: Int, _ inSize: Int) -> Range<Int> {
        let start = (i * inSize) / outSize
        let end = ((i + 1) * inSize + outSize - 1) / outSize
        return start..<end
    }

    /// Adaptive average pooling: the mean of each adaptive window.
    static func adaptiveAvgForward<T: FloatElement>(_ input: Tensor, planes: Int, height: Int, width: Int,
                                                    outH: Int, outW: Int, out: Tensor, _: T.Type) {
        let x = input.storage.typed(T.self) + input.offset
        let y = out.storage.typed(T.self) + out.offset
        for p in 0..<planes {
            let src = x + p * height * width
            let dst = y + p * outH * outW
            for oh in 0..<outH {
                let rows = adaptiveRange(oh, outH, height)
                for ow in 0..<outW {
                    let cols = adaptiveRange(ow, outW, width)
                    var sum = T.zeroValue
                    for ih in rows {
                        for iw in cols { sum += src[ih * width + iw] }
                    }
                    dst[oh * outW + ow] = sum / T(rows.count * cols.count)
                }
            }
        }
    }

    /// Spreads each adaptive output gradient evenly over its window.
    static func adaptiveAvgBackward<T: FloatElement>(_ grad: Tensor, planes: Int, height: Int, width: Int,
                                                     outH: Int, outW: Int, into gradInput: Tensor, _: T.Type) {
        let g = grad.storage.typed(T.self) + grad.offset
        let gi = gradInput.storage.typed(T.self) + gradInput.offset
        for p in 0..<planes {
            let src = g + p * outH * outW
            let dst = gi + p * height * width
            for oh in 0..<outH {
                let rows = adaptiveRange(oh, outH, height)
                for ow in 0..<outW {
                    let cols = adaptiveRange(ow, outW, width)
                    let delta = src[oh * outW + ow] / T(rows.count * cols.count)
                    for ih in rows {
                        for iw in cols { dst[ih * width + iw] += delta }
                    }
                }
            }
        }
    }
}
