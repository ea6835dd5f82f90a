// The kernels behind torch.nn.functional: torch._C._nn.* and the torch.* natives that
// `torch/nn/functional.py` calls, with the argument orders it uses.
import Autograd
import MiniPy

/// Neural-network natives.
enum NNFunctions {
    static func install(_ ns: TorchNamespaces) {
        installActivations(ns)
        installLosses(ns)
        installLayers(ns)
        NNComposite.install(ns)
        NNConvolution.install(ns)
    }

    /// The reduction of a `reduction` enum argument (none=0, mean=1, sum=2).
    static func reduction(_ v: Value?) throws -> Reduction {
        guard let v, !v.isNone else { return .mean }
        if case .str(let s) = v { return try rethrowingTorch { try Reduction(parsing: s) } }
        switch try intArgument(v, "reduction") {
        case 0: return .none
        case 2: return .sum
        default: return .mean
        }
    }

    private static func installActivations(_ ns: TorchNamespaces) {
        let nn = ns.nn
        func activation(_ name: String, _ inPlace: Bool, _ body: @escaping (Tensor, [Value], KeywordArguments) throws -> Tensor) {
            nn.define(name) { _, args, kwargs in
                let t = try requiredTensor(args, kwargs, 0, "input", name)
                let r = try body(t, args, kwargs)
                if inPlace {
                    _ = try rethrowingTorch { try t.copy_(r) }
                    return args[0]
                }
                return wrap(r)
            }
        }
        for inPlace in [false, true] {
            let suffix = inPlace ? "_" : ""
            activation("leaky_relu" + suffix, inPlace) { t, args, kwargs in
                let slope = try real(args, kwargs, 1, "negative_slope", 0.01)
                return try rethrowingTorch { try t.leakyRelu(slope) }
            }
            activation("elu" + suffix, inPlace) { t, args, kwargs in
                let alpha = try real(args, kwargs, 1, "alpha", 1)
                return try rethrowingTorch { try t.elu(alpha: alpha) }
            }
            activation("silu" + suffix, inPlace) { t, _, _ in try rethrowingTorch { try t.silu() } }
        }
        activation("gelu", false) { t, args, kwargs in
            let approximate = try presentArgument(args, kwargs, 1, "approximate").map { try $0.expectString("approximate") } ?? "none"
            return try rethrowingTorch { try t.gelu(approximate: approximate) }
        }
        activation("softplus", false) { t, args, kwargs in
            let beta = try real(args, kwargs, 1, "beta", 1), threshold = try real(args, kwargs, 2, "threshold", 20)
            return try rethrowingTorch { try t.softplus(beta: beta, threshold: threshold) }
        }
        ns.torch.define("relu_") { _, args, kwargs in
            let t = try requiredTensor(args, kwargs, 0, "input", "relu_")
            _ = try rethrowingTorch { try t.relu_() }
            return args[0]
        }
    }

    /// Runs engine code, prefixing shape-mismatch errors with the ATen kernel's name as
    /// PyTorch prints them (`addmm: mat1 and mat2 shapes cannot be multiplied (2x5 and 4x3)`).
    static func namingKernel(_ kernel: String, _ body: () throws -> Tensor) throws -> Tensor {
        do {
            return try rethrowingTorch(body)
        } catch let e as PyExceptionObject where e.isInstance(of: BuiltinTypes.runtimeError) {
            if case .str(let message)? = e.args.first, message.hasPrefix("mat1 and mat2 shapes") {
                throw PyErr.runtimeError("\(kernel): \(message)")
            }
            throw e
        }
    }

    private static func installLosses(_ ns: TorchNamespaces) {
        let nn = ns.nn
        typealias Loss = (Tensor, Tensor, Reduction, Double) throws -> Tensor
        let mse: Loss = { input, target, r, _ in try Tensor.mseLoss(input, target, reduction: r) }
        let l1: Loss = { input, target, r, _ in try Tensor.l1Loss(input, target, reduction: r) }
        let smooth: Loss = { input, target, r, beta in try Tensor.smoothL1Loss(input, target, reduction: r, beta: beta) }
        let huber: Loss = { input, target, r, delta in try Tensor.huberLoss(input, target, reduction: r, delta: delta) }
        let pointwise: [(String, String?, Loss)] = [
            ("mse_loss", nil, mse), ("l1_loss", nil, l1), ("smooth_l1_loss", "beta", smooth), ("huber_loss", "delta", huber),
        ]
        for (name, parameter, loss) in pointwise {
            nn.define(name) { _, args, kwargs in
                let input = try requiredTensor(args, kwargs, 0, "input", name)
                let target = try requiredTensor(args, kwargs, 1, "target", name)
                let r = try reduction(argument(args, kwargs, 2, "reduction"))
                let extra = try parameter.map { try real(args, kwargs, 3, $0, 1) } ?? 1
                return wrap(try rethrowingTorch { try loss(input, target, r, extra) })
            }
        }
        for name in ["nll_loss_nd", "nll_loss", "nll_loss2d"] {
            nn.define(name) { _, args, kwargs in
                let input = try requiredTensor(args, kwargs, 0, "input", name)
                let target = try requiredTensor(args, kwargs, 1, "target", name)
                let weight = try optionalTensorArgument(argument(args, kwargs, 2, "weight"), "weight")
                let r = try reduction(argument(args, kwargs, 3, "reduction"))
                let ignore = try optionalInt(args, kwargs, 4, "ignore_index") ?? -100
                return wrap(try rethrowingTorch { try Tensor.nllLoss(input, target, weight: weight, ignoreIndex: ignore, reduction: r) })
            }
        }
        nn.define("cross_entropy_loss") { _, args, kwargs in
            let input = try requiredTensor(args, kwargs, 0, "input", "cross_entropy_loss")
            let target = try requiredTensor(args, kwargs, 1, "target", "cross_entropy_loss")
            let weight = try optionalTensorArgument(argument(args, kwargs, 2, "weight"), "weight")
            let r = try reduction(argument(args, kwargs, 3, "reduction"))
            let ignore = try optionalInt(args, kwargs, 4, "ignore_index") ?? -100
            let smoothing = try real(args, kwargs, 5, "label_smoothing", 0)
            // Floating targets are class probabilities only when shaped like the input.
            if target.dtype.isFloatingPoint && target.shape != input.shape {
                throw PyErr.runtimeError("expected target dtype to be Long or Byte, but got \(target.dtype.scalarTypeName)")
            }
            return wrap(try rethrowingTorch {
                try Tensor.crossEntropy(input, target, weight: weight, ignoreIndex: ignore, reduction: r, labelSmoothing: smoothing)
            })
        }
        nn.define("binary_cross_entropy") { _, args, kwargs in
            let input = try requiredTensor(args, kwargs, 0, "input", "binary_cross_entropy")
            let target = try requiredTensor(args, kwargs, 1, "target", "binary_cross_entropy")
            let weight = try optionalTensorArgument(argument(args, kwargs, 2, "weight"), "weight")
            let r = try reduction(argument(args, kwargs, 3, "reduction"))
            return wrap(try rethrowingTorch { try Tensor.binaryCrossEntropy(input, target, weight: weight, reduction: r) })
        }
        ns.torch.define("binary_cross_entropy_with_logits") { _, args, kwargs in
            let name = "binary_cross_entropy_with_logits"
            let input = try requiredTensor(args, kwargs, 0, "input", name)
            let target = try requiredTensor(args, kwargs, 1, "target", name)
            let weight = try optionalTensorArgument(argument(args, kwargs, 2, "weight"), "weight")
            let posWeight = try optionalTensorArgument(argument(args, kwargs, 3, "pos_weight"), "pos_weight")
            let r = try reduction(argument(args, kwargs, 4, "reduction"))
            return wrap(try rethrowingTorch {
                try Tensor.binaryCrossEntropyWithLogits(input, target, weight: weight, posWeight: posWeight, reduction: r)
            })
        }
        ns.torch.define("kl_div") { _, args, kwargs in
            let input = try requiredTensor(args, kwargs, 0, "input", "kl_div")
            let target = try requiredTensor(args, kwargs, 1, "target", "kl_div")
            let r = try reduction(argument(args, kwargs, 2, "reduction"))
            let logTarget = try flag(args, kwargs, 3, "log_target", false)
            return wrap(try rethrowingTorch { try Tensor.klDiv(input, target, reduction: r.rawValue, logTarget: logTarget) })
        }
    }

    private static func installLayers(_ ns: TorchNamespaces) {
        ns.nn.define("linear") { _, args, kwargs in
            let input = try requiredTensor(args, kwargs, 0, "input", "linear")
            let weight = try requiredTensor(args, kwargs, 1, "weight", "linear")
            let bias = try optionalTensorArgument(argument(args, kwargs, 2, "bias"), "bias")
            // A 2-D input with a bias is one addmm in PyTorch, otherwise a matmul; errors name it.
            let kernel = input.ndim == 2 && bias != nil ? "addmm" : "mm"
            return wrap(try namingKernel(kernel) { try Tensor.linear(input, weight, bias) })
        }
        ns.torch.define("batch_norm") { _, args, kwargs in
            let input = try requiredTensor(args, kwargs, 0, "input", "batch_norm")
            let weight = try optionalTensorArgument(argument(args, kwargs, 1, "weight"), "weight")
            let bias = try optionalTensorArgument(argument(args, kwargs, 2, "bias"), "bias")
            let mean = try optionalTensorArgument(argument(args, kwargs, 3, "running_mean"), "running_mean")
            let variance = try optionalTensorArgument(argument(args, kwargs, 4, "running_var"), "running_var")
            let training = try flag(args, kwargs, 5, "training", false)
            let momentum = try real(args, kwargs, 6, "momentum", 0.1)
            let eps = try real(args, kwargs, 7, "eps", 1e-5)
            return wrap(try rethrowingTorch {
                try Tensor.batchNorm(input, runningMean: mean, runningVar: variance, weight: weight, bias: bias,
                                     training: training, momentum: momentum, eps: eps)
            })
        }
        ns.torch.define("layer_norm") { interp, args, kwargs in
            let input = try requiredTensor(args, kwargs, 0, "input", "layer_norm")
            let shape = try intList(interp, requiredArgument(args, kwargs, 1, "normalized_shape", "layer_norm"), "normalized_shape")
            let weight = try optionalTensorArgument(argument(args, kwargs, 2, "weight"), "weight")
            let bias = try optionalTensorArgument(argument(args, kwargs, 3, "bias"), "bias")
            let eps = try real(args, kwargs, 4, "eps", 1e-5)
            return wrap(try rethrowingTorch { try Tensor.layerNorm(input, normalizedShape: shape, weight: weight, bias: bias, eps: eps) })
        }
        ns.nn.define("one_hot") { _, args, kwargs in
            let t = try requiredTensor(args, kwargs, 0, "tensor", "one_hot")
            let n = try optionalInt(args, kwargs, 1, "num_classes") ?? -1
            return wrap(try rethrowingTorch { try t.oneHot(numClasses: n) })
        }
    }
}
