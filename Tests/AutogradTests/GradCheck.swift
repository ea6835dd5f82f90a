@testable import Autograd

/// Finite-difference gradient check in float64: compares the backward pass of
/// `sum(f(inputs) * W)` (W fixed, non-uniform) with central differences.
struct GradCheck {
    var eps = 1e-6
    var atol = 1e-5
    var rtol = 1e-4

    /// Returns nil when analytic and numerical gradients agree, else a description.
    func check(_ inputs: [Tensor], _ f: ([Tensor]) throws -> Tensor) throws -> String? {
        let out = try f(inputs)
        let weights = try Tensor.from((0..<out.count).map { 0.5 + Double($0 % 7) * 0.25 }, shape: out.shape, dtype: .float64)
        let loss = try out.to(.float64).mul(weights).sum()
        let analytic = try Autograd.grad(outputs: [loss], inputs: inputs, allowUnused: true)
        for (i, x) in inputs.enumerated() {
            let p = x.storage.typed(Double.self)
            let a = analytic[i]?.doubleValues() ?? [Double](repeating: 0, count: x.count)
            for j in 0..<x.count {
                let o = x.offset + j
                let saved = p[o]
                p[o] = saved + eps
                let up = try GradMode.noGrad { try f(inputs).to(.float64).mul(weights).sum().item().doubleValue }
                p[o] = saved - eps
                let down = try GradMode.noGrad { try f(inputs).to(.float64).mul(weights).sum().item().doubleValue }
                p[o] = saved
                let numeric = (up - down) / (2 * eps)
                if Swift.abs(numeric - a[j]) > atol + rtol * Swift.abs(numeric) {
                    return "input \(i) element \(j): analytic \(a[j]) numeric \(numeric)"
                }
            }
        }
        return nil
    }
}

/// A float64 leaf with distinct deterministic values; `positive` keeps them in [0.2, 1.7].
func leaf64(_ shape: [Int], seed: Double = 0, positive: Bool = false) throws -> Tensor {
    let t = try sample(shape, seed: seed, dtype: .float64)
    let out = positive ? try t.abs().add(.double(0.2)) : t
    let l = out.detach().clone_raw()
    try l.setRequiresGrad(true)
    return l
}
