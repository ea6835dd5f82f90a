// nn functions the engine has no single kernel for, composed from differentiable ops in
// PyTorch's order of operations: embedding, constant padding, cosine similarity.
import Autograd
import MiniPy

/// Composite neural-network natives.
enum NNComposite {
    static func install(_ ns: TorchNamespaces) {
        ns.torch.define("embedding") { _, args, kwargs in
            let weight = try requiredTensor(args, kwargs, 0, "weight", "embedding")
            let indices = try requiredTensor(args, kwargs, 1, "indices", "embedding")
            return wrap(try embedding(weight, indices))
        }
        ns.nn.define("pad") { interp, args, kwargs in
            let input = try requiredTensor(args, kwargs, 0, "input", "pad")
            let pad = try intList(interp, requiredArgument(args, kwargs, 1, "pad", "pad"), "pad")
            let mode = try presentArgument(args, kwargs, 2, "mode").map { try $0.expectString("mode") } ?? "constant"
            let value = try presentArgument(args, kwargs, 3, "value").map { try scalarArgument($0, "value") } ?? .double(0)
            guard mode == "constant" else {
                throw PyErr.notImplemented("pad(mode='\(mode)') is not supported by gradstep; only 'constant' padding is")
            }
            return wrap(try constantPad(input, pad, value))
        }
        ns.nn.define("cosine_similarity") { _, args, kwargs in
            let x1 = try requiredTensor(args, kwargs, 0, "x1", "cosine_similarity")
            let x2 = try requiredTensor(args, kwargs, 1, "x2", "cosine_similarity")
            let dim = try optionalInt(args, kwargs, 2, "dim") ?? 1
            let eps = try real(args, kwargs, 3, "eps", 1e-8)
            return wrap(try cosineSimilarity(x1, x2, dim: dim, eps: eps))
        }
    }

    /// Rows of `weight` picked by integer `indices`, shaped `indices.shape + [embedding_dim]`.
    static func embedding(_ weight: Tensor, _ indices: Tensor) throws -> Tensor {
        guard indices.dtype == .int64 || indices.dtype == .int32 else {
            throw PyErr.runtimeError("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got \(indices.dtype.legacyTypeName) instead (while checking arguments for embedding)")
        }
        guard weight.ndim == 2 else { throw PyErr.runtimeError("'weight' must be 2-D") }
        return try rethrowingTorch {
            let rows = try weight.indexSelect(dim: 0, index: indices.reshape([-1]))
            return try rows.view(indices.shape + [weight.shape[1]])
        }
    }

    /// `F.pad(input, pad, value=)`: pairs (left, right) from the last dim backwards; negative
    /// amounts crop.
    static func constantPad(_ input: Tensor, _ pad: [Int], _ value: Scalar) throws -> Tensor {
        guard pad.count % 2 == 0 else { throw PyErr.runtimeError("Padding length must be divisible by 2") }
        guard pad.count / 2 <= input.ndim else {
            throw PyErr.runtimeError("Padding length should be less than or equal to two times the input dimension but got padding length \(pad.count) and input of dimension \(input.ndim)")
        }
        return try rethrowingTorch {
            var out = input
            for pair in 0..<(pad.count / 2) {
                let dim = input.ndim - 1 - pair
                let left = pad[2 * pair], right = pad[2 * pair + 1]
                if left < 0 { out = try out.narrow(dim, start: -left, length: out.shape[dim] + left) }
                if right < 0 { out = try out.narrow(dim, start: 0, length: out.shape[dim] + right) }
                var pieces: [Tensor] = []
                if left > 0 {
                    var s = out.shape
                    s[dim] = left
                    pieces.append(try Tensor.full(s, value, dtype: out.dtype))
                }
                pieces.append(out)
                if right > 0 {
                    var s = out.shape
                    s[dim] = right
                    pieces.append(try Tensor.full(s, value, dtype: out.dtype))
                }
                if pieces.count > 1 { out = try Tensor.cat(pieces, dim: dim) }
            }
            return out
        }
    }

    /// Each input divided by its (eps-clamped) norm along `dim`, then the products summed.
    static func cosineSimilarity(_ a: Tensor, _ b: Tensor, dim: Int, eps: Double) throws -> Tensor {
        try rethrowingTorch {
            var x1 = a, x2 = b
            if !x1.dtype.isFloatingPoint { x1 = try x1.to(.defaultFloat) }
            if !x2.dtype.isFloatingPoint { x2 = try x2.to(.defaultFloat) }
            if x1.shape != x2.shape {
                let ones1 = Tensor.zerosLike(x1), ones2 = Tensor.zerosLike(x2)
                let shape = try ones1.add(ones2).shape
                x1 = try x1.expand(shape)
                x2 = try x2.expand(shape)
            }
            // The clamp happens without gradient in PyTorch: the norm's gradient is kept whole.
            func clampedNorm(_ x: Tensor) throws -> Tensor {
                let n = try x.norm(p: 2, dims: [dim], keepdim: true)
                let plain = n.detach()
                let shift = try plain.clamp(min: .double(eps), max: nil).sub(plain)
                return try n.add(shift)
            }
            let n1 = try clampedNorm(x1), n2 = try clampedNorm(x2)
            return try x1.div(n1).mul(x2.div(n2)).sum(dim: dim)
        }
    }
}
