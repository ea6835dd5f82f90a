/// mm / addmm / bmm / matmul / dot / mv / outer / linear.

extension Tensor {
    private static func checkMatmulDTypes(_ a: Tensor, _ b: Tensor) throws {
        guard a.dtype == b.dtype else {
            throw TorchError.runtime("expected m1 and m2 to have the same dtype, but got: \(a.dtype.cTypeName) != \(b.dtype.cTypeName)")
        }
    }

    /// Raw 2-D product.
    static func mmRaw(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.ndim == 2 else { throw TorchError.runtime("self must be a matrix") }
        guard b.ndim == 2 else { throw TorchError.runtime("mat2 must be a matrix") }
        guard a.shape[1] == b.shape[0] else {
            throw TorchError.runtime("mat1 and mat2 shapes cannot be multiplied (\(a.shape[0])x\(a.shape[1]) and \(b.shape[0])x\(b.shape[1]))")
        }
        try checkMatmulDTypes(a, b)
        let out = try Tensor(checkedShape: [a.shape[0], b.shape[1]], dtype: a.dtype, zeroed: !a.dtype.isFloatingPoint || a.shape[1] == 0)
        Gemm.gemm(a, b, into: out)
        return out
    }

    /// `mm(mat2)`: MmBackward0.
    public func mm(_ mat2: Tensor) throws -> Tensor {
        let out = try Tensor.mmRaw(self, mat2)
        if !Tensor.needsGraph(self, mat2) { return out }
        record("MmBackward0", inputs: [self, mat2], outputs: [out],
               formula: "grad_self = grad.mm(mat2.t()), grad_mat2 = self.t().mm(grad)",
               save: { node in
                   node.saveProductFactor("mat2", mat2, input: 1, otherInput: 0)
                   node.saveProductFactor("self", self, input: 0, otherInput: 1)
               }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let ga = node.needsInputGrad(0) ? try grad.mm(node.savedTensor("mat2").t()) : nil
            let gb = node.needsInputGrad(1) ? try node.savedTensor("self").t().mm(grad) : nil
            return [ga, gb]
        }
        return out
    }

    /// `torch.addmm(self, mat1, mat2, beta=, alpha=)`: AddmmBackward0. As PyTorch, the
    /// product is accumulated by GEMM onto the broadcast bias.
    public static func addmm(_ bias: Tensor, _ mat1: Tensor, _ mat2: Tensor,
                             beta: Scalar = .int(1), alpha: Scalar = .int(1)) throws -> Tensor {
        guard mat1.ndim == 2 else { throw TorchError.runtime("mat1 must be a matrix, got \(mat1.ndim)-D tensor") }
        guard mat2.ndim == 2 else { throw TorchError.runtime("mat2 must be a matrix, got \(mat2.ndim)-D tensor") }
        guard mat1.shape[1] == mat2.shape[0] else {
            throw TorchError.runtime("mat1 and mat2 shapes cannot be multiplied (\(mat1.shape[0])x\(mat1.shape[1]) and \(mat2.shape[0])x\(mat2.shape[1]))")
        }
        try checkMatmulDTypes(mat1, mat2)
        let outShape = [mat1.shape[0], mat2.shape[1]]
        let out = try Tensor(checkedShape: outShape, dtype: mat1.dtype, zeroed: false)
        let expanded: Tensor
        do { expanded = try GradMode.noGrad { try bias.detach().expand(outShape) } } catch {
            throw TorchError.runtime("The expanded size of the tensor (\(outShape.last ?? 0)) must match the existing size (\(bias.shape.last ?? 0)) at non-singleton dimension \(Swift.max(bias.ndim - 1, 0)).  Target sizes: \(shapeString(outShape)).  Tensor sizes: \(shapeString(bias.shape))")
        }
        out.copyElements(from: expanded)
        Gemm.gemm(mat1, mat2, into: out, alpha: alpha.doubleValue, beta: beta.doubleValue)
        if !(Tensor.needsGraph(mat1, mat2) || Tensor.needsGraph(bias)) { return out }
        record("AddmmBackward0", inputs: [bias, mat1, mat2], outputs: [out],
               formula: "grad_self = grad * beta, grad_mat1 = grad.mm(mat2.t()) * alpha, grad_mat2 = mat1.t().mm(grad) * alpha",
               save: { node in
                   node.save("alpha", .scalar(alpha)); node.save("beta", .scalar(beta))
                   node.saveProductFactor("mat1", mat1, input: 1, otherInput: 2)
                   node.saveProductFactor("mat2", mat2, input: 2, otherInput: 1)
               }) { node, g in
            guard let grad = g[0] else { return [nil, nil, nil] }
            let gb = node.needsInputGrad(0) ? (beta == .int(1) ? grad : try grad.mul(beta)) : nil
            var g1: Tensor?, g2: Tensor?
            if node.needsInputGrad(1) {
                g1 = try grad.mm(node.savedTensor("mat2").t())
                if alpha != .int(1) { g1 = try g1?.mul(alpha) }
            }
            if node.needsInputGrad(2) {
                g2 = try node.savedTensor("mat1").t().mm(grad)
                if alpha != .int(1) { g2 = try g2?.mul(alpha) }
            }
            return [gb, g1, g2]
        }
        return out
    }

    /// `bmm(mat2)`: BmmBackward0 for (b, n, m) · (b, m, p).
    public func bmm(_ mat2: Tensor) throws -> Tensor {
        guard ndim == 3 else { throw TorchError.runtime("batch1 must be a 3D tensor") }
        guard mat2.ndim == 3 else { throw TorchError.runtime("batch2 must be a 3D tensor") }
        guard shape[0] == mat2.shape[0] else {
            throw TorchError.runtime("batch1 and batch2 must have same number of batches, got \(shape[0]) and \(mat2.shape[0])")
        }
        guard shape[2] == mat2.shape[1] else {
            throw TorchError.runtime("Expected size for first two dimensions of batch2 tensor to be: [\(shape[0]), \(shape[2])] but got: [\(mat2.shape[0]), \(mat2.shape[1])].")
        }
        try Tensor.checkMatmulDTypes(self, mat2)
        let b = shape[0], n = shape[1], p = mat2.shape[2]
        let out = try Tensor(checkedShape: [b, n, p], dtype: dtype, zeroed: true)
        for i in 0..<b {
            let a = makeView([n, shape[2]], [strides[1], strides[2]], offset + i * strides[0])
            let c = mat2.makeView([mat2.shape[1], p], [mat2.strides[1], mat2.strides[2]], mat2.offset + i * mat2.strides[0])
            Gemm.gemm(a, c, into: out, cOffset: i * n * p)
        }
        record("BmmBackward0", inputs: [self, mat2], outputs: [out],
               formula: "grad_self = grad.bmm(mat2.transpose(1, 2)), grad_mat2 = self.transpose(1, 2).bmm(grad)",
               save: { node in
                   node.save("mat2", mat2, when: node.needsInputGrad(0))
                   node.save("self", self, when: node.needsInputGrad(1))
               }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let ga = node.needsInputGrad(0) ? try grad.bmm(node.savedTensor("mat2").transpose(1, 2)) : nil
            let gb = node.needsInputGrad(1) ? try node.savedTensor("self").transpose(1, 2).bmm(grad) : nil
            return [ga, gb]
        }
        return out
    }

    /// `dot(other)`: DotBackward0 for two 1-D tensors.
    public func dot(_ other: Tensor) throws -> Tensor {
        guard ndim == 1 && other.ndim == 1 else {
            throw TorchError.runtime("1D tensors expected, but got \(ndim)D and \(other.ndim)D tensors")
        }
        guard count == other.count else {
            throw TorchError.runtime("inconsistent tensor size, expected tensor [\(count)] and src [\(other.count)] to have the same number of elements, but got \(count) and \(other.count) elements respectively")
        }
        try Tensor.checkMatmulDTypes(self, other)
        let r = try Tensor.mmRaw(makeView([1, count], [0, strides[0]], offset),
                                 other.makeView([other.count, 1], [other.strides[0], 0], other.offset))
        let out = r.detach()
        out.shape = []; out.strides = []
        record("DotBackward0", inputs: [self, other], outputs: [out],
               formula: "grad_self = grad * tensor, grad_tensor = grad * self",
               save: { node in
                   node.save("self", self, when: node.needsInputGrad(1))
                   node.save("tensor", other, when: node.needsInputGrad(0))
               }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let ga = node.needsInputGrad(0) ? try grad.mul(node.savedTensor("tensor")) : nil
            let gb = node.needsInputGrad(1) ? try grad.mul(node.savedTensor("self")) : nil
            return [ga, gb]
        }
        return out
    }

    /// `mv(vec)`: MvBackward0.
    public func mv(_ vec: Tensor) throws -> Tensor {
        guard ndim == 2 && vec.ndim == 1 else {
            throw TorchError.runtime("vector + matrix @ vector expected, got 1, \(ndim), \(vec.ndim)")
        }
        guard shape[1] == vec.shape[0] else {
            throw TorchError.runtime("size mismatch, got input (\(shape[0])), mat (\(shape[0])x\(shape[1])), vec (\(vec.shape[0]))")
        }
        let r = try Tensor.mmRaw(self, vec.makeView([vec.count, 1], [vec.strides[0], 0], vec.offset))
        let out = r.detach()
        out.shape = [shape[0]]; out.strides = [1]
        record("MvBackward0", inputs: [self, vec], outputs: [out],
               formula: "grad_self = grad.ger(vec), grad_vec = self.t().mv(grad)",
               save: { node in
                   node.save("vec", vec, when: node.needsInputGrad(0))
                   node.save("self", self, when: node.needsInputGrad(1))
               }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let ga = node.needsInputGrad(0) ? try grad.outer(node.savedTensor("vec")) : nil
            let gb = node.needsInputGrad(1) ? try node.savedTensor("self").t().mv(grad) : nil
            return [ga, gb]
        }
        return out
    }

    /// `outer(vec2)`: `self.reshape(-1, 1) * vec2`, as PyTorch composes it.
    public func outer(_ vec2: Tensor) throws -> Tensor {
        guard ndim == 1 && vec2.ndim == 1 else {
            throw TorchError.runtime("outer: Expected 1-D argument self, but got \(ndim)-D")
        }
        return try reshape([count, 1]).mul(vec2)
    }

    /// `matmul(other)` / `@` with PyTorch's dimension cases.
    public func matmul(_ other: Tensor) throws -> Tensor {
        let d1 = ndim, d2 = other.ndim
        guard d1 > 0 && d2 > 0 else {
            throw TorchError.runtime("both arguments to matmul need to be at least 1D, but they are \(d1)D and \(d2)D")
        }
        if d1 == 1 && d2 == 1 { return try dot(other) }
        if d1 == 2 && d2 == 1 { return try mv(other) }
        if d1 == 1 && d2 == 2 { return try unsqueeze(0).mm(other).squeeze(0) }
        if d1 == 2 && d2 == 2 { return try mm(other) }
        if d1 >= 3 && (d2 == 1 || d2 == 2) {
            // Fold the batch dims into rows and use one mm.
            let k = shape[d1 - 1]
            let rhs = d2 == 1 ? try other.unsqueeze(1) : other
            if shape[d1 - 1] != rhs.shape[0] {
                throw TorchError.runtime("mat1 and mat2 shapes cannot be multiplied (\(count / Swift.max(k, 1))x\(k) and \(rhs.shape[0])x\(rhs.shape[1]))")
            }
            let folded = try reshape([-1, k]).mm(rhs)
            var outShape = Array(shape[..<(d1 - 1)])
            if d2 == 2 { outShape.append(other.shape[1]) }
            return try folded.view(outShape)
        }
        // Batched: broadcast batch dims, then bmm.
        let a = d1 == 1 ? try unsqueeze(0) : self
        let b = d2 == 1 ? try other.unsqueeze(-1) : other
        let n = a.shape[a.ndim - 2], k = a.shape[a.ndim - 1]
        let k2 = b.shape[b.ndim - 2], p = b.shape[b.ndim - 1]
        guard k == k2 else {
            throw TorchError.runtime("Expected size for first two dimensions of batch2 tensor to be: [\(a.count / Swift.max(n * k, 1)), \(k)] but got: [\(b.count / Swift.max(k2 * p, 1)), \(k2)].")
        }
        let batchA = Array(a.shape[..<(a.ndim - 2)]), batchB = Array(b.shape[..<(b.ndim - 2)])
        let batch = try ShapeUtil.broadcast(batchA, batchB)
        let nb = shapeProduct(batch)
        let ea = try a.expand(batch + [n, k]).reshape([nb, n, k])
        let eb = try b.expand(batch + [k, p]).reshape([nb, k, p])
        var outShape = batch
        if d1 > 1 { outShape.append(n) }
        if d2 > 1 { outShape.append(p) }
        return try ea.bmm(eb).view(outShape)
    }

    /// `F.linear(input, weight, bias)`: `addmm(bias, x, weight.t())` for 2-D input with bias,
    /// else `matmul(x, weight.t())` plus bias.
    public static func linear(_ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil) throws -> Tensor {
        if input.ndim == 2, let bias {
            return try addmm(bias, input, weight.t())
        }
        // PyTorch folds a contiguous 3-D input into rows for one addmm, then views it back.
        if input.ndim == 3, input.isContiguous, let bias {
            let rows = try input.reshape([input.shape[0] * input.shape[1], input.shape[2]])
            let out = try addmm(bias, rows, weight.t())
            return try out.view([input.shape[0], input.shape[1], out.shape[1]])
        }
        let out = try input.matmul(weight.t())
        if let bias { return try out.add(bias) }
        return out
    }
}

/// `a @ b` spelled as a function (Swift has no `@` operator).
public func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor { try a.matmul(b) }

private extension FunctionNode {
    /// One factor of a matrix product, saved as PyTorch saves it: the tensor only when the
    /// other factor's gradient reads it, its sizes always, its strides only for its own
    /// gradient (else an empty tuple).
    func saveProductFactor(_ name: String, _ factor: Tensor, input: Int, otherInput: Int) {
        save(name, factor, when: needsInputGrad(otherInput))
        save(name + "_sym_sizes", .ints(factor.shape))
        save(name + "_sym_strides", .ints(needsInputGrad(input) ? factor.strides : []))
    }
}
