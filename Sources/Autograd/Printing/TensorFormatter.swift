/// `repr()`/`str()` of tensors, sizes and dtypes exactly as PyTorch prints them
/// (`torch/_tensor_str.py`).
public enum TensorFormatter {
    /// `repr(tensor)`, e.g. `tensor([1., 2.], requires_grad=True)`.
    public static func repr(_ data: TensorPrintData, options: PrintOptions = PrintOptions()) -> String {
        let prefix = "tensor("
        let indent = prefix.count
        // A description whose element count disagrees with its shape cannot be laid out;
        // say so instead of reading past the elements.
        guard data.shape.allSatisfy({ $0 >= 0 }),
              data.elements.count == data.shape.reduce(1, *) else {
            return prefix + "<\(data.elements.count) elements for size "
                + pythonTuple(data.shape) + ">)"
        }
        var suffixes: [String] = []
        let body: String
        if data.elements.count == 0 {
            // NumPy-style: the shape is shown unless it is plain (0,), and the dtype always
            // unless it is the default, since no element reveals it.
            if data.shape.count != 1 {
                suffixes.append("size=" + pythonTuple(data.shape))
            }
            if data.dtype != .float32 {
                suffixes.append("dtype=" + data.dtype.torchName)
            }
            body = "[]"
        } else {
            if ![DType.float32, .int64, .bool].contains(data.dtype) {
                suffixes.append("dtype=" + data.dtype.torchName)
            }
            body = TensorLayout(data: data, options: options).render(indent: indent)
        }
        if let gradFn = data.gradFnName {
            suffixes.append("grad_fn=<\(gradFn)>")
        } else if data.requiresGrad {
            suffixes.append("requires_grad=True")
        }
        let text = addSuffixes(prefix + body, suffixes, indent: indent, lineWidth: options.lineWidth)
        return data.isParameter ? "Parameter containing:\n" + text : text
    }

    /// `str(tensor)`, which PyTorch makes identical to `repr`.
    public static func str(_ data: TensorPrintData, options: PrintOptions = PrintOptions()) -> String {
        repr(data, options: options)
    }

    /// `repr(torch.Size(shape))`, e.g. `torch.Size([2, 3])`.
    public static func sizeRepr(_ shape: [Int]) -> String {
        "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])"
    }

    /// `repr(dtype)`, e.g. `torch.float32`.
    public static func dtypeRepr(_ dtype: DType) -> String {
        dtype.torchName
    }

    /// Python's `str(tuple(shape))`: `(0, 3)`, with a trailing comma for one element.
    static func pythonTuple(_ values: [Int]) -> String {
        let items = values.map(String.init).joined(separator: ", ")
        return values.count == 1 ? "(\(items),)" : "(\(items))"
    }

    /// `_add_suffixes`: appends `, suffix` on the last line, or wraps onto a new line indented
    /// under the opening parenthesis when the line would pass the width.
    static func addSuffixes(_ text: String, _ suffixes: [String], indent: Int, lineWidth: Int) -> String {
        var pieces = [text]
        let characters = Array(text)
        let lastNewline = characters.lastIndex(of: "\n") ?? -1
        // Python computes `len(s) - s.rfind("\n") + 1`, two more than the visible length.
        var lastLineLength = characters.count - lastNewline + 1
        for suffix in suffixes {
            if lastLineLength + suffix.count + 2 > lineWidth {
                pieces.append(",\n" + String(repeating: " ", count: indent) + suffix)
                lastLineLength = indent + suffix.count
            } else {
                pieces.append(", " + suffix)
                lastLineLength += suffix.count + 2
            }
        }
        pieces.append(")")
        return pieces.joined()
    }
}

/// The nested-bracket layout of `_tensor_str_with_formatter`, over row-major elements.
struct TensorLayout {
    let data: TensorPrintData
    let options: PrintOptions
    let summarize: Bool
    private let strides: [Int]

    init(data: TensorPrintData, options: PrintOptions) {
        self.data = data
        self.options = options
        summarize = Double(data.elements.count) > options.threshold
        var strides = [Int](repeating: 1, count: data.shape.count)
        var running = 1
        for dim in data.shape.indices.reversed() {
            strides[dim] = running
            running *= data.shape[dim]
        }
        self.strides = strides
    }

    /// The bracketed body, e.g. `[[1., 2.],\n        [3., 4.]]`.
    func render(indent: Int) -> String {
        var shown: [Int] = []
        collectShown(dim: 0, offset: 0, into: &shown)
        let formatter = ElementFormatter(elements: data.elements, shown: shown, options: options)
        if data.shape.isEmpty {
            return formatter.format(0)
        }
        return render(dim: 0, offset: 0, indent: indent, formatter: formatter)
    }

    /// Positions along `dim` that are printed: all, or the edge items at both ends.
    private func positions(_ dim: Int) -> (head: [Int], tail: [Int]) {
        let size = data.shape[dim]
        let edge = options.edgeItems
        if summarize && size > 2 * edge {
            return (Array(0..<edge), Array((size - edge)..<size))
        }
        return (Array(0..<size), [])
    }

    /// Flat indices of the printed elements (`get_summarized_data`).
    private func collectShown(dim: Int, offset: Int, into shown: inout [Int]) {
        if dim == data.shape.count {
            shown.append(offset)
            return
        }
        let (head, tail) = positions(dim)
        for position in head + tail {
            collectShown(dim: dim + 1, offset: offset + position * strides[dim], into: &shown)
        }
    }

    private func render(dim: Int, offset: Int, indent: Int, formatter: ElementFormatter) -> String {
        let (head, tail) = positions(dim)
        let summarized = !tail.isEmpty
        if dim == data.shape.count - 1 {
            var items = head.map { formatter.format(offset + $0 * strides[dim]) }
            if summarized {
                items.append(" ...")
                items += tail.map { formatter.format(offset + $0 * strides[dim]) }
            }
            let elementLength = formatter.maxWidth + 2
            let available = Double(options.lineWidth - indent) / Double(elementLength)
            let perLine = max(1, Int(available.rounded(.down)))
            var lines: [String] = []
            var start = 0
            while start < items.count {
                lines.append(items[start..<min(start + perLine, items.count)].joined(separator: ", "))
                start += perLine
            }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        var slices = head.map {
            render(dim: dim + 1, offset: offset + $0 * strides[dim], indent: indent + 1, formatter: formatter)
        }
        if summarized {
            slices.append("...")
            slices += tail.map {
                render(dim: dim + 1, offset: offset + $0 * strides[dim], indent: indent + 1, formatter: formatter)
            }
        }
        let remaining = data.shape.count - dim
        let separator = "," + String(repeating: "\n", count: remaining - 1)
            + String(repeating: " ", count: indent + 1)
        return "[" + slices.joined(separator: separator) + "]"
    }
}
