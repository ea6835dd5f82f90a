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
                let kernel = name == "matmul" ? "mm" : name
                return try finish(try NNFunctions.namingKernel(kernel) { try op(t, other) }, kwargs)
            }
        }
        MathFunctions.both(ns, "addmm") { _, args, kwargs in
            let bias = try selfTensor(args, "addmm")
            let mat1 = try requiredTensor(args, kwargs, 1, "mat1", "addmm")
            let mat2 = try requiredTensor(args, kwargs, 2, "mat2", "addmm")
            let beta = try presentArgument([], kwargs, 0, "beta").map { try scalarArgument($0, "beta") } ?? .int(1)
            let alpha = try presentArgument([], kwargs, 0, "alpha").map { try scalarArgument($0, "alpha") } ?? .int(1)
            return try finish(try NNFunctions.namingKernel("addmm") {
                try Tensor.addmm(bias, mat1, mat2, beta: beta, alpha: alpha)
            }, kwargs)
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

    /// `torch.einsum`: the common two-operand matrix forms run on the matrix kernels (GEMM)
    /// and end in a view, as PyTorch's einsum does (so the result shows ViewBackward0);
    /// everything else goes to the engine's general einsum.
    static func einsum(_ equation: String, _ operands: [Tensor]) throws -> Tensor {
        let spec = equation.filter { $0 != " " }
        if operands.count == 2 {
            let a = operands[0], b = operands[1]
            switch spec {
            case "ij,jk->ik" where a.ndim == 2 && b.ndim == 2:
                let r = try a.mm(b)
                return try r.view(r.shape)
            case "ij,kj->ik" where a.ndim == 2 && b.ndim == 2:
                let r = try a.mm(b.t())
                return try r.view(r.shape)
            case "bij,bjk->bik" where a.ndim == 3 && b.ndim == 3:
                let r = try a.bmm(b)
                return try r.view(r.shape)
            default: break
            }
        }
        return try Tensor.einsum(spec, operands)
    }
}
