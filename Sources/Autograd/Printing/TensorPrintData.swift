/// Everything tensor printing needs to know about a tensor, as plain values: the printing
/// code never touches tensor storage, so any tensor type can describe itself with this.
public struct TensorPrintData: Sendable {
    /// The element values in row-major (C-contiguous) order.
    public enum Elements: Sendable {
        /// Floating values; float32 elements widened exactly to `Double`.
        case floats([Double])
        /// Integer values (int64 and int32 tensors).
        case ints([Int64])
        /// Boolean values.
        case bools([Bool])

        /// Number of elements held.
        public var count: Int {
            switch self {
            case .floats(let values): return values.count
            case .ints(let values): return values.count
            case .bools(let values): return values.count
            }
        }
    }

    /// The tensor's sizes; `[]` for a zero-dimensional tensor.
    public var shape: [Int]
    /// The element type, which decides the `dtype=` suffix.
    public var dtype: DType
    /// The elements, `shape.reduce(1, *)` of them.
    public var elements: Elements
    /// The class name of the tensor's `grad_fn`, e.g. `MulBackward0`, or nil for a leaf.
    public var gradFnName: String?
    /// Whether the tensor requires grad (printed only for leaves).
    public var requiresGrad: Bool
    /// Whether the tensor is an `nn.Parameter`, which prefixes `Parameter containing:`.
    public var isParameter: Bool

    /// Describes a tensor for printing.
    public init(shape: [Int], dtype: DType, elements: Elements, gradFnName: String? = nil,
                requiresGrad: Bool = false, isParameter: Bool = false) {
        self.shape = shape
        self.dtype = dtype
        self.elements = elements
        self.gradFnName = gradFnName
        self.requiresGrad = requiresGrad
        self.isParameter = isParameter
    }
}

/// PyTorch's print options (`torch.set_printoptions`), defaulting to its `default` profile.
public struct PrintOptions: Sendable, Equatable {
    /// Digits after the decimal point (`precision`).
    public var precision: Int
    /// Element count above which the tensor is summarised with `...` (`threshold`).
    public var threshold: Double
    /// Items kept at each end of a summarised dimension (`edgeitems`).
    public var edgeItems: Int
    /// Characters per line before wrapping (`linewidth`).
    public var lineWidth: Int
    /// Forces scientific notation on or off; nil lets the formatter decide (`sci_mode`).
    public var sciMode: Bool?

    /// The `default` profile: precision 4, threshold 1000, edgeitems 3, linewidth 80.
    public init(precision: Int = 4, threshold: Double = 1000, edgeItems: Int = 3,
                lineWidth: Int = 80, sciMode: Bool? = nil) {
        self.precision = precision
        self.threshold = threshold
        self.edgeItems = edgeItems
        self.lineWidth = lineWidth
        self.sciMode = sciMode
    }

    /// PyTorch's named profiles for `set_printoptions(profile=)`: `default`, `short`, `full`.
    public static func profile(_ name: String) -> PrintOptions? {
        switch name {
        case "default": return PrintOptions()
        case "short": return PrintOptions(precision: 2, edgeItems: 2)
        case "full": return PrintOptions(threshold: .infinity)
        default: return nil
        }
    }
}
