// Convolution and pooling natives: torch.conv2d, torch.max_pool2d and torch._C._nn's
// max_pool2d_with_indices, avg_pool2d, adaptive_avg_pool2d.
import Autograd
import MiniPy

/// Convolution and pooling natives.
enum NNConvolution {
    static func install(_ ns: TorchNamespaces) {
        ns.torch.define("conv2d") { interp, args, kwargs in
            let input = try requiredTensor(args, kwargs, 0, "input", "conv2d")
            let weight = try requiredTensor(args, kwargs, 1, "weight", "conv2d")
            let bias = try optionalTensorArgument(argument(args, kwargs, 2, "bias"), "bias")
            let stride = try pair(interp, argument(args, kwargs, 3, "stride"), "stride", [1])
            let dilation = try pair(interp, argument(args, kwargs, 5, "dilation"), "dilation", [1])
            let groups = try optionalInt(args, kwargs, 6, "groups") ?? 1
            let padding = argument(args, kwargs, 4, "padding")
            if case .str(let mode)? = padding {
                return wrap(try rethrowingTorch {
                    try Tensor.conv2d(input, weight, bias, stride: stride, padding: mode, dilation: dilation, groups: groups)
                })
            }
            let amounts = try pair(interp, padding, "padding", [0])
            return wrap(try rethrowingTorch {
                try Tensor.conv2d(input, weight, bias, stride: stride, padding: amounts, dilation: dilation, groups: groups)
            })
        }
        let maxPool: (Interpreter, [Value], KeywordArguments, String) throws -> (values: Tensor, indices: Tensor) = { interp, args, kwargs, name in
            let input = try requiredTensor(args, kwargs, 0, "input", name)
            let kernel = try pair(interp, requiredArgument(args, kwargs, 1, "kernel_size", name), "kernel_size", [])
            let stride = try pair(interp, argument(args, kwargs, 2, "stride"), "stride", [])
            let padding = try pair(interp, argument(args, kwargs, 3, "padding"), "padding", [0])
            let dilation = try pair(interp, argument(args, kwargs, 4, "dilation"), "dilation", [1])
            let ceilMode = try flag(args, kwargs, 5, "ceil_mode", false)
            return try rethrowingTorch {
                try Tensor.maxPool2dWithIndices(input, kernelSize: kernel, stride: stride, padding: padding,
                                                dilation: dilation, ceilMode: ceilMode)
            }
        }
        ns.torch.define("max_pool2d") { interp, args, kwargs in
            let input = try requiredTensor(args, kwargs, 0, "input", "max_pool2d")
            let kernel = try pair(interp, requiredArgument(args, kwargs, 1, "kernel_size", "max_pool2d"), "kernel_size", [])
            let stride = try pair(interp, argument(args, kwargs, 2, "stride"), "stride", [])
            let padding = try pair(interp, argument(args, kwargs, 3, "padding"), "padding", [0])
            let dilation = try pair(interp, argument(args, kwargs, 4, "dilation"), "dilation", [1])
            let ceilMode = try flag(args, kwargs, 5, "ceil_mode", false)
            return wrap(try rethrowingTorch {
                try Tensor.maxPool2d(input, kernelSize: kernel, stride: stride, padding: padding,
                                     dilation: dilation, ceilMode: ceilMode)
            })
        }
        ns.nn.define("max_pool2d_with_indices") { interp, args, kwargs in
            let r = try maxPool(interp, args, kwargs, "max_pool2d_with_indices")
            return wrapTuple([r.values, r.indices])
        }
        ns.nn.define("avg_pool2d") { interp, args, kwargs in
            let input = try requiredTensor(args, kwargs, 0, "input", "avg_pool2d")
            let kernel = try pair(interp, requiredArgument(args, kwargs, 1, "kernel_size", "avg_pool2d"), "kernel_size", [])
            let stride = try pair(interp, argument(args, kwargs, 2, "stride"), "stride", [])
            let padding = try pair(interp, argument(args, kwargs, 3, "padding"), "padding", [0])
            let ceilMode = try flag(args, kwargs, 4, "ceil_mode", false)
            let countIncludePad = try flag(args, kwargs, 5, "count_include_pad", true)
            let divisor = try optionalInt(args, kwargs, 6, "divisor_override")
            return wrap(try rethrowingTorch {
                try Tensor.avgPool2d(input, kernelSize: kernel, stride: stride, padding: padding, ceilMode: ceilMode,
                                     countIncludePad: countIncludePad, divisorOverride: divisor)
            })
        }
        ns.nn.define("adaptive_avg_pool2d") { interp, args, kwargs in
            let input = try requiredTensor(args, kwargs, 0, "input", "adaptive_avg_pool2d")
            let size = try requiredArgument(args, kwargs, 1, "output_size", "adaptive_avg_pool2d")
            let sizes: [Int?]
            if isIntLike(size) {
                sizes = [try intArgument(size, "output_size")]
            } else {
                sizes = try interp.toArray(size).map { $0.isNone ? nil : try intArgument($0, "output_size") }
            }
            return wrap(try rethrowingTorch { try Tensor.adaptiveAvgPool2d(input, outputSize: sizes) })
        }
    }

    /// An int or a tuple of ints (`stride=2`, `padding=(1, 0)`); None or absent gives `fallback`.
    private static func pair(_ interp: Interpreter, _ value: Value?, _ name: String, _ fallback: [Int]) throws -> [Int] {
        guard let value, !value.isNone else { return fallback }
        return try intList(interp, value, name)
    }
}
