/// The bounds and fills of `torch.nn.init` that module constructors use, computed in the same
/// float64 order as PyTorch's Python so the resulting weights match bit for bit.
public enum ParameterInit {
    /// `nn.init.calculate_gain(nonlinearity, param)`.
    public static func calculateGain(_ nonlinearity: String, param: Double? = nil) throws -> Double {
        switch nonlinearity {
        case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
             "conv_transpose3d", "sigmoid":
            return 1
        case "tanh":
            return 5.0 / 3
        case "relu":
            return (2.0).squareRoot()
        case "leaky_relu":
            let slope = param ?? 0.01
            return (2.0 / (1 + slope * slope)).squareRoot()
        case "selu":
            return 3.0 / 4
        default:
            throw GeneratorError.value("Unsupported nonlinearity \(nonlinearity)")
        }
    }

    /// `_calculate_fan_in_and_fan_out(tensor)`: dim 1 times, dim 0 times the receptive field.
    public static func fanInAndFanOut(shape: [Int]) throws -> (fanIn: Int, fanOut: Int) {
        guard shape.count >= 2 else {
            throw GeneratorError.value(
                "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
        }
        let receptiveField = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptiveField, shape[0] * receptiveField)
    }

    /// The bound of `kaiming_uniform_(w, a=a)` in `fan_in` mode with `leaky_relu`:
    /// `sqrt(3) * gain / sqrt(fan_in)`, where `gain = sqrt(2 / (1 + a²))`.
    /// `nn.Linear` and `nn.Conv2d` use `a = sqrt(5)`.
    public static func kaimingUniformBound(fanIn: Int, a: Double = (5.0).squareRoot()) -> Double {
        let gain = (2.0 / (1 + a * a)).squareRoot()
        let std = gain / Double(fanIn).squareRoot()
        return (3.0).squareRoot() * std
    }

    /// The bias bound of `nn.Linear`/`nn.Conv2d`: `1 / sqrt(fan_in)`, or 0 when `fan_in` is 0.
    public static func biasBound(fanIn: Int) -> Double {
        fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
    }

    /// `reset_parameters()` of `nn.Linear` and `nn.Conv2d`: the weight (shape `weightShape`,
    /// e.g. `[out, in]` or `[out, in/groups, kh, kw]`) from `kaiming_uniform_(a=sqrt(5))`,
    /// then the bias from `uniform_(-1/sqrt(fan_in), 1/sqrt(fan_in))` — in that order, since
    /// both draw from the same generator.
    public static func resetParameters(
        weight: UnsafeMutableBufferPointer<Float>, weightShape: [Int],
        bias: UnsafeMutableBufferPointer<Float>?, generator: Generator = .default
    ) throws {
        let fanIn = try fanInAndFanOut(shape: weightShape).fanIn
        // PyTorch skips initialising a zero-element tensor (with a warning) and draws nothing.
        if weight.count > 0 {
            let bound = kaimingUniformBound(fanIn: fanIn)
            generator.fillUniform(weight, from: -bound, to: bound)
        }
        if let bias, bias.count > 0 {
            let bound = biasBound(fanIn: fanIn)
            generator.fillUniform(bias, from: -bound, to: bound)
        }
    }
}
