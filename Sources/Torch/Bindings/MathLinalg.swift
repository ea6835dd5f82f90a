// Matrix products (matmul, mm, bmm, dot, mv, outer, addmm) and einsum.
import Autograd
import MiniPy

/// Linear-algebra natives.
enum MathLinalg {
    static func install(_ ns: TorchNamespaces) {
        let products: [(String, String, (Tensor, Tensor) throws -> Tensor)] = [
            ("matmul", "other", { try $0.matmul($1) }), ("mm", "mat2", { try $0.mm($1) }),
            ("bmm", "mat2", { try $0.bmm($1) }), ("dot", "tensor", { try $0.dot($1) }),
            ("inner", "other", { try $0.dot($1) }), ("mv", "vec", { try $0.mv($1) }),
            ("outer", "vec2", { try $0.outer($1) }), ("ger", "vec2", { try $0.outer($1) }),
        ]
        for (name, otherName, op) in products {
            MathFunctions.both(ns, name) { _, args, kwargs in
                let t = try selfTensor(args, name)
                let other = try requiredTensor(args, kwargs, 1, otherName, name)
                return try finish(try rethrowingTorch { try op(t, other) }, kwargs)
            }
        }
        MathFunctions.both(ns, "addmm") { _, args, kwargs in
            let bias = try selfTensor(args, "addmm")
            let mat1 = try requiredTensor(args, kwargs, 1, "mat1", "addmm")
            let mat2 = try requiredTensor(args, kwargs, 2, "mat2", "addmm")
            let beta = try presentArgument([], kwargs, 0, "beta").map { try scalarArgument($0, "beta") } ?? .int(1)
            let alpha = try presentArgument([], kwargs, 0, "alpha").map { try scalarArgument($0, "alpha") } ?? .int(1)
            return try finish(try rethrowingTorch { try Tensor.addmm(bias, mat1, mat2, beta: beta, alpha: alpha) }, kwargs)
        }
        ns.torch.define("einsum") { interp, args, _ in
            guard case .str(let equation)? = args.first else {
                throw PyErr.typeError("einsum(): argument 'equation' (position 1) must be str, not \(args.first?.typeName ?? "nothing")")
            }
            var operands = Array(args.dropFirst())
            if operands.count == 1, case .object(let o) = operands[0], o is PyList || o is PyTuple {
                operands = try interp.toArray(operands[0])
            }
            let tensors = try operands.enumerated().map { i, v in try tensorArgument(v, "operands[\(i)]", function: "einsum") }
            return wrap(try rethrowingTorch { try einsum(equation, tensors) })
        }
    }

    /// `torch.einsum` for one or two operands without ellipses: common matrix forms use the
    /// matrix kernels; the rest line operands up on a shared letter order, multiply, and sum.
    static func einsum(_ equation: String, _ operands: [Tensor]) throws -> Tensor {
        let compact = equation.filter { $0 != " " }
        // "->" splits inputs from output; ">" appears nowhere else in an equation.
        let sides = compact.split(separator: ">", omittingEmptySubsequences: false).enumerated().map { i, part in
            i == 0 && part.hasSuffix("-") ? String(part.dropLast()) : String(part)
        }
        guard sides.count <= 2, !compact.contains(".") else {
            throw PyErr.runtimeError("einsum(): gradstep supports equations without '...'")
        }
        let inputs = sides[0].split(separator: ",", omittingEmptySubsequences: false).map { Array($0) }
        guard inputs.count == operands.count else {
            throw PyErr.runtimeError("einsum(): more operands were provided than specified in the equation")
        }
        guard operands.count == 1 || operands.count == 2 else {
            throw PyErr.runtimeError("einsum(): gradstep supports one or two operands")
        }
        for (letters, t) in zip(inputs, operands) {
            guard letters.count == t.ndim else {
                throw PyErr.runtimeError("einsum(): the number of subscripts in the equation (\(letters.count)) does not match the number of dimensions (\(t.ndim)) for operand \(inputs.firstIndex(of: letters) ?? 0) and no ellipsis was given")
            }
            guard Set(letters).count == letters.count else {
                throw PyErr.runtimeError("einsum(): repeated subscripts within one operand are not supported by gradstep")
            }
        }
        let output: [Character]
        if sides.count == 2 {
            output = Array(sides[1])
        } else {
            var counts: [Character: Int] = [:]
            for letters in inputs { for c in letters { counts[c, default: 0] += 1 } }
            output = counts.filter { $0.value == 1 }.map(\.key).sorted()
        }
        let spec = inputs.map { String($0) }.joined(separator: ",") + "->" + String(output)
        if operands.count == 2 {
            let a = operands[0], b = operands[1]
            switch spec {
            case "ij,jk->ik": return try a.mm(b)
            case "ij,kj->ik": return try a.mm(b.t())
            case "ji,jk->ik": return try a.t().mm(b)
            case "bij,bjk->bik": return try a.bmm(b)
            case "i,i->": return try a.dot(b)
            case "i,j->ij": return try a.outer(b)
            case "ij,j->i": return try a.mv(b)
            default: break
            }
        }
        var order = output
        for letters in inputs { for c in letters where !order.contains(c) { order.append(c) } }
        var sizes = [Int](repeating: 1, count: order.count)
        var aligned: [Tensor] = []
        for (letters, t) in zip(inputs, operands) {
            let positions = letters.map { order.firstIndex(of: $0) ?? 0 }
            let dimsInOrder = positions.indices.sorted { positions[$0] < positions[$1] }
            var shape = [Int](repeating: 1, count: order.count)
            for (d, p) in zip(letters.indices, positions) {
                shape[p] = t.shape[d]
                if sizes[p] != 1 && t.shape[d] != 1 && sizes[p] != t.shape[d] {
                    throw PyErr.runtimeError("einsum(): operands do not broadcast with remapped shapes (original->remapped)")
                }
                sizes[p] = Swift.max(sizes[p], t.shape[d])
            }
            aligned.append(try t.permute(dimsInOrder).reshape(shape))
        }
        var product = aligned[0]
        if aligned.count == 2 { product = try product.mul(aligned[1]) }
        let contracted = Array(output.count..<order.count)
        if contracted.isEmpty { return product }
        return try product.sum(dims: contracted)
    }
}
