// Random tensors drawn from a `Generator` exactly as PyTorch's CPU kernels draw them.
//
// The generator fills plain buffers in element order (as a contiguous tensor is filled);
// the buffer then becomes a tensor of the requested dtype. In-place fills (`uniform_` ...)
// draw a fresh tensor of the receiver's shape and copy it in, which also applies PyTorch's
// in-place checks.
import Autograd
import MiniPy

enum RandomFill {
    /// PyTorch's message for a distribution that is not defined on integer or bool tensors.
    static func notImplemented(_ kernel: String, _ dtype: DType) -> Error {
        PyErr.notImplemented("\"\(kernel)\" not implemented for '\(dtype.scalarTypeName)'")
    }

    /// `uniform_(from, to)` on a fresh tensor.
    static func uniform(_ shape: [Int], _ dtype: DType, from: Double, to: Double, _ g: Generator) throws -> Tensor {
        let n = try count(shape)
        switch dtype {
        case .float32:
            var buf = [Float](repeating: 0, count: n)
            buf.withUnsafeMutableBufferPointer { g.fillUniform($0, from: from, to: to) }
            return try make(buf.map(Double.init), shape, dtype)
        case .float64:
            var buf = [Double](repeating: 0, count: n)
            buf.withUnsafeMutableBufferPointer { g.fillUniform($0, from: from, to: to) }
            return try make(buf, shape, dtype)
        default:
            throw notImplemented("check_uniform_bounds", dtype)
        }
    }

    /// `normal_(mean, std)` on a fresh tensor; `contiguous: false` for strided receivers.
    static func normal(_ shape: [Int], _ dtype: DType, mean: Double, std: Double, _ g: Generator,
                       contiguous: Bool = true) throws -> Tensor {
        guard std >= 0 else {
            throw PyErr.runtimeError("normal expects std >= 0.0, but found std \(cppDouble(std))")
        }
        let n = try count(shape)
        switch dtype {
        case .float32:
            var buf = [Float](repeating: 0, count: n)
            buf.withUnsafeMutableBufferPointer { g.fillNormal($0, mean: mean, std: std, contiguous: contiguous) }
            return try make(buf.map(Double.init), shape, dtype)
        case .float64:
            var buf = [Double](repeating: 0, count: n)
            buf.withUnsafeMutableBufferPointer { g.fillNormal($0, mean: mean, std: std, contiguous: contiguous) }
            return try make(buf, shape, dtype)
        default:
            throw notImplemented("normal_kernel_cpu", dtype)
        }
    }

    /// `random_(low, high)`: integers in `[low, high)`.
    static func randint(_ shape: [Int], _ dtype: DType, low: Int64, high: Int64, _ g: Generator) throws -> Tensor {
        guard low < high else {
            throw PyErr.runtimeError("random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
        }
        let n = try count(shape)
        switch dtype {
        case .int32:
            var buf = [Int32](repeating: 0, count: n)
            try rethrowingTorch { try buf.withUnsafeMutableBufferPointer { try g.fillRandint($0, low: low, high: high) } }
            return try rethrowingTorch { try Tensor.from(ints: buf.map(Int64.init), shape: shape, dtype: dtype) }
        case .int64:
            var buf = [Int64](repeating: 0, count: n)
            try rethrowingTorch { try buf.withUnsafeMutableBufferPointer { try g.fillRandint($0, low: low, high: high) } }
            return try rethrowingTorch { try Tensor.from(ints: buf, shape: shape, dtype: dtype) }
        default:
            // Floating and bool tensors: the same word choice as int64 (64-bit when the range
            // needs 32 bits or more), then converted.
            let range = UInt64(bitPattern: high &- low)
            var values = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let word = range >= (1 << 32) ? g.random64() : UInt64(g.random())
                values[i] = Double(low &+ Int64(bitPattern: word % range))
            }
            return try make(values, shape, dtype)
        }
    }

    /// `random_()` without bounds: the dtype's whole non-negative range.
    static func random(_ shape: [Int], _ dtype: DType, _ g: Generator) throws -> Tensor {
        let n = try count(shape)
        switch dtype {
        case .int64:
            var buf = [Int64](repeating: 0, count: n)
            buf.withUnsafeMutableBufferPointer { g.fillRandom($0) }
            return try rethrowingTorch { try Tensor.from(ints: buf, shape: shape, dtype: dtype) }
        case .int32:
            let values = (0..<n).map { _ in Int64(g.random() % (UInt32(Int32.max) + 1)) }
            return try rethrowingTorch { try Tensor.from(ints: values, shape: shape, dtype: dtype) }
        case .float32:
            return try make((0..<n).map { _ in Double(g.random() % ((1 << 24) + 1)) }, shape, dtype)
        case .float64:
            return try make((0..<n).map { _ in Double(g.random64() % ((1 << 53) + 1)) }, shape, dtype)
        case .bool:
            return try make((0..<n).map { _ in Double(g.random() % 2) }, shape, dtype)
        }
    }

    /// `bernoulli_(p)` with a scalar probability.
    static func bernoulli(_ shape: [Int], _ dtype: DType, p: Double, _ g: Generator) throws -> Tensor {
        guard p >= 0 && p <= 1 else {
            throw PyErr.runtimeError("bernoulli_ expects p to be in [0, 1], but got p=\(cppDouble(p))")
        }
        let n = try count(shape)
        switch dtype {
        case .float64:
            var buf = [Double](repeating: 0, count: n)
            try rethrowingTorch { try buf.withUnsafeMutableBufferPointer { try g.fillBernoulli($0, p: p) } }
            return try make(buf, shape, dtype)
        case .bool:
            var buf = [Bool](repeating: false, count: n)
            try rethrowingTorch { try buf.withUnsafeMutableBufferPointer { try g.fillBernoulli($0, p: p) } }
            return try make(buf.map { $0 ? 1 : 0 }, shape, dtype)
        default:
            var buf = [Float](repeating: 0, count: n)
            try rethrowingTorch { try buf.withUnsafeMutableBufferPointer { try g.fillBernoulli($0, p: p) } }
            return try make(buf.map(Double.init), shape, dtype)
        }
    }

    /// `bernoulli(probabilities)`: one draw per element, in the probabilities' precision
    /// (a float uniform for float32 probabilities, a double one for float64).
    static func bernoulli(probabilities: Tensor, _ dtype: DType, _ g: Generator) throws -> Tensor {
        let p = probabilities.doubleValues()
        if let bad = p.first(where: { !($0 >= 0 && $0 <= 1) }) {
            _ = bad
            throw PyErr.runtimeError("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)")
        }
        var out = [Double](repeating: 0, count: p.count)
        if probabilities.dtype == .float64 {
            var u = [Double](repeating: 0, count: p.count)
            u.withUnsafeMutableBufferPointer { g.fillUniform($0) }
            for i in out.indices { out[i] = u[i] < p[i] ? 1 : 0 }
        } else {
            var u = [Float](repeating: 0, count: p.count)
            u.withUnsafeMutableBufferPointer { g.fillUniform($0) }
            for i in out.indices { out[i] = u[i] < Float(p[i]) ? 1 : 0 }
        }
        return try make(out, probabilities.shape, dtype)
    }

    /// `randperm(n)` as a tensor.
    static func randperm(_ n: Int, _ dtype: DType, _ g: Generator) throws -> Tensor {
        _ = try count([n])
        let order = try rethrowingTorch { try g.randperm(n) }
        return try rethrowingTorch { try Tensor.from(ints: order, shape: [n], dtype: dtype) }
    }

    /// Copies a freshly drawn tensor into `target` (an in-place fill).
    static func fill(_ target: Tensor, with fresh: Tensor) throws {
        try rethrowingTorch { _ = try target.copy_(fresh) }
    }

    private static func count(_ shape: [Int]) throws -> Int {
        if let bad = shape.first(where: { $0 < 0 }) {
            throw PyErr.runtimeError("Trying to create tensor with negative dimension \(bad): \(AutogradTensorBindings.shapeText(shape))")
        }
        var n = 1
        for d in shape {
            let (product, overflow) = n.multipliedReportingOverflow(by: d)
            guard !overflow, product <= maxElements else {
                throw PyErr.runtimeError("DefaultCPUAllocator: can't allocate memory: you tried to allocate a tensor of shape \(AutogradTensorBindings.shapeText(shape)).")
            }
            n = product
        }
        return n
    }

    /// The most elements one draw produces (8 GiB of float64), so a typo fails cleanly.
    private static let maxElements = 1 << 30

    private static func make(_ values: [Double], _ shape: [Int], _ dtype: DType) throws -> Tensor {
        try rethrowingTorch { try Tensor.from(values, shape: shape, dtype: dtype) }
    }
}

/// A double as PyTorch's C++ messages stream it (`3`, `0.5`, `1e-07`): whole numbers
/// without a fraction, anything else as its shortest round-trip text.
func cppDouble(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d > 0 ? "inf" : "-inf" }
    if d == d.rounded(), Swift.abs(d) < 1e6 { return "\(Int64(d))" }
    return "\(d)"
}
