// nn functions the engine has no single kernel for, composed from differentiable ops in
// PyTorch's order of operations (cosine similarity), and thin wrappers of embedding and pad.
import Autograd
import MiniPy

/// Composite neural-network natives.
enum NNComposite {
    static func install(_ ns: TorchNamespaces) {
        ns.torch.define("embedding") { _, args, kwargs in
            let weight = try requiredTensor(args, kwargs, 0, "weight", "embedding")
            let indices = try requiredTensor(args, kwargs, 1, "indices", "embedding")
            let paddingIdx = try optionalInt(args, kwargs, 2, "padding_idx") ?? -1
            return wrap(try rethrowingTorch {
                try Tensor.embedding(indices, weight, paddingIdx: paddingIdx < 0 ? nil : paddingIdx)
            })
        }
        ns.nn.define("pad") { interp, args, kwargs in
            let input = try requiredTensor(args, kwargs, 0, "input", "pad")
            let pad = try intList(interp, requiredArgument(args, kwargs, 1, "pad", "pad"), "pad")
            let mode = try presentArgument(args, kwargs, 2, "mode").map { try $0.expectString("mode") } ?? "constant"
            let value = try presentArgument(args, kwargs, 3, "value").map { try scalarArgument($0, "value") } ?? .double(0)
            guard mode == "constant" else {
                throw PyErr.notImplemented("pad(mode='\(mode)') is not supported by gradstep; only 'constant' padding is")
            }
            return wrap(try rethrowingTorch { try input.pad(pad, value: value) })
        }
        ns.nn.define("cosine_similarity") { _, args, kwargs in
            let x1 = try requiredTensor(args, kwargs, 0, "x1", "cosine_similarity")
            let x2 = try requiredTensor(args, kwargs, 1, "x2", "cosine_similarity")
            let dim = try optionalInt(args, kwargs, 2, "dim") ?? 1
            let eps = try real(args, kwargs, 3, "eps", 1e-8)
            return wrap(try cosineSimilarity(x1, x2, dim: dim, eps: eps))
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
