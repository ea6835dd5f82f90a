extension Tensor {
    /// `torch.zeros(shape, dtype=)`.
    public static func zeros(_ shape: [Int], dtype: DType = .defaultFloat) throws -> Tensor {
        try checkShape(shape)
        return try Tensor(checkedShape: shape, dtype: dtype)
    }

    /// `torch.ones(shape, dtype=)`.
    public static func ones(_ shape: [Int], dtype: DType = .defaultFloat) throws -> Tensor {
        try full(shape, .int(1), dtype: dtype)
    }

    /// `torch.empty(shape)`: zero-filled here, so runs stay deterministic.
    public static func empty(_ shape: [Int], dtype: DType = .defaultFloat) throws -> Tensor {
        try zeros(shape, dtype: dtype)
    }

    /// `torch.full(shape, value, dtype=)`; without dtype the value's natural dtype.
    public static func full(_ shape: [Int], _ value: Scalar, dtype: DType? = nil) throws -> Tensor {
        try checkShape(shape)
        let t = try Tensor(checkedShape: shape, dtype: dtype ?? value.naturalDType, zeroed: false)
        t.fillRaw(value)
        return t
    }

    /// A 0-dim tensor holding a number.
    public static func scalar(_ value: Scalar, dtype: DType? = nil) -> Tensor {
        let t = Tensor(shape: [], dtype: dtype ?? value.naturalDType, zeroed: false)
        t.fillRaw(value)
        return t
    }

    /// A Python number inside an operator: 0-dim, weighed as a wrapped number in promotion.
    static func wrapped(_ value: Scalar) -> Tensor {
        let t = Tensor(shape: [], dtype: value.promotionDType, zeroed: false)
        t.fillRaw(value)
        t.isWrappedNumber = true
        return t
    }

    /// `torch.zeros_like` and friends: same shape, same dtype unless given.
    public static func zerosLike(_ t: Tensor, dtype: DType? = nil) -> Tensor {
        Tensor(shape: t.shape, dtype: dtype ?? t.dtype)
    }

    /// `torch.ones_like`.
    public static func onesLike(_ t: Tensor, dtype: DType? = nil) -> Tensor {
        fullLike(t, .int(1), dtype: dtype)
    }

    /// `torch.full_like`.
    public static func fullLike(_ t: Tensor, _ value: Scalar, dtype: DType? = nil) -> Tensor {
        let out = Tensor(shape: t.shape, dtype: dtype ?? t.dtype, zeroed: false)
        out.fillRaw(value)
        return out
    }

    /// `torch.empty_like` (zero-filled).
    public static func emptyLike(_ t: Tensor, dtype: DType? = nil) -> Tensor { zerosLike(t, dtype: dtype) }

    /// `torch.arange(start, end, step, dtype=)`: int64 when all bounds are ints, else float32.
    public static func arange(_ start: Scalar, _ end: Scalar, step: Scalar = .int(1),
                              dtype: DType? = nil) throws -> Tensor {
        let allInt = [start, end, step].allSatisfy { if case .int = $0 { return true } else { return false } }
        let dt = dtype ?? (allInt ? .int64 : .defaultFloat)
        let s = start.doubleValue, e = end.doubleValue, st = step.doubleValue
        if st == 0 { throw TorchError.runtime("step must be nonzero") }
        if (st > 0 && e < s) || (st < 0 && e > s) {
            throw TorchError.runtime("upper bound and larger bound inconsistent with step sign")
        }
        let n: Int
        if allInt {
            let a = start.int64Value, b = end.int64Value, c = step.int64Value
            n = Int((b - a + c - (c > 0 ? 1 : -1)) / c)
        } else {
            n = Int(((e - s) / st).rounded(.up))
        }
        let out = try Tensor(checkedShape: [Swift.max(n, 0)], dtype: dt, zeroed: false)
        switch dt {
        case .float32: let p = out.storage.typed(Float.self); for i in 0..<n { p[i] = Float(s + Double(i) * st) }
        case .float64: let p = out.storage.typed(Double.self); for i in 0..<n { p[i] = s + Double(i) * st }
        case .int64:
            let p = out.storage.typed(Int64.self)
            if allInt { for i in 0..<n { p[i] = start.int64Value + Int64(i) * step.int64Value } } else {
                for i in 0..<n { p[i] = Int64(clampingFloat: s + Double(i) * st) }
            }
        case .int32: let p = out.storage.typed(Int32.self); for i in 0..<n { p[i] = Int32(fromDouble: s + Double(i) * st) }
        case .bool: throw TorchError.runtime("\"arange_cpu\" not implemented for 'Bool'")
        }
        return out
    }

    /// `torch.arange(end)`.
    public static func arange(_ end: Scalar, dtype: DType? = nil) throws -> Tensor {
        try arange(.int(0), end, dtype: dtype)
    }

    /// `torch.linspace(start, end, steps)`.
    public static func linspace(_ start: Double, _ end: Double, steps: Int,
                                dtype: DType = .defaultFloat) throws -> Tensor {
        if steps < 0 { throw TorchError.runtime("number of steps must be non-negative") }
        let out = try Tensor(checkedShape: [steps], dtype: dtype, zeroed: false)
        let half = steps / 2
        if dtype == .float32 {
            // PyTorch computes a float32 linspace in float32, from both ends towards the middle.
            let s = Float(start), e = Float(end)
            let step = steps > 1 ? (e - s) / Float(steps - 1) : 0
            let p = out.storage.typed(Float.self)
            for i in 0..<steps { p[i] = i < half ? s + step * Float(i) : e - step * Float(steps - i - 1) }
            return out
        }
        let step = steps > 1 ? (end - start) / Double(steps - 1) : 0
        var values = [Double](repeating: start, count: steps)
        for i in 0..<steps {
            values[i] = i < half ? start + step * Double(i) : end - step * Double(steps - i - 1)
        }
        out.assign(values)
        return out
    }

    /// `torch.eye(n, m)`.
    public static func eye(_ n: Int, _ m: Int? = nil, dtype: DType = .defaultFloat) throws -> Tensor {
        let cols = m ?? n
        let out = try zeros([n, cols], dtype: dtype)
        let one = Tensor.scalar(.int(1), dtype: dtype)
        for i in 0..<Swift.min(n, cols) {
            out.storage.raw.advanced(by: (i * cols + i) * dtype.itemSize)
                .copyMemory(from: one.storage.raw, byteCount: dtype.itemSize)
        }
        return out
    }

    /// A 1-D tensor from Doubles.
    public static func from(_ values: [Double], shape: [Int]? = nil, dtype: DType = .defaultFloat) throws -> Tensor {
        let sh = shape ?? [values.count]
        try checkShape(sh)
        guard shapeProduct(sh) == values.count else {
            throw TorchError.runtime("shape '\(shapeString(sh))' is invalid for input of size \(values.count)")
        }
        let out = try Tensor(checkedShape: sh, dtype: dtype, zeroed: false)
        out.assign(values)
        return out
    }

    /// A tensor from Int64s (default dtype int64).
    public static func from(ints values: [Int64], shape: [Int]? = nil, dtype: DType = .int64) throws -> Tensor {
        let sh = shape ?? [values.count]
        try checkShape(sh)
        guard shapeProduct(sh) == values.count else {
            throw TorchError.runtime("shape '\(shapeString(sh))' is invalid for input of size \(values.count)")
        }
        let out = try Tensor(checkedShape: sh, dtype: dtype, zeroed: false)
        switch dtype {
        case .int64: let p = out.storage.typed(Int64.self); for (i, v) in values.enumerated() { p[i] = v }
        default: out.assign(values.map { Double($0) })
        }
        return out
    }

    /// A tensor from Bools.
    public static func from(bools values: [Bool], shape: [Int]? = nil) throws -> Tensor {
        try from(values.map { $0 ? 1.0 : 0.0 }, shape: shape, dtype: .bool)
    }

    /// Writes Doubles into a fresh contiguous tensor's storage.
    func assign(_ values: [Double]) {
        switch dtype {
        case .float32: let p = storage.typed(Float.self); for (i, v) in values.enumerated() { p[i] = Float(v) }
        case .float64: let p = storage.typed(Double.self); for (i, v) in values.enumerated() { p[i] = v }
        case .int64: let p = storage.typed(Int64.self); for (i, v) in values.enumerated() { p[i] = Int64(clampingFloat: v) }
        case .int32: let p = storage.typed(Int32.self); for (i, v) in values.enumerated() { p[i] = Int32(fromDouble: v) }
        case .bool: let p = storage.typed(Bool.self); for (i, v) in values.enumerated() { p[i] = v != 0 }
        }
    }

    /// Sets every element (respecting strides) to a number, without version or grad checks.
    func fillRaw(_ value: Scalar) {
        @inline(__always) func fill<T: TensorElement>(_ v: T) {
            let p = storage.typed(T.self)
            if isContiguous {
                let base = p + offset
                for i in 0..<count { base[i] = v }
            } else {
                forEachOffset(shape, strides, offset) { p[$0] = v }
            }
        }
        switch dtype {
        case .float32: fill(Float(value.doubleValue))
        case .float64: fill(value.doubleValue)
        case .int64: fill(value.int64Value)
        case .int32: fill(Int32(truncatingIfNeeded: value.int64Value))
        case .bool: fill(value.doubleValue != 0)
        }
    }

    /// Rejects negative sizes as PyTorch does.
    static func checkShape(_ shape: [Int]) throws {
        for s in shape where s < 0 {
            throw TorchError.runtime("Trying to create tensor with negative dimension \(s): \(shapeString(shape))")
        }
    }

    /// `to(dtype)`: a copy in another dtype (self when equal); differentiable between floats.
    public func to(_ dtype: DType) throws -> Tensor {
        if dtype == self.dtype { return self }
        let out = converted(to: dtype)
        if dtype.isFloatingPoint && requiresGrad && GradMode.isEnabled {
            let srcDType = self.dtype
            let node = FunctionNode(name: "ToCopyBackward0", nextEdges: [gradientEdge()],
                                    formula: "grad_self = grad.to(self.dtype)") { _, g in
                [g[0].map { $0.converted(to: srcDType) }]
            }
            out.gradFn = node
        }
        return out
    }
}
