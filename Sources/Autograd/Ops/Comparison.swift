/// Comparisons, logical ops, where / maximum / minimum / clamp, closeness tests.

extension Tensor {
    /// `self == other` element-wise.
    public func eq(_ other: Tensor) throws -> Tensor { try Tensor.compareRaw(self, other, .eq) }
    /// `self != other` element-wise.
    public func ne(_ other: Tensor) throws -> Tensor { try Tensor.compareRaw(self, other, .ne) }
    /// `self < other` element-wise.
    public func lt(_ other: Tensor) throws -> Tensor { try Tensor.compareRaw(self, other, .lt) }
    /// `self <= other` element-wise.
    public func le(_ other: Tensor) throws -> Tensor { try Tensor.compareRaw(self, other, .le) }
    /// `self > other` element-wise.
    public func gt(_ other: Tensor) throws -> Tensor { try Tensor.compareRaw(self, other, .gt) }
    /// `self >= other` element-wise.
    public func ge(_ other: Tensor) throws -> Tensor { try Tensor.compareRaw(self, other, .ge) }
    /// `self == number`.
    public func eq(_ other: Scalar) throws -> Tensor { try eq(.wrapped(other)) }
    /// `self != number`.
    public func ne(_ other: Scalar) throws -> Tensor { try ne(.wrapped(other)) }
    /// `self < number`.
    public func lt(_ other: Scalar) throws -> Tensor { try lt(.wrapped(other)) }
    /// `self <= number`.
    public func le(_ other: Scalar) throws -> Tensor { try le(.wrapped(other)) }
    /// `self > number`.
    public func gt(_ other: Scalar) throws -> Tensor { try gt(.wrapped(other)) }
    /// `self >= number`.
    public func ge(_ other: Scalar) throws -> Tensor { try ge(.wrapped(other)) }

    /// `logical_and`.
    public func logicalAnd(_ other: Tensor) throws -> Tensor { try logical(other, .and) }
    /// `logical_or`.
    public func logicalOr(_ other: Tensor) throws -> Tensor { try logical(other, .or) }
    /// `logical_xor`.
    public func logicalXor(_ other: Tensor) throws -> Tensor { try logical(other, .xor) }
    /// `logical_not`.
    public func logicalNot() -> Tensor {
        mapKernel(converted(to: .bool), Bool.self, Bool.self) { !$0 }
    }

    private func logical(_ other: Tensor, _ op: LogicalOp) throws -> Tensor {
        let shape = try ShapeUtil.broadcast(self.shape, other.shape)
        let a = converted(to: .bool), b = other.converted(to: .bool)
        switch op {
        case .and: return zipKernel(a, b, shape: shape, Bool.self, Bool.self, Bool.self) { $0 && $1 }
        case .or: return zipKernel(a, b, shape: shape, Bool.self, Bool.self, Bool.self) { $0 || $1 }
        case .xor: return zipKernel(a, b, shape: shape, Bool.self, Bool.self, Bool.self) { $0 != $1 }
        }
    }

    /// Python's `&`, `|`, `^` on bool or integer tensors.
    public func bitwise(_ other: Tensor, _ op: String) throws -> Tensor {
        let dt = resultType([self, other])
        if dt == .bool {
            switch op {
            case "&": return try logicalAnd(other)
            case "|": return try logicalOr(other)
            default: return try logicalXor(other)
            }
        }
        guard !dt.isFloatingPoint else {
            let name = op == "&" ? "bitwise_and" : (op == "|" ? "bitwise_or" : "bitwise_xor")
            throw TorchError.runtime("\"\(name)_cpu\" not implemented for '\(dt.scalarTypeName)'")
        }
        let shape = try ShapeUtil.broadcast(self.shape, other.shape)
        let a = converted(to: .int64), b = other.converted(to: .int64)
        let out: Tensor
        switch op {
        case "&": out = zipKernel(a, b, shape: shape, Int64.self, Int64.self, Int64.self) { $0 & $1 }
        case "|": out = zipKernel(a, b, shape: shape, Int64.self, Int64.self, Int64.self) { $0 | $1 }
        default: out = zipKernel(a, b, shape: shape, Int64.self, Int64.self, Int64.self) { $0 ^ $1 }
        }
        return out.converted(to: dt)
    }

    /// Python's `~`: logical not on bools, bitwise not on integers.
    public func bitwiseNot() throws -> Tensor {
        switch dtype {
        case .bool: return logicalNot()
        case .int64: return mapKernel(self, Int64.self, Int64.self) { ~$0 }
        case .int32: return mapKernel(self, Int32.self, Int32.self) { ~$0 }
        default: throw TorchError.runtime("\"bitwise_not_cpu\" not implemented for '\(dtype.scalarTypeName)'")
        }
    }

    /// Raw `where(cond, a, b)` with broadcasting and promotion, no autograd.
    static func whereRaw(_ cond: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let dt = resultType([a, b])
        let shape = try ShapeUtil.broadcast(cond.shape, ShapeUtil.broadcast(a.shape, b.shape))
        let c = cond.converted(to: .bool), x = a.converted(to: dt), y = b.converted(to: dt)
        let out = try Tensor(checkedShape: shape, dtype: dt, zeroed: false)
        let sc = ShapeUtil.broadcastStrides(c.shape, c.strides, to: shape)
        let sx = ShapeUtil.broadcastStrides(x.shape, x.strides, to: shape)
        let sy = ShapeUtil.broadcastStrides(y.shape, y.strides, to: shape)
        let pc = c.storage.typed(Bool.self)
        func run<T: TensorElement>(_: T.Type) {
            let px = x.storage.typed(T.self), py = y.storage.typed(T.self), po = out.storage.typed(T.self)
            var i = 0
            forEachOffset3(shape, sc, c.offset, sx, x.offset, sy, y.offset) { oc, ox, oy in
                po[i] = pc[oc] ? px[ox] : py[oy]; i += 1
            }
        }
        switch dt {
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        case .int64: run(Int64.self)
        case .int32: run(Int32.self)
        case .bool: run(Bool.self)
        }
        return out
    }

    /// `torch.where(condition, self, other)`: WhereBackward0.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard condition.dtype == .bool else {
            throw TorchError.runtime("where expected condition to be a boolean tensor, but got a tensor with dtype \(condition.dtype.scalarTypeName)")
        }
        let out = try whereRaw(condition, a, b)
        record("WhereBackward0", inputs: [a, b], outputs: [out],
               formula: "grad_self = where(condition, grad, 0), grad_other = where(condition, 0, grad)",
               save: { $0.save("condition", condition) }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let c = try node.savedTensor("condition")
            let z = Tensor.zerosLike(grad)
            return [node.needsInputGrad(0) ? try Tensor.whereRaw(c, grad, z) : nil,
                    node.needsInputGrad(1) ? try Tensor.whereRaw(c, z, grad) : nil]
        }
        return out
    }

    /// `torch.where(condition, self, number)`.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Scalar) throws -> Tensor {
        try `where`(condition, a, .wrapped(b))
    }

    /// `torch.where(condition, number, other)`.
    public static func `where`(_ condition: Tensor, _ a: Scalar, _ b: Tensor) throws -> Tensor {
        try `where`(condition, .wrapped(a), b)
    }

    /// `torch.maximum`: MaximumBackward0 (ties split the gradient in half).
    public func maximum(_ other: Tensor) throws -> Tensor { try extremum(other, max: true) }
    /// `torch.minimum`: MinimumBackward0.
    public func minimum(_ other: Tensor) throws -> Tensor { try extremum(other, max: false) }

    private func extremum(_ other: Tensor, max: Bool) throws -> Tensor {
        let out = try Tensor.binaryRaw(self, other, max ? .maximum : .minimum)
        let name = max ? "MaximumBackward0" : "MinimumBackward0"
        record(name, inputs: [self, other], outputs: [out],
               formula: max ? "grad_self = grad * (self > other) + grad / 2 * (self == other), grad_other = grad * (other > self) + grad / 2 * (self == other)"
                            : "grad_self = grad * (self < other) + grad / 2 * (self == other), grad_other = grad * (other < self) + grad / 2 * (self == other)",
               save: { node in node.save("self", self); node.save("other", other) }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let s = try node.savedTensor("self"), o = try node.savedTensor("other")
            let half = try grad.div(.int(2))
            let eq = try s.eq(o)
            let wins = max ? try s.gt(o) : try s.lt(o)
            let loses = max ? try s.lt(o) : try s.gt(o)
            let z = Tensor.zerosLike(grad)
            let gs = try Tensor.whereRaw(wins, grad, Tensor.whereRaw(eq, half, z))
            let go = try Tensor.whereRaw(loses, grad, Tensor.whereRaw(eq, half, z))
            return [gs, go]
        }
        return out
    }

    /// `clamp(min=, max=)` with numbers: ClampBackward1.
    public func clamp(min lo: Scalar? = nil, max hi: Scalar? = nil) throws -> Tensor {
        guard lo != nil || hi != nil else {
            throw TorchError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        var out = self
        if let lo { out = try Tensor.binaryRaw(out, .wrapped(lo), .maximum) }
        if let hi { out = try Tensor.binaryRaw(out, .wrapped(hi), .minimum) }
        if out === self { out = clone_raw() }
        if lo != nil, hi != nil, let l = lo, let h = hi, l.doubleValue > h.doubleValue {
            out = Tensor.fullLike(out, h)
        }
        record("ClampBackward1", inputs: [self], outputs: [out],
               formula: "grad_self = where((self >= min).logical_and_(self <= max), grad, 0)",
               save: { node in
                   node.save("max", hi.map { .scalar($0) } ?? .none)
                   node.save("min", lo.map { .scalar($0) } ?? .none)
                   node.save("self", self)
               }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let s = try node.savedTensor("self")
            var mask = Tensor.fullLike(s, .bool(true), dtype: .bool)
            if let lo { mask = try mask.logicalAnd(s.ge(lo)) }
            if let hi { mask = try mask.logicalAnd(s.le(hi)) }
            return [try Tensor.whereRaw(mask, grad, Tensor.zerosLike(grad))]
        }
        return out
    }

    /// `clamp_min(min)`: ClampMinBackward0.
    public func clampMin(_ lo: Scalar) throws -> Tensor {
        let out = try Tensor.binaryRaw(self, .wrapped(lo), .maximum)
        record("ClampMinBackward0", inputs: [self], outputs: [out], formula: "grad_self = where(self >= min, grad, 0)",
               save: { node in node.save("min", .scalar(lo)); node.save("self", self) }) { node, g in
            guard let grad = g[0] else { return [nil] }
            return [try Tensor.whereRaw(node.savedTensor("self").ge(lo), grad, Tensor.zerosLike(grad))]
        }
        return out
    }

    /// `clamp_max(max)`: ClampMaxBackward0.
    public func clampMax(_ hi: Scalar) throws -> Tensor {
        let out = try Tensor.binaryRaw(self, .wrapped(hi), .minimum)
        record("ClampMaxBackward0", inputs: [self], outputs: [out], formula: "grad_self = where(self <= max, grad, 0)",
               save: { node in node.save("max", .scalar(hi)); node.save("self", self) }) { node, g in
            guard let grad = g[0] else { return [nil] }
            return [try Tensor.whereRaw(node.savedTensor("self").le(hi), grad, Tensor.zerosLike(grad))]
        }
        return out
    }

    /// `clamp(min=tensor, max=tensor)`: composed from maximum/minimum.
    public func clamp(min lo: Tensor?, max hi: Tensor?) throws -> Tensor {
        var out = self
        if let lo { out = try out.maximum(lo) }
        if let hi { out = try out.minimum(hi) }
        return out
    }

    /// `torch.isclose(self, other, rtol, atol, equal_nan)`.
    public func isclose(_ other: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8,
                        equalNan: Bool = false) throws -> Tensor {
        let dt = resultType([self, other])
        let shape = try ShapeUtil.broadcast(self.shape, other.shape)
        let a = converted(to: .float64), b = other.converted(to: .float64)
        if !dt.isFloatingPoint {
            return try Tensor.compareRaw(self, other, .eq)
        }
        return zipKernel(a, b, shape: shape, Double.self, Double.self, Bool.self) { x, y in
            if x == y { return true }
            if x.isNaN || y.isNaN { return equalNan && x.isNaN && y.isNaN }
            if x.isInfinite || y.isInfinite { return false }
            return Swift.abs(x - y) <= atol + rtol * Swift.abs(y)
        }
    }

    /// `torch.allclose`.
    public func allclose(_ other: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8,
                         equalNan: Bool = false) throws -> Bool {
        try isclose(other, rtol: rtol, atol: atol, equalNan: equalNan).int64Values().allSatisfy { $0 != 0 }
    }

    /// `torch.equal`: same shape and same values.
    public func equal(_ other: Tensor) throws -> Bool {
        guard shape == other.shape else { return false }
        return try eq(other).int64Values().allSatisfy { $0 != 0 }
    }

    /// `all()`: true when every element is nonzero (a 0-dim bool tensor).
    public func all() -> Tensor {
        Tensor.scalar(.bool(converted(to: .bool).int64Values().allSatisfy { $0 != 0 }), dtype: .bool)
    }

    /// `any()`: true when some element is nonzero.
    public func any() -> Tensor {
        Tensor.scalar(.bool(converted(to: .bool).int64Values().contains { $0 != 0 }), dtype: .bool)
    }

    /// `all(dim)`.
    public func all(dim: Int, keepdim: Bool = false) throws -> Tensor {
        try converted(to: .int64).eq(.int(0)).converted(to: .int64).sumRaw(dims: [dim], keepdim: keepdim).eq(.int(0))
    }

    /// `any(dim)`.
    public func any(dim: Int, keepdim: Bool = false) throws -> Tensor {
        try converted(to: .int64).ne(.int(0)).converted(to: .int64).sumRaw(dims: [dim], keepdim: keepdim).gt(.int(0))
    }
}
