// `torch.autograd.gradcheck`: the Jacobian from backward against central finite differences.
import Autograd
import MiniPy

enum GradcheckBindings {
    static func install(_ ns: TorchNamespaces) {
        ns.define(ns.autograd, "_gradcheck") { interp, args, kwargs in
            let bound = try NativeArguments("_gradcheck", args, kwargs,
                                            names: ["func", "inputs", "eps", "atol", "rtol"], required: 2)
            let inputs = try interp.toArray(bound["inputs"] ?? .none)
            let eps = try bound["eps"].map { try doubleArgument($0, "eps") } ?? 1e-6
            let atol = try bound["atol"].map { try doubleArgument($0, "atol") } ?? 1e-5
            let rtol = try bound["rtol"].map { try doubleArgument($0, "rtol") } ?? 1e-3
            return try check(interp, bound["func"] ?? .none, inputs, eps: eps, atol: atol, rtol: rtol)
        }
    }

    /// The tensors a call of `fn` returned (a tensor or a sequence holding tensors).
    private static func outputs(_ interp: Interpreter, _ fn: Value, _ inputs: [Value]) throws -> [Tensor] {
        let r = try interp.call(fn, inputs)
        if let t = asTensor(r) { return [t] }
        return try interp.toArray(r).compactMap(asTensor)
    }

    /// None when every Jacobian matches, else PyTorch's mismatch message.
    static func check(_ interp: Interpreter, _ fn: Value, _ inputs: [Value],
                      eps: Double, atol: Double, rtol: Double) throws -> Value {
        let outs = try GradMode.enableGrad { try outputs(interp, fn, inputs) }
        for (i, input) in inputs.enumerated() {
            guard let x = asTensor(input), x.requiresGrad else { continue }
            let n = x.count
            let base = x.doubleValues()
            // numerical[o][j * outCount + k]: d out_o[k] / d x[j]
            var numerical = outs.map { [Double](repeating: 0, count: n * $0.count) }
            for j in 0..<n {
                var shifted = inputs
                var plus = base
                plus[j] += eps
                shifted[i] = wrap(try rethrowingTorch { try Tensor.from(plus, shape: x.shape, dtype: x.dtype) })
                let up = try GradMode.noGrad { try outputs(interp, fn, shifted) }
                var minus = base
                minus[j] -= eps
                shifted[i] = wrap(try rethrowingTorch { try Tensor.from(minus, shape: x.shape, dtype: x.dtype) })
                let down = try GradMode.noGrad { try outputs(interp, fn, shifted) }
                for o in outs.indices where o < up.count && o < down.count {
                    let a = up[o].doubleValues(), b = down[o].doubleValues()
                    for k in a.indices where k < b.count {
                        numerical[o][j * outs[o].count + k] = (a[k] - b[k]) / (2 * eps)
                    }
                }
            }
            for (o, out) in outs.enumerated() {
                var analytical = [Double](repeating: 0, count: n * out.count)
                if out.requiresGrad {
                    for k in 0..<out.count {
                        var onehot = [Double](repeating: 0, count: out.count)
                        onehot[k] = 1
                        let seed = try rethrowingTorch { try Tensor.from(onehot, shape: out.shape, dtype: out.dtype) }
                        let g = try rethrowingTorch {
                            try Autograd.grad(outputs: [out], inputs: [x], gradOutputs: [seed],
                                              retainGraph: true, allowUnused: true)
                        }
                        if let column = g.first ?? nil {
                            for (j, v) in column.doubleValues().enumerated() where j < n {
                                analytical[j * out.count + k] = v
                            }
                        }
                    }
                }
                let matches = zip(analytical, numerical[o]).allSatisfy { a, b in
                    Swift.abs(a - b) <= atol + rtol * Swift.abs(b)
                }
                if !matches {
                    let shape = [n, out.count]
                    let num = try rethrowingTorch { try Tensor.from(numerical[o], shape: shape, dtype: x.dtype) }
                    let ana = try rethrowingTorch { try Tensor.from(analytical, shape: shape, dtype: x.dtype) }
                    return .str("Jacobian mismatch for output \(o) with respect to input \(i),\nnumerical:\(try interp.repr(wrap(num)))\nanalytical:\(try interp.repr(wrap(ana)))\n")
                }
            }
        }
        return .none
    }
}
