/// max_pool2d / avg_pool2d / adaptive_avg_pool2d with PyTorch's argument checks, output
/// sizes and backward nodes (MaxPool2DWithIndicesBackward0, AvgPool2DBackward0,
/// AdaptiveAvgPool2DBackward0; a (1, 1) adaptive pool is a `mean`, as in PyTorch).

/// Division rounding toward negative infinity (PyTorch's `div_rtn`).
private func divRoundDown(_ a: Int, _ b: Int) -> Int {
    let q = a / b, r = a % b
    return (r != 0 && ((r < 0) != (b < 0))) ? q - 1 : q
}

/// PyTorch's `pooling_output_shape`: the floor (or ceil) window count, where in ceil mode
/// the last window must still start inside the input or its left padding.
func poolingOutputSize(_ inputSize: Int, kernel: Int, pad: Int, stride: Int, dilation: Int,
                       ceilMode: Bool) throws -> Int {
    guard stride != 0 else { throw TorchError.runtime("stride should not be zero") }
    guard pad >= 0 else { throw TorchError.runtime("pad must be non-negative, but got pad: \(pad)") }
    guard pad <= ((kernel - 1) * dilation + 1) / 2 else {
        throw TorchError.runtime("pad should be at most half of effective kernel size, but got pad=\(pad), kernel_size=\(kernel) and dilation=\(dilation)")
    }
    var out = divRoundDown(inputSize + 2 * pad - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0), stride) + 1
    if ceilMode && (out - 1) * stride >= inputSize + pad { out -= 1 }
    return out
}

/// The sizes of a 3-D (C, H, W) or 4-D (N, C, H, W) pooling input.
private struct PoolInput {
    let planes: Int, channels: Int, height: Int, width: Int
    init(_ t: Tensor) {
        channels = t.shape[t.ndim - 3]
        height = t.shape[t.ndim - 2]
        width = t.shape[t.ndim - 1]
        planes = (t.ndim == 4 ? t.shape[0] : 1) * channels
    }
    /// The output shape with the same leading dims.
    func outShape(_ t: Tensor, _ oh: Int, _ ow: Int) -> [Int] {
        Array(t.shape.prefix(t.ndim - 2)) + [oh, ow]
    }
}

extension Tensor {
    /// Parses kernel/stride/padding/dilation like PyTorch's pooling meta functions.
    private static func poolWindow(_ op: String, kernel: [Int], stride: [Int], padding: [Int],
                                   dilation: [Int]) throws -> PoolKernels.Window {
        guard kernel.count == 1 || kernel.count == 2 else {
            throw TorchError.runtime("\(op): kernel_size must either be a single int, or a tuple of two ints")
        }
        guard stride.count <= 2 else {
            throw TorchError.runtime("\(op): stride must either be omitted, a single int, or a tuple of two ints")
        }
        guard padding.count == 1 || padding.count == 2 else {
            throw TorchError.runtime("\(op): padding must either be a single int, or a tuple of two ints")
        }
        guard dilation.count == 1 || dilation.count == 2 else {
            throw TorchError.runtime("\(op): dilation must be either a single int, or a tuple of two ints")
        }
        try checkIntRange(kernel + stride + padding + dilation)
        let kh = kernel[0], kw = kernel.count == 1 ? kh : kernel[1]
        let sh = stride.isEmpty ? kh : stride[0]
        let sw = stride.isEmpty ? kw : (stride.count == 1 ? sh : stride[1])
        let ph = padding[0], pw = padding.count == 1 ? ph : padding[1]
        let dh = dilation[0], dw = dilation.count == 1 ? dh : dilation[1]
        return PoolKernels.Window(kernelH: kh, kernelW: kw, strideH: sh, strideW: sw,
                                  padH: ph, padW: pw, dilationH: dh, dilationW: dw)
    }

    /// Output size and PyTorch's `pool2d_shape_check`, in its order.
    /// max_pool2d checks the rank first; avg_pool2d only reads `size(-3)` (an IndexError below
    /// three dims) and leaves other ranks to the shape check.
    private static func poolOutput(_ input: Tensor, _ w: PoolKernels.Window, ceilMode: Bool,
                                   checkRank: Bool) throws -> (Int, Int) {
        if checkRank {
            guard input.ndim == 3 || input.ndim == 4 else {
                throw TorchError.runtime("non-empty 3D or 4D (batch mode) tensor expected for input")
            }
        } else {
            _ = try ShapeUtil.wrapDim(-3, input.ndim)
        }
        let p = PoolInput(input)
        let oh = try poolingOutputSize(p.height, kernel: w.kernelH, pad: w.padH, stride: w.strideH,
                                       dilation: w.dilationH, ceilMode: ceilMode)
        let ow = try poolingOutputSize(p.width, kernel: w.kernelW, pad: w.padW, stride: w.strideW,
                                       dilation: w.dilationW, ceilMode: ceilMode)
        guard w.kernelW > 0 && w.kernelH > 0 else {
            throw TorchError.runtime("kernel size should be greater than zero, but got kH: \(w.kernelH) kW: \(w.kernelW)")
        }
        guard w.strideW > 0 && w.strideH > 0 else {
            throw TorchError.runtime("stride should be greater than zero, but got dH: \(w.strideH) dW: \(w.strideW)")
        }
        guard w.dilationH > 0 && w.dilationW > 0 else {
            throw TorchError.runtime("dilation should be greater than zero, but got dilationH: \(w.dilationH) dilationW: \(w.dilationW)")
        }
        let validDims = input.shape[1] != 0 && input.shape[2] != 0
        guard (input.ndim == 3 && input.shape[0] != 0 && validDims) || (input.ndim == 4 && validDims && input.shape[3] != 0) else {
            throw TorchError.runtime("Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:\(shapeString(input.shape))")
        }
        let ekw = (w.kernelW - 1) * w.dilationW + 1, ekh = (w.kernelH - 1) * w.dilationH + 1
        guard ekw / 2 >= w.padW && ekh / 2 >= w.padH else {
            throw TorchError.runtime("pad should be smaller than or equal to half of effective kernel size, but got padW = \(w.padW), padH = \(w.padH), effectiveKW = \(ekw), effectiveKH = \(ekh)")
        }
        guard ow >= 1 && oh >= 1 else {
            throw TorchError.runtime("Given input size: (\(p.channels)x\(p.height)x\(p.width)). Calculated output size: (\(p.channels)x\(oh)x\(ow)). Output size is too small")
        }
        return (oh, ow)
    }

    private static func requireFloating(_ input: Tensor, _ op: String) throws {
        guard input.dtype.isFloatingPoint else {
            throw TorchError.runtime("\"\(op)\" not implemented for '\(input.dtype.scalarTypeName)'")
        }
    }

    /// `F.max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)`.
    /// An empty `stride` means "same as the kernel".
    public static func maxPool2d(_ input: Tensor, kernelSize: [Int], stride: [Int] = [], padding: [Int] = [0],
                                 dilation: [Int] = [1], ceilMode: Bool = false) throws -> Tensor {
        try maxPool2dWithIndices(input, kernelSize: kernelSize, stride: stride, padding: padding,
                                 dilation: dilation, ceilMode: ceilMode).values
    }

    /// `F.max_pool2d(..., return_indices=True)`: the values and each maximum's flat index
    /// within its (H, W) plane; MaxPool2DWithIndicesBackward0.
    public static func maxPool2dWithIndices(_ input: Tensor, kernelSize: [Int], stride: [Int] = [],
                                            padding: [Int] = [0], dilation: [Int] = [1],
                                            ceilMode: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        let kernelSize = broadcastPair(kernelSize), stride = stride.isEmpty ? [] : broadcastPair(stride)
        let padding = broadcastPair(padding), dilation = broadcastPair(dilation)
        let w = try poolWindow("max_pool2d", kernel: kernelSize, stride: stride, padding: padding, dilation: dilation)
        let (oh, ow) = try poolOutput(input, w, ceilMode: ceilMode, checkRank: true)
        guard input.dtype != .bool else { throw TorchError.runtime("\"max_pool2d\" not implemented for 'Bool'") }
        let p = PoolInput(input)
        let x = input.contiguousData()
        try checkOutputAllocation(p.outShape(input, oh, ow), .int64)
        let out = Tensor(shape: p.outShape(input, oh, ow), dtype: input.dtype, zeroed: false)
        let indices = Tensor(shape: p.outShape(input, oh, ow), dtype: .int64, zeroed: false)
        func run<T: MaxPoolElement>(_: T.Type) {
            PoolKernels.maxForward(x, planes: p.planes, height: p.height, width: p.width, outH: oh, outW: ow, w,
                                   out: out, indices: indices, T.self)
        }
        switch input.dtype {
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        case .int64: run(Int64.self)
        case .int32, .bool: run(Int32.self)
        }
        record("MaxPool2DWithIndicesBackward0", inputs: [input], outputs: [out, indices],
               formula: "grad_self = max_pool2d_with_indices_backward(grad, self, kernel_size, stride, padding, dilation, ceil_mode, result1)",
               save: { node in
                   node.save("ceil_mode", .bool(ceilMode)); node.save("dilation", .ints(dilation))
                   node.save("kernel_size", .ints(kernelSize)); node.save("padding", .ints(padding))
                   node.save("self", input); node.save("stride", .ints(stride))
                   node.save("result1", indices, isOutput: true)
               }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let me = try node.savedTensor("self")
            let idx = try node.savedTensor("result1").contiguousData()
            let go = grad.contiguousData()
            let gi = Tensor(shape: me.shape, dtype: me.dtype, zeroed: true)
            if me.dtype == .float32 {
                PoolKernels.maxBackward(go, indices: idx, planes: p.planes, inPlane: p.height * p.width,
                                        outPlane: oh * ow, into: gi, Float.self)
            } else {
                PoolKernels.maxBackward(go, indices: idx, planes: p.planes, inPlane: p.height * p.width,
                                        outPlane: oh * ow, into: gi, Double.self)
            }
            if anyRequiresGrad([grad]) {
                // Under create_graph: the gradient's own gradient picks the maxima back out.
                let outShape = grad.shape
                record("MaxPool2DWithIndicesBackwardBackward0", inputs: [grad, me], outputs: [gi],
                       formula: "grad_grad_output = grad.flatten(-2).gather(-1, indices.flatten(-2)).view_as(indices)",
                       save: { n in n.save("indices", idx) }) { _, gg in
                    guard let ggI = gg[0] else { return [nil, nil] }
                    let picked = try ggI.reshape([p.planes, p.height * p.width])
                        .gather(dim: 1, index: idx.reshape([p.planes, oh * ow]))
                    return [try picked.reshape(outShape), nil]
                }
            }
            return [gi]
        }
        return (out, indices)
    }

    /// `F.avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
    /// count_include_pad=True, divisor_override=None)`: AvgPool2DBackward0.
    public static func avgPool2d(_ input: Tensor, kernelSize: [Int], stride: [Int] = [], padding: [Int] = [0],
                                 ceilMode: Bool = false, countIncludePad: Bool = true,
                                 divisorOverride: Int? = nil) throws -> Tensor {
        let kernelSize = broadcastPair(kernelSize), stride = stride.isEmpty ? [] : broadcastPair(stride)
        let padding = broadcastPair(padding)
        let w = try poolWindow("avg_pool2d", kernel: kernelSize, stride: stride, padding: padding, dilation: [1])
        if let divisorOverride, divisorOverride == 0 {
            throw TorchError.runtime("divisor must be not zero")
        }
        let (oh, ow) = try poolOutput(input, w, ceilMode: ceilMode, checkRank: false)
        guard input.dtype.isFloatingPoint || input.dtype == .int64 else {
            throw TorchError.runtime("\"avg_pool2d\" not implemented for '\(input.dtype.scalarTypeName)'")
        }
        let p = PoolInput(input)
        let x = input.contiguousData()
        try checkOutputAllocation(p.outShape(input, oh, ow), input.dtype)
        let out = Tensor(shape: p.outShape(input, oh, ow), dtype: input.dtype, zeroed: false)
        if input.dtype == .int64 {
            PoolKernels.avgForwardInt64(x, planes: p.planes, height: p.height, width: p.width, outH: oh, outW: ow, w,
                                        countIncludePad: countIncludePad, divisorOverride: divisorOverride, out: out)
        } else if input.dtype == .float32 {
            PoolKernels.avgForward(x, planes: p.planes, height: p.height, width: p.width, outH: oh, outW: ow, w,
                                   countIncludePad: countIncludePad, divisorOverride: divisorOverride, out: out, Float.self)
        } else {
            PoolKernels.avgForward(x, planes: p.planes, height: p.height, width: p.width, outH: oh, outW: ow, w,
                                   countIncludePad: countIncludePad, divisorOverride: divisorOverride, out: out, Double.self)
        }
        record("AvgPool2DBackward0", inputs: [input], outputs: [out],
               formula: "grad_self = avg_pool2d_backward(grad, self, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)",
               save: { node in
                   node.save("ceil_mode", .bool(ceilMode)); node.save("count_include_pad", .bool(countIncludePad))
                   if let divisorOverride { node.save("divisor_override", .int(divisorOverride)) } else { node.save("divisor_override", .none) }
                   node.save("kernel_size", .ints(kernelSize)); node.save("padding", .ints(padding))
                   node.save("self", input); node.save("stride", .ints(stride))
               }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let me = try node.savedTensor("self")
            let go = grad.contiguousData()
            let gi = Tensor(shape: me.shape, dtype: me.dtype, zeroed: true)
            if me.dtype == .float32 {
                PoolKernels.avgBackward(go, planes: p.planes, height: p.height, width: p.width, outH: oh, outW: ow, w,
                                        countIncludePad: countIncludePad, divisorOverride: divisorOverride, into: gi, Float.self)
            } else {
                PoolKernels.avgBackward(go, planes: p.planes, height: p.height, width: p.width, outH: oh, outW: ow, w,
                                        countIncludePad: countIncludePad, divisorOverride: divisorOverride, into: gi, Double.self)
            }
            if anyRequiresGrad([grad]) {
                // Under create_graph: average pooling is linear, so its backward's backward is itself.
                record("AvgPool2DBackwardBackward0", inputs: [grad, me], outputs: [gi],
                       formula: "grad_grad_output = avg_pool2d(grad, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)") { _, gg in
                    guard let ggI = gg[0] else { return [nil, nil] }
                    return [try avgPool2d(ggI, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                                          countIncludePad: countIncludePad, divisorOverride: divisorOverride), nil]
                }
            }
            return [gi]
        }
        return out
    }

    /// `F.adaptive_avg_pool2d(input, output_size)`; a nil entry keeps that input size. A
    /// (1, 1) output is `input.mean((-1, -2), keepdim=True)` (MeanBackward1), as in PyTorch;
    /// other sizes record AdaptiveAvgPool2DBackward0.
    public static func adaptiveAvgPool2d(_ input: Tensor, outputSize: [Int?]) throws -> Tensor {
        guard outputSize.count == 1 || outputSize.count == 2 else {
            throw TorchError.runtime("adaptive_avg_pool2d: output_size must be 2")
        }
        // Python's `_list_with_default`: a tuple (two entries here; one entry stands for an
        // int) needs more input dims than entries, and None takes the trailing input size.
        var sizes: [Int] = []
        if outputSize.count == 2 && input.ndim <= 2 {
            throw TorchError.value("Input dimension should be at least 3")
        }
        for (i, v) in outputSize.enumerated() {
            if let v { sizes.append(v); continue }
            let dim = input.ndim - outputSize.count + i
            guard dim >= 0 else { throw TorchError.value("Input dimension should be at least 3") }
            sizes.append(input.shape[dim])
        }
        let size = broadcastPair(sizes)
        guard size[0] >= 0 && size[1] >= 0 else {
            throw TorchError.runtime("adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {\(size[0]), \(size[1])}")
        }
        if size[0] == 1 && size[1] == 1 {
            return try input.mean(dims: [-1, -2], keepdim: true)
        }
        guard input.ndim == 3 || input.ndim == 4 else {
            throw TorchError.runtime("adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got \(shapeString(input.shape))")
        }
        for i in [-2, -1] where input.shape[input.ndim + i] <= 0 {
            throw TorchError.runtime("adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes \(shapeString(input.shape)) with dimension \(input.ndim + i) being empty")
        }
        try requireFloating(input, "adaptive_avg_pool2d")
        let p = PoolInput(input)
        let oh = size[0], ow = size[1]
        try checkOutputAllocation(p.outShape(input, oh, ow), input.dtype)
        let x = input.contiguousData()
        let out = Tensor(shape: p.outShape(input, oh, ow), dtype: input.dtype, zeroed: false)
        if input.dtype == .float32 {
            PoolKernels.adaptiveAvgForward(x, planes: p.planes, height: p.height, width: p.width,
                                           outH: oh, outW: ow, out: out, Float.self)
        } else {
            PoolKernels.adaptiveAvgForward(x, planes: p.planes, height: p.height, width: p.width,
                                           outH: oh, outW: ow, out: out, Double.self)
        }
        record("AdaptiveAvgPool2DBackward0", inputs: [input], outputs: [out],
               formula: "grad_self = _adaptive_avg_pool2d_backward(grad, self)",
               save: { node in node.save("self", input) }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let me = try node.savedTensor("self")
            let go = grad.contiguousData()
            let gi = Tensor(shape: me.shape, dtype: me.dtype, zeroed: true)
            if me.dtype == .float32 {
                PoolKernels.adaptiveAvgBackward(go, planes: p.planes, height: p.height, width: p.width,
                                                outH: oh, outW: ow, into: gi, Float.self)
            } else {
                PoolKernels.adaptiveAvgBackward(go, planes: p.planes, height: p.height, width: p.width,
                                                outH: oh, outW: ow, into: gi, Double.self)
            }
            if anyRequiresGrad([grad]) {
                record("AdaptiveAvgPool2DBackwardBackward0", inputs: [grad, me], outputs: [gi],
                       formula: "grad_grad_output = _adaptive_avg_pool2d(grad, output_size)") { _, gg in
                    guard let ggI = gg[0] else { return [nil, nil] }
                    return [try adaptiveAvgPool2d(ggI, outputSize: [oh, ow]), nil]
                }
            }
            return [gi]
        }
        return out
    }
}
