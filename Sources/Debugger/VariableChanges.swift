// Which variables a line created or changed, and short text for values.
import Autograd
import MiniPy
import Torch

/// A cheap summary of a value that changes when the value does: primitives by repr,
/// tensors by identity and version (in-place updates bump it), other objects by identity.
/// The object itself is held, not its address: a freed object's address is soon reused by
/// the next one (a new `outputs` each epoch), which would read as "unchanged".
enum Fingerprint: Equatable {
    case text(String)
    case object(AnyObject, version: Int)

    static func == (a: Fingerprint, b: Fingerprint) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)): return x == y
        case (.object(let x, let vx), .object(let y, let vy)): return x === y && vx == vy
        default: return false
        }
    }

    init(_ v: Value) {
        switch v {
        case .none: self = .text("None")
        case .bool(let b): self = .text(b ? "True" : "False")
        case .int(let i): self = .text(String(i))
        case .float(let d): self = .text(String(d))
        case .str(let s): self = .text("'" + s.prefix(200) + "'")
        case .object(let o):
            if let t = o as? PyTensor {
                self = .object(o, version: t.tensor.version)
            } else if let l = o as? PyList {
                // Appends show as a change of length.
                self = .object(o, version: l.items.count)
            } else {
                self = .object(o, version: 0)
            }
        }
    }
}

/// One variable that a line created or changed.
struct VariableChange {
    let name: String
    let value: Value
    let isNew: Bool
}

/// Names worth showing: not dunders, modules, functions or classes.
func isInterestingVariable(_ name: String, _ value: Value) -> Bool {
    if name.hasPrefix("__") { return false }
    if case .object(let o) = value {
        if o is PyModule || o is PyFunction || o is PyType || o is PyNativeFunction { return false }
    }
    return true
}

/// Fingerprints of a frame's interesting variables.
func fingerprints(of frame: Frame) -> [String: Fingerprint] {
    var out: [String: Fingerprint] = [:]
    for (name, value) in frame.locals where isInterestingVariable(name, value) {
        out[name] = Fingerprint(value)
    }
    return out
}

/// The variables of `frame` that differ from `before`, in definition order.
func changes(in frame: Frame, since before: [String: Fingerprint]) -> [VariableChange] {
    var result: [VariableChange] = []
    for (name, value) in frame.locals where isInterestingVariable(name, value) {
        let fp = Fingerprint(value)
        if let old = before[name] {
            if old != fp { result.append(VariableChange(name: name, value: value, isNew: false)) }
        } else {
            result.append(VariableChange(name: name, value: value, isNew: true))
        }
    }
    return result
}

/// The tensor inside a Python value, if it is one.
func tensorValue(_ v: Value) -> Tensor? {
    if case .object(let o) = v, let t = o as? PyTensor { return t.tensor }
    return nil
}

/// Text shortened to `maxLines` lines and `maxWidth` characters per line.
func shorten(_ text: String, maxLines: Int = 6, maxWidth: Int = 100) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var cut = false
    if lines.count > maxLines {
        lines = Array(lines.prefix(maxLines - 1))
        cut = true
    }
    lines = lines.map { $0.count > maxWidth ? String($0.prefix(maxWidth - 3)) + "..." : $0 }
    if cut { lines.append("...") }
    return lines.joined(separator: "\n")
}

/// One-line description of a tensor: shape, dtype, graph link.
func tensorSummary(_ t: Tensor) -> String {
    var s = "tensor of shape [\(t.shape.map(String.init).joined(separator: ", "))], \(t.dtype.rawValue)"
    if let fn = t.gradFn {
        s += ", grad_fn=<\(fn.name)>"
    } else if t.requiresGrad {
        s += ", requires_grad=True"
    }
    return s
}

extension Interpreter {
    /// A value's repr, shortened for display; tensors with many elements as a summary.
    func shortRepr(_ v: Value, maxLines: Int = 6) -> String {
        if case .object(let o as PyTensor) = v {
            // The engine's own repr: PyTorch's text whatever the bindings provide.
            return o.tensor.count > 60 ? tensorSummary(o.tensor)
                : shorten(tensorRepr(o.tensor, isParameter: o.isParameter), maxLines: maxLines)
        }
        let text = (try? repr(v)) ?? "<repr failed>"
        return shorten(withoutAddresses(text), maxLines: maxLines)
    }
}

/// Indents every line after the first by `prefix`'s width (for `name = <multi-line repr>`).
func hangingIndent(_ text: String, width: Int) -> String {
    let pad = String(repeating: " ", count: width)
    return text.split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated().map { $0.offset == 0 ? String($0.element) : pad + $0.element }
        .joined(separator: "\n")
}

/// PyTorch's repr of a tensor, straight from the engine (no Python objects needed).
func tensorRepr(_ t: Tensor, isParameter: Bool = false) -> String {
    let values = t.doubleValues()
    let elements: TensorPrintData.Elements
    switch t.dtype {
    case .float32, .float64: elements = .floats(values)
    case .int32, .int64: elements = .ints(values.map { Int64($0) })
    case .bool: elements = .bools(values.map { $0 != 0 })
    }
    let data = TensorPrintData(shape: t.shape, dtype: t.dtype, elements: elements,
                               gradFnName: t.gradFn?.name, requiresGrad: t.requiresGrad,
                               isParameter: isParameter)
    return TensorFormatter.repr(data)
}

/// A tensor's repr, or its summary when it is large.
func shortTensorRepr(_ t: Tensor?) -> String {
    guard let t else { return "None" }
    if t.count > 60 { return tensorSummary(t) }
    return shorten(tensorRepr(t))
}

/// `<X object at 0x7f...>` → `<X object>`: addresses differ from run to run, and a
/// transcript must not.
func withoutAddresses(_ text: String) -> String {
    guard text.contains(" at 0x") else { return text }
    var out = ""
    var rest = Substring(text)
    while let r = rest.firstRange(of: " at 0x") {
        out += rest[..<r.lowerBound]
        var after = rest[r.upperBound...]
        while let c = after.first, c.isHexDigit { after = after.dropFirst() }
        rest = after
    }
    return out + rest
}
