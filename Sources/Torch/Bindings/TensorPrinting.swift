// repr/str/format of tensors through the engine's formatter, and torch.set_printoptions.
import Autograd
import MiniPy

/// Tensor printing as PyTorch does it.
enum TensorPrinting {
    /// The options `torch.set_printoptions` last set.
    nonisolated(unsafe) static var options = PrintOptions()

    /// What the formatter needs to know about `object`'s tensor.
    static func printData(_ object: PyTensor) -> TensorPrintData {
        let t = object.tensor
        let elements: TensorPrintData.Elements
        switch t.dtype {
        case .float32, .float64: elements = .floats(t.doubleValues())
        case .int64, .int32: elements = .ints(t.int64Values())
        case .bool: elements = .bools(t.int64Values().map { $0 != 0 })
        }
        return TensorPrintData(shape: t.shape, dtype: t.dtype, elements: elements,
                               gradFnName: t.gradFn?.name, requiresGrad: t.requiresGrad,
                               isParameter: object.isParameter)
    }

    /// `repr(tensor)`.
    static func repr(_ object: PyTensor) -> String {
        TensorFormatter.repr(printData(object), options: options)
    }

    /// `torch.set_printoptions(precision=, threshold=, edgeitems=, linewidth=, profile=, sci_mode=)`.
    static func setOptions(_ args: [Value], _ kwargs: KeywordArguments) throws {
        try checkKeywords(kwargs, ["precision", "threshold", "edgeitems", "linewidth", "profile", "sci_mode"],
                          "set_printoptions")
        var o = options
        if let p = presentArgument(args, kwargs, 4, "profile") {
            let name = try p.expectString("profile")
            guard let profile = PrintOptions.profile(name) else {
                throw PyErr.valueError("Unknown profile \(name)")
            }
            o = profile
        }
        if let v = try optionalInt(args, kwargs, 0, "precision") { o.precision = v }
        if let v = presentArgument(args, kwargs, 1, "threshold") { o.threshold = try doubleArgument(v, "threshold") }
        if let v = try optionalInt(args, kwargs, 2, "edgeitems") { o.edgeItems = v }
        if let v = try optionalInt(args, kwargs, 3, "linewidth") { o.lineWidth = v }
        if let v = argument(args, kwargs, 5, "sci_mode") { o.sciMode = v.isNone ? nil : try boolArgument(v, "sci_mode") }
        options = o
    }

    /// Installs `__repr__`, `__str__` and `__format__` on the tensor type.
    static func install() {
        let type = TorchTypes.tensor
        let reprBody: NativeFunctionBody = { _, args, _ in
            guard case .object(let o)? = args.first, let t = o as? PyTensor else { return .str("tensor") }
            return .str(repr(t))
        }
        type.define("__repr__", reprBody)
        type.define("__str__", reprBody)
        type.define("__format__") { interp, args, _ in
            guard case .object(let o)? = args.first, let t = o as? PyTensor else { return .str("") }
            let spec = args.count > 1 ? try args[1].expectString("format_spec") : ""
            // A 0-d tensor formats as its number (f"{loss:.4f}"); others only with "".
            if t.tensor.ndim == 0 {
                let number = pythonNumber(try rethrowingTorch { try t.tensor.item() })
                guard let format = interp.builtins.namespace["format"] else { return .str(repr(t)) }
                return try interp.call(format, [number, .str(spec)])
            }
            if !spec.isEmpty {
                throw PyErr.typeError("unsupported format string passed to Tensor.__format__")
            }
            return .str(repr(t))
        }
    }
}
