/// add / sub / mul / div / pow / neg and their reflected and scalar forms, with backward.

extension Tensor {
    /// `torch.add(self, other, alpha=)`: AddBackward0.
    public func add(_ other: Tensor, alpha: Scalar = .int(1)) throws -> Tensor {
        try Tensor.checkAlpha(self, other, alpha)
        let scaled = alpha == .int(1) ? other : try Tensor.binaryRaw(other, .wrapped(alpha), .mul)
        let out = try Tensor.binaryRaw(self, scaled, .add)
        if !Tensor.needsGraph(self, other) { return out }
        record("AddBackward0", inputs: [self, other], outputs: [out],
               formula: "grad_self = grad, grad_other = grad * alpha",
               save: { $0.save("alpha", .scalar(alpha)) }) { node, g in
            let grad = g[0]
            let go = try alpha == .int(1) ? grad : grad?.mul(alpha)
            return [node.needsInputGrad(0) ? grad : nil, node.needsInputGrad(1) ? go : nil]
        }
        return out
    }

    /// `self + number`.
    public func add(_ other: Scalar, alpha: Scalar = .int(1)) throws -> Tensor {
        try add(.wrapped(other), alpha: alpha)
    }

    /// `torch.sub(self, other, alpha=)`: SubBackward0.
    public func sub(_ other: Tensor, alpha: Scalar = .int(1)) throws -> Tensor {
        if dtype == .bool && other.dtype == .bool {
            throw TorchError.runtime("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
        }
        try Tensor.checkAlpha(self, other, alpha)
        let scaled = alpha == .int(1) ? other : try Tensor.binaryRaw(other, .wrapped(alpha), .mul)
        let out = try Tensor.binaryRaw(self, scaled, .sub)
        if !Tensor.needsGraph(self, other) { return out }
        record("SubBackward0", inputs: [self, other], outputs: [out],
               formula: "grad_self = grad, grad_other = -grad * alpha",
               save: { $0.save("alpha", .scalar(alpha)) }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let go = node.needsInputGrad(1) ? try grad.neg().mul(alpha) : nil
            return [node.needsInputGrad(0) ? grad : nil, go]
        }
        return out
    }

    /// `self - number`.
    public func sub(_ other: Scalar, alpha: Scalar = .int(1)) throws -> Tensor {
        try sub(.wrapped(other), alpha: alpha)
    }

    /// `number - self` (Python's reflected subtraction): RsubBackward1.
    public func rsub(_ other: Scalar, alpha: Scalar = .int(1)) throws -> Tensor {
        let scaled = alpha == .int(1) ? self : try Tensor.binaryRaw(self, .wrapped(alpha), .mul)
        let out = try Tensor.binaryRaw(.wrapped(other), scaled, .sub)
        record("RsubBackward1", inputs: [self], outputs: [out],
               formula: "grad_self = -grad * alpha",
               save: { $0.save("alpha", .scalar(alpha)) }) { _, g in
            [try g[0]?.neg().mul(alpha)]
        }
        return out
    }

    /// `torch.mul(self, other)`: MulBackward0.
    public func mul(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.binaryRaw(self, other, .mul)
        let dt = out.dtype
        if !Tensor.needsGraph(self, other) { return out }
        record("MulBackward0", inputs: [self, other], outputs: [out],
               formula: "grad_self = grad * other, grad_other = grad * self",
               save: { node in
                   // As PyTorch: each factor is saved only when the other one needs its grad.
                   node.save("other", other.converted(to: dt), when: node.needsInputGrad(0))
                   node.save("self", self.converted(to: dt), when: node.needsInputGrad(1))
               }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let gs = node.needsInputGrad(0) ? try grad.mul(node.savedTensor("other")) : nil
            let go = node.needsInputGrad(1) ? try grad.mul(node.savedTensor("self")) : nil
            return [gs, go]
        }
        return out
    }

    /// `self * number`.
    public func mul(_ other: Scalar) throws -> Tensor { try mul(.wrapped(other)) }

    /// `torch.div(self, other)` (true division): DivBackward0.
    public func div(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.binaryRaw(self, other, .div)
        let dt = out.dtype
        if !Tensor.needsGraph(self, other) { return out }
        record("DivBackward0", inputs: [self, other], outputs: [out],
               formula: "grad_self = grad / other, grad_other = -grad * ((self / other) / other)",
               save: { node in
                   node.save("self", self.converted(to: dt), when: node.needsInputGrad(1))
                   node.save("other", other.converted(to: dt))
               }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let o = try node.savedTensor("other")
            let gs = node.needsInputGrad(0) ? try grad.div(o) : nil
            var go: Tensor?
            if node.needsInputGrad(1) {
                let s = try node.savedTensor("self")
                // PyTorch's div_tensor_other_backward: -grad * ((self / other) / other).
                go = try grad.neg().mul(s.div(o).div(o))
            }
            return [gs, go]
        }
        return out
    }

    /// `self / number`.
    public func div(_ other: Scalar) throws -> Tensor { try div(.wrapped(other)) }

    /// `torch.div(self, other, rounding_mode=)`: "trunc" or "floor" (not differentiable).
    public func div(_ other: Tensor, roundingMode: String?) throws -> Tensor {
        guard let mode = roundingMode else { return try div(other) }
        switch mode {
        case "floor": return try floorDivide(other)
        case "trunc":
            let q = try Tensor.binaryRaw(self, other, .div)
            let t = try q.trunc()
            return resultType([self, other]).isFloatingPoint ? t : t.converted(to: resultType([self, other]))
        default:
            throw TorchError.value("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '\(mode)'")
        }
    }

    /// `number / self` (Python's reflected division): `self.reciprocal() * number`.
    public func rdiv(_ other: Scalar) throws -> Tensor {
        try reciprocal().mul(other)
    }

    /// `self // other`: floor division (not differentiable).
    public func floorDivide(_ other: Tensor) throws -> Tensor {
        try Tensor.binaryRaw(self, other, .floorDiv)
    }

    /// `self // number`.
    public func floorDivide(_ other: Scalar) throws -> Tensor { try floorDivide(.wrapped(other)) }

    /// `self % other`: Python-style remainder (sign of the divisor).
    public func remainder(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.binaryRaw(self, other, .remainder)
        record("RemainderBackward0", inputs: [self, other], outputs: [out],
               formula: "grad_self = grad, grad_other = -grad * floor_divide(self, other)",
               save: { node in node.save("self", self); node.save("other", other) }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            var go: Tensor?
            if node.needsInputGrad(1) {
                go = try grad.neg().mul(node.savedTensor("self").floorDivide(node.savedTensor("other")))
            }
            return [grad, go]
        }
        return out
    }

    /// `self % number`.
    public func remainder(_ other: Scalar) throws -> Tensor { try remainder(.wrapped(other)) }

    /// `-self`: NegBackward0.
    public func neg() throws -> Tensor {
        if dtype == .bool {
            throw TorchError.runtime("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        }
        let out = try Tensor.binaryRaw(self, .wrapped(.int(-1)), .mul)
        record("NegBackward0", inputs: [self], outputs: [out], formula: "grad_self = -grad") { _, g in
            [try g[0]?.neg()]
        }
        return out
    }

    /// `self ** exponent` for a number exponent: PowBackward0.
    public func pow(_ exponent: Scalar) throws -> Tensor {
        let out = try Tensor.binaryRaw(self, .wrapped(exponent), .pow)
        record("PowBackward0", inputs: [self], outputs: [out],
               formula: "grad_self = grad * exponent * self.pow(exponent - 1)",
               save: { node in node.save("exponent", .scalar(exponent)); node.save("self", self) }) { node, g in
            guard let grad = g[0] else { return [nil] }
            if exponent.doubleValue == 0 { return [Tensor.zerosLike(grad)] }
            let s = try node.savedTensor("self")
            let e1: Scalar
            switch exponent {
            case .int(let v): e1 = .int(v - 1)
            default: e1 = .double(exponent.doubleValue - 1)
            }
            return [try grad.mul(s.pow(e1).mul(exponent))]
        }
        return out
    }

    /// `self ** exponent` for a tensor exponent: PowBackward1.
    public func pow(_ exponent: Tensor) throws -> Tensor {
        let out = try Tensor.binaryRaw(self, exponent, .pow)
        record("PowBackward1", inputs: [self, exponent], outputs: [out],
               formula: "grad_self = grad * exponent * self.pow(exponent - 1), grad_exponent = grad * result * log(self)",
               save: { node in
                   node.save("exponent", exponent); node.save("self", self)
                   node.save("result", out, isOutput: true)
               }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let s = try node.savedTensor("self"), e = try node.savedTensor("exponent")
            var gs: Tensor?, ge: Tensor?
            if node.needsInputGrad(0) {
                let raw = try grad.mul(e.mul(s.pow(e.sub(.int(1)))))
                gs = try Tensor.whereRaw(e.eq(.int(0)), Tensor.zerosLike(raw), raw)
            }
            if node.needsInputGrad(1) {
                let r = try node.savedTensor("result")
                let raw = try grad.mul(r.mul(s.log()))
                let zeroBase = try s.eq(.int(0)).logicalAnd(e.ge(.int(0)))
                ge = try Tensor.whereRaw(zeroBase, Tensor.zerosLike(raw), raw)
            }
            return [gs, ge]
        }
        return out
    }

    /// `base ** self` for a number base: PowBackward2.
    public func rpow(_ base: Scalar) throws -> Tensor {
        let out = try Tensor.binaryRaw(.wrapped(base), self, .pow)
        record("PowBackward2", inputs: [self], outputs: [out],
               formula: "grad_exponent = grad * result * log(self)",
               save: { node in
                   node.save("exponent", self); node.save("self", .scalar(base))
                   node.save("result", out, isOutput: true)
               }) { node, g in
            guard let grad = g[0] else { return [nil] }
            let r = try node.savedTensor("result")
            if base.doubleValue == 0 {
                let e = try node.savedTensor("exponent")
                let raw = try grad.mul(r).mul(.double(-Double.infinity))
                return [try Tensor.whereRaw(e.ge(.int(0)), Tensor.zerosLike(raw), raw)]
            }
            return [try grad.mul(r).mul(.double(Swift.Double.log(base.doubleValue)))]
        }
        return out
    }

    /// PyTorch's `alpha_check`: integer inputs take no float alpha, bools only a bool alpha.
    static func checkAlpha(_ a: Tensor, _ b: Tensor, _ alpha: Scalar) throws {
        let dt = resultType([a, b])
        if case .double = alpha, !dt.isFloatingPoint {
            throw TorchError.runtime("For integral input tensors, argument alpha must not be a floating point number.")
        }
        if dt == .bool, case .int(let v) = alpha, v != 1 {
            throw TorchError.runtime("Boolean alpha only supported for Boolean results.")
        }
    }

    /// `sum_to`: sums a broadcast gradient back to `shape` (leading dims and size-1 dims).
    public func sumTo(_ shape: [Int]) throws -> Tensor {
        if self.shape == shape { return self }
        let lead = ndim - shape.count
        guard lead >= 0 else { return self }
        var dims: [Int] = Array(0..<lead)
        for (i, s) in shape.enumerated() where s == 1 && self.shape[lead + i] != 1 { dims.append(lead + i) }
        var r = dims.isEmpty ? self : try sum(dims: dims, keepdim: true)
        if lead > 0 { r = try r.view(shape) }
        return r
    }
}

// MARK: Operators

/// `a + b`.
public func + (a: Tensor, b: Tensor) throws -> Tensor { try a.add(b) }
/// `a + number`.
public func + (a: Tensor, b: Scalar) throws -> Tensor { try a.add(b) }
/// `number + a`.
public func + (a: Scalar, b: Tensor) throws -> Tensor { try b.add(a) }
/// `a - b`.
public func - (a: Tensor, b: Tensor) throws -> Tensor { try a.sub(b) }
/// `a - number`.
public func - (a: Tensor, b: Scalar) throws -> Tensor { try a.sub(b) }
/// `number - a`.
public func - (a: Scalar, b: Tensor) throws -> Tensor { try b.rsub(a) }
/// `a * b`.
public func * (a: Tensor, b: Tensor) throws -> Tensor { try a.mul(b) }
/// `a * number`.
public func * (a: Tensor, b: Scalar) throws -> Tensor { try a.mul(b) }
/// `number * a`.
public func * (a: Scalar, b: Tensor) throws -> Tensor { try b.mul(a) }
/// `a / b`.
public func / (a: Tensor, b: Tensor) throws -> Tensor { try a.div(b) }
/// `a / number`.
public func / (a: Tensor, b: Scalar) throws -> Tensor { try a.div(b) }
/// `number / a`.
public func / (a: Scalar, b: Tensor) throws -> Tensor { try b.rdiv(a) }
/// `-a`.
public prefix func - (a: Tensor) throws -> Tensor { try a.neg() }
