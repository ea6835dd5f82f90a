/// batch_norm and layer_norm with PyTorch's native backward nodes.

extension Tensor {
    /// `F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)`:
    /// NativeBatchNormBackward0 over (N, C, ...) input. Training updates the running stats in
    /// place with the unbiased variance, as PyTorch does.
    public static func batchNorm(_ input: Tensor, runningMean: Tensor?, runningVar: Tensor?,
                                 weight: Tensor? = nil, bias: Tensor? = nil, training: Bool,
                                 momentum: Double = 0.1, eps: Double = 1e-5) throws -> Tensor {
        guard input.ndim >= 2 else {
            throw TorchError.value("expected 2D or 3D input (got \(input.ndim)D input)")
        }
        let c = input.shape[1]
        let dims = [0] + Array(2..<input.ndim)
        let n = input.count / Swift.max(c, 1)
        if training && n <= 1 {
            throw TorchError.value("Expected more than 1 value per channel when training, got input size torch.Size(\(shapeString(input.shape)))")
        }
        var bshape = [Int](repeating: 1, count: input.ndim)
        bshape[1] = c
        let x = input.detach()
        let (mean, invstd): (Tensor, Tensor) = try GradMode.noGrad {
            if training {
                let m = try binaryRaw(x.sumRaw(dims: dims, keepdim: false), .wrapped(.int(Int64(n))), .div)
                let centered = try binaryRaw(x, m.reshape(bshape), .sub)
                let varSum = try binaryRaw(centered, centered, .mul).sumRaw(dims: dims, keepdim: false)
                let biased = try binaryRaw(varSum, .wrapped(.int(Int64(n))), .div)
                let inv = try binaryRaw(biased, .wrapped(.double(eps)), .add).unaryRaw(.rsqrt)
                if let runningMean {
                    try runningMean.detach().mul_(.double(1 - momentum)).add_(m.mul(.double(momentum)))
                }
                if let runningVar {
                    let unbiased = try binaryRaw(varSum, .wrapped(.int(Int64(n - 1))), .div)
                    try runningVar.detach().mul_(.double(1 - momentum)).add_(unbiased.mul(.double(momentum)))
                }
                return (m, inv)
            }
            guard let runningMean, let runningVar else {
                throw TorchError.runtime("running_mean and running_var must be defined in evaluation mode")
            }
            let inv = try binaryRaw(runningVar.detach(), .wrapped(.double(eps)), .add).unaryRaw(.rsqrt)
            return (runningMean.detach().clone_raw(), inv)
        }
        let out: Tensor = try GradMode.noGrad {
            // y = x * alpha + beta with alpha = invstd * w and beta = b - mean * alpha.
            var alpha = invstd
            if let weight { alpha = try binaryRaw(alpha, weight.detach(), .mul) }
            var beta = try binaryRaw(mean, alpha, .mul).neg()
            if let bias { beta = try binaryRaw(bias.detach(), beta, .add) }
            return try binaryRaw(binaryRaw(x, alpha.reshape(bshape), .mul), beta.reshape(bshape), .add)
        }
        let saveMean = training ? mean : Tensor(shape: [0], dtype: input.dtype)
        let saveInvstd = training ? invstd : Tensor(shape: [0], dtype: input.dtype)
        record("NativeBatchNormBackward0", inputs: [input, weight, bias], outputs: [out],
               formula: "grad_input, grad_weight, grad_bias = native_batch_norm_backward(grad, input, weight, running_mean, running_var, save_mean, save_invstd, train, eps)",
               save: { node in
                   node.save("eps", .double(eps)); node.save("input", input)
                   node.save("result1", saveMean); node.save("result2", saveInvstd)
                   if let runningMean { node.save("running_mean", runningMean) } else { node.save("running_mean", .none) }
                   if let runningVar { node.save("running_var", runningVar) } else { node.save("running_var", .none) }
                   node.save("training", .bool(training))
                   if let weight { node.save("weight", weight) } else { node.save("weight", .none) }
               }) { node, g in
            guard let grad = g[0] else { return [nil, nil, nil] }
            let xin = try node.savedTensor("input")
            let m = try mean.reshape(bshape), inv = try invstd.reshape(bshape)
            let xhat = try xin.sub(m).mul(inv)
            let w = try weight.map { try $0.detach().reshape(bshape) }
            let dxhat = try w.map { try grad.mul($0) } ?? grad
            var gi: Tensor
            if training {
                let sum1 = try dxhat.sum(dims: dims, keepdim: true)
                let sum2 = try dxhat.mul(xhat).sum(dims: dims, keepdim: true)
                gi = try dxhat.mul(.int(Int64(n))).sub(sum1).sub(xhat.mul(sum2)).mul(inv).div(.int(Int64(n)))
            } else {
                gi = try dxhat.mul(inv)
            }
            let gw = node.needsInputGrad(1) ? try grad.mul(xhat).sum(dims: dims) : nil
            let gb = node.needsInputGrad(2) ? try grad.sum(dims: dims) : nil
            return [node.needsInputGrad(0) ? gi : nil, gw, gb]
        }
        return out
    }

    /// `F.layer_norm(input, normalized_shape, weight, bias, eps)`: NativeLayerNormBackward0.
    public static func layerNorm(_ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil,
                                 bias: Tensor? = nil, eps: Double = 1e-5) throws -> Tensor {
        let k = normalizedShape.count
        guard k <= input.ndim, Array(input.shape.suffix(k)) == normalizedShape else {
            throw TorchError.runtime("Given normalized_shape=\(shapeString(normalizedShape)), expected input with shape [*, \(normalizedShape.map(String.init).joined(separator: ", "))], but got input of size\(shapeString(input.shape))")
        }
        let dims = Array((input.ndim - k)..<input.ndim)
        let n = shapeProduct(normalizedShape)
        let x = input.detach()
        let (mean, rstd, out): (Tensor, Tensor, Tensor) = try GradMode.noGrad {
            let m = try binaryRaw(x.sumRaw(dims: dims, keepdim: true), .wrapped(.int(Int64(n))), .div)
            let centered = try binaryRaw(x, m, .sub)
            let v = try binaryRaw(binaryRaw(centered, centered, .mul).sumRaw(dims: dims, keepdim: true), .wrapped(.int(Int64(n))), .div)
            let r = try binaryRaw(v, .wrapped(.double(eps)), .add).unaryRaw(.rsqrt)
            var y = try binaryRaw(centered, r, .mul)
            if let weight { y = try binaryRaw(y, weight.detach(), .mul) }
            if let bias { y = try binaryRaw(y, bias.detach(), .add) }
            return (m, r, y)
        }
        record("NativeLayerNormBackward0", inputs: [input, weight, bias], outputs: [out],
               formula: "grad_input, grad_weight, grad_bias = native_layer_norm_backward(grad, input, normalized_shape, mean, rstd, weight, bias)",
               save: { node in
                   if let bias { node.save("bias", bias) } else { node.save("bias", .none) }
                   node.save("input", input); node.save("normalized_shape", .ints(normalizedShape))
                   node.save("result1", mean); node.save("result2", rstd)
                   if let weight { node.save("weight", weight) } else { node.save("weight", .none) }
               }) { node, g in
            guard let grad = g[0] else { return [nil, nil, nil] }
            let xin = try node.savedTensor("input")
            let xhat = try xin.sub(mean).mul(rstd)
            let dxhat = try weight.map { try grad.mul($0.detach()) } ?? grad
            let sum1 = try dxhat.sum(dims: dims, keepdim: true)
            let sum2 = try dxhat.mul(xhat).sum(dims: dims, keepdim: true)
            let gi = try dxhat.mul(.int(Int64(n))).sub(sum1).sub(xhat.mul(sum2)).mul(rstd).div(.int(Int64(n)))
            let outer = Array(0..<(input.ndim - k))
            let gw = node.needsInputGrad(1) ? try grad.mul(xhat).sumOver(outer) : nil
            let gb = node.needsInputGrad(2) ? try grad.sumOver(outer) : nil
            return [node.needsInputGrad(0) ? gi : nil, gw, gb]
        }
        return out
    }

    /// Sum over dims, or self when there are none.
    func sumOver(_ dims: [Int]) throws -> Tensor {
        dims.isEmpty ? self : try sum(dims: dims)
    }
}
