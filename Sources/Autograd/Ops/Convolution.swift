/// conv2d: PyTorch's argument checks in its order, then im2col + GEMM with
/// ConvolutionBackward0 (edges input, weight, bias).

/// The name PyTorch's `dtype.name()` prints in conv messages, e.g. `float`, `double`.
private func shortDTypeName(_ d: DType) -> String {
    switch d {
    case .float32: return "float"
    case .float64: return "double"
    case .int64: return "long int"
    case .int32: return "int"
    case .bool: return "bool"
    }
}

/// Window parameters arrive from Python as `int` or tuple; one value stands for every
/// spatial dimension, as PyTorch's argument parser broadcasts `int[2]`.
func broadcastPair(_ values: [Int]) -> [Int] {
    values.count == 1 ? [values[0], values[0]] : values
}

/// PyTorch narrows window parameters to C `int`; larger values are refused.
func checkIntRange(_ values: [Int]) throws {
    for v in values where v < Int(Int32.min) || v > Int(Int32.max) {
        throw TorchError.runtime("integer out of range")
    }
}

/// Refuses an output whose element count overflows or whose bytes no allocator could give,
/// before allocating it (window arithmetic can ask for far more than the input holds).
func checkOutputAllocation(_ shape: [Int], _ dtype: DType) throws {
    var count = 1
    for s in shape {
        let (product, overflow) = count.multipliedReportingOverflow(by: Swift.max(s, 0))
        guard !overflow else { throw TorchError.runtime("numel: integer multiplication overflow") }
        count = product
    }
    let (bytes, overflow) = count.multipliedReportingOverflow(by: dtype.itemSize)
    guard !overflow else { throw TorchError.runtime("numel: integer multiplication overflow") }
    if bytes > 1 << 40 {
        throw TorchError.runtime("DefaultCPUAllocator: not enough memory: you tried to allocate \(bytes) bytes.")
    }
}

extension Tensor {
    /// `F.conv2d(input, weight, bias, stride, padding, dilation, groups)` with numeric padding.
    /// Accepts (N, C, H, W) and unbatched (C, H, W) input; the latter is unsqueezed and the
    /// result squeezed, as PyTorch does (so the graph shows Unsqueeze/Squeeze nodes).
    public static func conv2d(_ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil,
                              stride: [Int] = [1], padding: [Int] = [0], dilation: [Int] = [1],
                              groups: Int = 1) throws -> Tensor {
        try checkBiasDType(input, bias)
        let (batched, wasBatched) = try batchify(input)
        let pad = broadcastPair(padding)
        let out = try convolution(batched, weight, bias, stride: broadcastPair(stride), padding: pad,
                                  asymmetricExtra: nil, dilation: broadcastPair(dilation), groups: groups)
        return wasBatched ? out : try out.squeeze(0)
    }

    /// `F.conv2d(..., padding="same" | "valid")`. "same" pads so the output keeps the input's
    /// spatial size (stride 1 only); an odd total padding puts the extra row/column at the
    /// bottom/right, as PyTorch's `convolution_same`.
    public static func conv2d(_ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil,
                              stride: [Int] = [1], padding: String, dilation: [Int] = [1],
                              groups: Int = 1) throws -> Tensor {
        try checkBiasDType(input, bias)
        let (batched, wasBatched) = try batchify(input)
        let out: Tensor
        switch padding {
        case "valid":
            out = try convolution(batched, weight, bias, stride: broadcastPair(stride), padding: [0],
                                  asymmetricExtra: nil, dilation: broadcastPair(dilation), groups: groups)
        case "same":
            out = try convolutionSame(batched, weight, bias, stride: broadcastPair(stride),
                                      dilation: broadcastPair(dilation), groups: groups)
        default:
            throw TorchError.runtime("Invalid padding string: '\(padding)'")
        }
        return wasBatched ? out : try out.squeeze(0)
    }

    private static func checkBiasDType(_ input: Tensor, _ bias: Tensor?) throws {
        if let bias, bias.dtype != input.dtype {
            throw TorchError.runtime("Input type (\(shortDTypeName(input.dtype))) and bias type (\(shortDTypeName(bias.dtype))) should be the same")
        }
    }

    private static func batchify(_ input: Tensor) throws -> (Tensor, Bool) {
        guard input.ndim == 3 || input.ndim == 4 else {
            throw TorchError.runtime("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: \(shapeString(input.shape))")
        }
        return input.ndim == 4 ? (input, true) : (try input.unsqueeze(0), false)
    }

    /// `convolution_same`: symmetric padding when the total is even, else the left/top
    /// padding plus one extra row/column on the far side.
    private static func convolutionSame(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?,
                                        stride: [Int], dilation: [Int], groups: Int) throws -> Tensor {
        let k = weight.ndim
        guard k > 2 else { throw TorchError.runtime("weight should have at least three dimensions") }
        let dims = k - 2
        guard k == input.ndim else {
            throw TorchError.runtime("Expected \(k)-dimensional input for \(k)-dimensional weight\(shapeString(weight.shape)), but got \(input.ndim)-dimensional input of size \(shapeString(input.shape)) instead")
        }
        guard stride.count == dims || stride.count == 1 else {
            throw TorchError.runtime("stride cannot broadcast to \(dims) dimensions")
        }
        guard dilation.count == dims || dilation.count == 1 else {
            throw TorchError.runtime("dilation cannot broadcast to \(dims) dimensions")
        }
        for s in stride where s != 1 {
            throw TorchError.runtime("padding='same' is not supported for strided convolutions")
        }
        try checkIntRange(dilation)
        var left: [Int] = [], extra: [Int] = []
        for i in 0..<dims {
            let d = dilation.count == 1 ? dilation[0] : dilation[i]
            let total = d * (weight.shape[i + 2] - 1)
            left.append(total / 2)
            extra.append(total - 2 * (total / 2))
        }
        let asymmetric = extra.contains { $0 != 0 }
        return try convolution(input, weight, bias, stride: stride, padding: left,
                               asymmetricExtra: asymmetric ? extra : nil, dilation: dilation, groups: groups)
    }

    /// `at::convolution` for batched input (non-transposed). `asymmetricExtra` adds padding on
    /// the bottom/right only (for "same" with an odd total).
    static func convolution(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?, stride: [Int],
                            padding: [Int], asymmetricExtra: [Int]?, dilation: [Int],
                            groups: Int) throws -> Tensor {
        let dims = weight.ndim - 2
        guard dims > 0 else { throw TorchError.runtime("weight should have at least three dimensions") }
        guard groups > 0 else { throw TorchError.runtime("non-positive groups is not supported") }
        func expand(_ v: [Int], _ name: String) throws -> [Int] {
            if v.count == 1 { return Array(repeating: v[0], count: dims) }
            guard v.count == dims else {
                throw TorchError.runtime("expected \(name) to be a single integer value or a list of \(dims) values to match the convolution dimensions, but got \(name)=\(shapeString(v))")
            }
            return v
        }
        let stride = try expand(stride, "stride")
        let padding = try expand(padding, "padding")
        let dilation = try expand(dilation, "dilation")
        try checkIntRange(stride + padding + dilation + [groups])
        try checkShapeForward(input, weight, bias, padding: padding, extra: asymmetricExtra,
                              stride: stride, dilation: dilation, groups: groups)
        // Only the 2-D case has kernels; other ranks were rejected above for conv2d callers.
        guard dims == 2 else { throw TorchError.runtime("unsupported ConvNd parameters") }
        guard weight.dtype == input.dtype else { throw weightTypeMismatch(input, weight, groups: groups) }
        guard input.dtype.isFloatingPoint else {
            throw TorchError.runtime("\"slow_conv2d_cpu\" not implemented for '\(input.dtype.scalarTypeName)'")
        }
        if input.count == 0 && input.shape[0] != 0 && input.shape[1] != 0 {
            throw TorchError.runtime("Only zero batch or zero channel inputs are supported, but got input shape: \(shapeString(input.shape))")
        }
        // The CPU backends' own checks: the dilated one prints lists, the plain one names sizes.
        let kernelSize = Array(weight.shape[2...])
        if dilation.contains(where: { $0 != 1 }) {
            if kernelSize.contains(where: { $0 <= 0 }) {
                throw TorchError.runtime("kernel size should be greater than zero, but got \(shapeString(kernelSize))")
            }
            if dilation.contains(where: { $0 <= 0 }) {
                throw TorchError.runtime("dilation should be greater than zero, but got \(shapeString(dilation))")
            }
        } else if kernelSize.contains(where: { $0 <= 0 }) {
            throw TorchError.runtime("kernel size should be greater than zero, but got kernel_height: \(kernelSize[0]) kernel_width: \(kernelSize[1])")
        }
        let extra = asymmetricExtra ?? [0, 0]
        let kh = weight.shape[2], kw = weight.shape[3]
        let outH = (input.shape[2] + 2 * padding[0] + extra[0] - (dilation[0] * (kh - 1) + 1)) / stride[0] + 1
        let outW = (input.shape[3] + 2 * padding[1] + extra[1] - (dilation[1] * (kw - 1) + 1)) / stride[1] + 1
        let geometry = WindowGeometry(
            channels: input.shape[1] / groups, height: input.shape[2], width: input.shape[3],
            kernelH: kh, kernelW: kw, padTop: padding[0], padLeft: padding[1],
            strideH: stride[0], strideW: stride[1], dilationH: dilation[0], dilationW: dilation[1],
            outH: outH, outW: outW)
        let plan = Conv2dKernels.Plan(batch: input.shape[0], inChannels: input.shape[1],
                                      outChannels: weight.shape[0], groups: groups, geometry: geometry)
        try checkOutputAllocation([plan.batch, plan.outChannels, outH, outW], input.dtype)
        // The unfolded columns of one image must fit too, as PyTorch's own column buffer.
        try checkOutputAllocation([plan.reduction, plan.positions], input.dtype)
        let out = try Tensor(checkedShape: [plan.batch, plan.outChannels, outH, outW], dtype: input.dtype, zeroed: true)
        let x = input.contiguousData(), w = weight.contiguousData(), b = bias?.contiguousData()
        if input.shape[1] == 0 {
            // Zero input channels: every output is the bias alone.
            if let b { try GradMode.noGrad { out.copyElements(from: try b.detach().reshape([1, plan.outChannels, 1, 1])) } }
        } else if out.dtype == .float32 {
            Conv2dKernels.forward(plan, input: x, weight: w, bias: b, out: out, Float.self)
        } else {
            Conv2dKernels.forward(plan, input: x, weight: w, bias: b, out: out, Double.self)
        }
        record("ConvolutionBackward0", inputs: [input, weight, bias], outputs: [out],
               formula: "grad_input, grad_weight, grad_bias = convolution_backward(grad, input, weight, bias_sizes, stride, padding, dilation, transposed, output_padding, groups, grad_input_mask)",
               save: { node in
                   if let bias { node.save("bias_sym_sizes_opt", .ints(bias.shape)) } else { node.save("bias_sym_sizes_opt", .none) }
                   node.save("dilation", .ints(dilation)); node.save("groups", .int(groups))
                   node.save("input", input); node.save("output_padding", .ints([0, 0]))
                   node.save("padding", .ints(padding)); node.save("stride", .ints(stride))
                   node.save("transposed", .bool(false)); node.save("weight", weight)
               }) { node, g in
            guard let grad = g[0] else { return [nil, nil, nil] }
            return try convolutionBackward(node, grad, plan: plan, stride: stride, padding: padding,
                                           extra: asymmetricExtra, dilation: dilation, groups: groups)
        }
        return out
    }

    /// ConvolutionBackward0's gradients from the raw kernels. Under `create_graph` the three
    /// results are recorded as ConvolutionBackwardBackward0, differentiable with respect to
    /// the incoming gradient (input and weight are saved without their graph, as every saved
    /// tensor here is).
    private static func convolutionBackward(_ node: FunctionNode, _ grad: Tensor, plan: Conv2dKernels.Plan,
                                            stride: [Int], padding: [Int], extra: [Int]?, dilation: [Int],
                                            groups: Int) throws -> [Tensor?] {
        let savedInput = try node.savedTensor("input"), savedWeight = try node.savedTensor("weight")
        let xin = savedInput.contiguousData(), wt = savedWeight.contiguousData()
        let go = grad.contiguousData()
        let dtype = xin.dtype
        guard go.dtype == dtype else {
            throw TorchError.runtime("expected scalar type \(dtype.scalarTypeName) but found \(go.dtype.scalarTypeName)")
        }
        let graph = anyRequiresGrad([grad])
        let gi = node.needsInputGrad(0) || graph ? try Tensor(checkedShape: xin.shape, dtype: dtype, zeroed: true) : nil
        let gw = node.needsInputGrad(1) || graph ? try Tensor(checkedShape: wt.shape, dtype: dtype, zeroed: true) : nil
        let gb = node.needsInputGrad(2) || graph ? try Tensor(checkedShape: [plan.outChannels], dtype: dtype, zeroed: true) : nil
        if xin.shape[1] == 0 {
            if let gb { try GradMode.noGrad { gb.copyElements(from: try go.sum(dims: [0, 2, 3])) } }
        } else if dtype == .float32 {
            Conv2dKernels.backward(plan, gradOutput: go, input: xin, weight: wt,
                                   gradInput: gi, gradWeight: gw, gradBias: gb, Float.self)
        } else {
            Conv2dKernels.backward(plan, gradOutput: go, input: xin, weight: wt,
                                   gradInput: gi, gradWeight: gw, gradBias: gb, Double.self)
        }
        if graph, let gi, let gw, let gb {
            let gradShape = grad.shape
            record("ConvolutionBackwardBackward0", inputs: [grad, savedInput, savedWeight], outputs: [gi, gw, gb],
                   formula: "grad_grad_output = conv(grad_grad_input, weight) + conv(input, grad_grad_weight) + grad_grad_bias",
                   save: { n in
                       n.save("dilation", .ints(dilation)); n.save("grad_output", grad); n.save("groups", .int(groups))
                       n.save("input", savedInput); n.save("output_padding", .ints([0, 0]))
                       n.save("padding", .ints(padding)); n.save("stride", .ints(stride))
                       n.save("transposed", .bool(false)); n.save("weight", savedWeight)
                   }) { _, gg in
                var ggOut: Tensor?
                if let ggI = gg[0] {
                    ggOut = try convolution(ggI, savedWeight, nil, stride: stride, padding: padding,
                                            asymmetricExtra: extra, dilation: dilation, groups: groups)
                }
                if let ggW = gg[1] {
                    let term = try convolution(savedInput, ggW, nil, stride: stride, padding: padding,
                                               asymmetricExtra: extra, dilation: dilation, groups: groups)
                    ggOut = try ggOut.map { try $0.add(term) } ?? term
                }
                if let ggB = gg[2] {
                    let term = try ggB.reshape([1, ggB.count, 1, 1]).expand(gradShape)
                    ggOut = try ggOut.map { try $0.add(term) } ?? term
                }
                return [ggOut, nil, nil]
            }
        }
        return [node.needsInputGrad(0) ? gi : nil, node.needsInputGrad(1) ? gw : nil,
                node.needsInputGrad(2) ? gb : nil]
    }

    /// The dtype-mismatch error of the CPU backend PyTorch would pick: float32 input goes to
    /// oneDNN for grouped, batched, large or big-kernel calls, everything else to the slow path.
    private static func weightTypeMismatch(_ input: Tensor, _ weight: Tensor, groups: Int) -> TorchError {
        let s = input.shape, ws = weight.shape
        let oneDNN = input.dtype == .float32
            && (groups > 1 || (ws[ws.count - 1] > 3 && ws[ws.count - 2] > 3) || s[0] > 1 || shapeProduct(s) > 20480)
        if oneDNN {
            return TorchError.runtime("Input type (\(input.dtype.legacyTypeName)) and weight type (\(weight.dtype.legacyTypeName)) should be the same or input should be a MKLDNN tensor and weight is a dense tensor")
        }
        return TorchError.runtime("expected scalar type \(input.dtype.scalarTypeName) but found \(weight.dtype.scalarTypeName)")
    }

    /// PyTorch's `check_shape_forward` for the non-transposed case, in its order.
    private static func checkShapeForward(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?,
                                          padding: [Int], extra: [Int]?, stride: [Int],
                                          dilation: [Int], groups: Int) throws {
        let k = input.ndim, ws = weight.shape
        if padding.contains(where: { $0 < 0 }) { throw TorchError.runtime("negative padding is not supported") }
        if stride.contains(where: { $0 <= 0 }) { throw TorchError.runtime("non-positive stride is not supported") }
        guard ws.count == k else {
            throw TorchError.runtime("Expected \(ws.count)-dimensional input for \(ws.count)-dimensional weight \(shapeString(ws)), but got \(k)-dimensional input of size \(shapeString(input.shape)) instead")
        }
        guard ws[0] >= groups else {
            throw TorchError.runtime("Given groups=\(groups), expected weight to be at least \(groups) at dimension 0, but got weight of size \(shapeString(ws)) instead")
        }
        guard ws[0] % groups == 0 else {
            // PyTorch prints this size inside an extra pair of brackets.
            throw TorchError.runtime("Given groups=\(groups), expected weight to be divisible by \(groups) at dimension 0, but got weight of size [\(shapeString(ws))] instead")
        }
        guard input.shape[1] == ws[1] * groups else {
            throw TorchError.runtime("Given groups=\(groups), weight of size \(shapeString(ws)), expected input\(shapeString(input.shape)) to have \(ws[1] * groups) channels, but got \(input.shape[1]) channels instead")
        }
        if let bias, !(bias.ndim == 1 && bias.shape[0] == ws[0]) {
            throw TorchError.runtime("Given weight of size \(shapeString(ws)), expected bias to be 1-dimensional with \(ws[0]) elements, but got bias of size \(shapeString(bias.shape)) instead")
        }
        var padded: [Int] = [], kernel: [Int] = []
        for i in 2..<k {
            padded.append(input.shape[i] + 2 * padding[i - 2] + (extra?[i - 2] ?? 0))
            kernel.append(dilation[i - 2] * (ws[i] - 1) + 1)
        }
        if zip(padded, kernel).contains(where: { $0 < $1 }) {
            let p = padded.map(String.init).joined(separator: " x ")
            let kk = kernel.map(String.init).joined(separator: " x ")
            throw TorchError.runtime("Calculated padded input size per channel: (\(p)). Kernel size: (\(kk)). Kernel size can't be greater than actual input size")
        }
    }
}
