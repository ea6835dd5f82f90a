import Testing
@testable import Autograd

/// The grad_fn tree as PyTorch's `name()` / `next_functions` would spell it, with `None` for
/// inputs that need no grad.
private func tree(_ node: Node?) -> String {
    guard let node else { return "None" }
    let kids = node.nextEdges.map { tree($0.node) }
    return kids.isEmpty ? node.name : "\(node.name)(\(kids.joined(separator: ", ")))"
}

private func logits() throws -> Tensor {
    try Tensor.from([2, 0.5, -1, 0.1, 0.2, 0.3, -0.5, 1.5, 0, 1, 1, 1], shape: [4, 3], dtype: .float32).requiresGrad_()
}

/// Trees that PyTorch 2.15 builds for `F.cross_entropy` (recorded from its `grad_fn` chains).
@Suite struct SoftmaxLossTreeTests {
    let nll = "NllLossBackward0(LogSoftmaxBackward0(AccumulateGrad))"

    @Test(arguments: [Reduction.none, .sum, .mean])
    func classIndexTargets(reduction: Reduction) throws {
        let x = try logits()
        let target = try Tensor.from(ints: [0, -100, 1, 1])
        let weight = try Tensor.from([1, 2, 0.5], dtype: .float32)
        for w in [nil, weight] {
            let plain = try Tensor.crossEntropy(x, target, weight: w, reduction: reduction)
            #expect(tree(plain.gradFn) == nll)
            let smooth = try Tensor.crossEntropy(x, target, weight: w, reduction: reduction, labelSmoothing: 0.1)
            var rest = "SumBackward1(\(w == nil ? "LogSoftmaxBackward0(AccumulateGrad)" : "MulBackward0(LogSoftmaxBackward0(AccumulateGrad), None)"))"
            rest = "MaskedFillBackward0(NegBackward0(\(rest)))"
            if reduction == .sum { rest = "SumBackward0(\(rest))" }
            if reduction == .mean { rest = "DivBackward0(SumBackward0(\(rest)), None)" }
            #expect(tree(smooth.gradFn) == "AddBackward0(MulBackward1(\(nll)), MulBackward1(\(rest)))")
            // The blend factors are saved as numbers.
            let blend = try #require(smooth.gradFn?.nextEdges.first?.node)
            if case .double(let v)? = blend.savedValue("other") { #expect(v == 0.9) } else { Issue.record("no _saved_other") }
        }
    }

    @Test(arguments: [Reduction.none, .sum, .mean])
    func probabilityTargets(reduction: Reduction) throws {
        let x = try logits()
        let target = try Tensor.from([0.7, 0.2, 0.1, 0.1, 0.1, 0.8, 0.3, 0.3, 0.4, 0, 1, 0], shape: [4, 3], dtype: .float32)
        let weight = try Tensor.from([1, 2, 0.5], dtype: .float32)
        for w in [nil, weight] {
            for smoothing in [0.0, 0.1] {
                let loss = try Tensor.crossEntropy(x, target, weight: w, reduction: reduction, labelSmoothing: smoothing)
                var inner = "LogSoftmaxBackward0(AccumulateGrad)"
                if w != nil { inner = "MulBackward0(\(inner), None)" }
                let summed = "NegBackward0(\(reduction == .none ? "SumBackward1" : "SumBackward0")(MulBackward0(\(inner), None)))"
                #expect(tree(loss.gradFn) == (reduction == .mean ? "DivBackward1(\(summed))" : summed))
                if reduction == .mean {
                    if case .int(let n)? = loss.gradFn?.savedValue("other") { #expect(n == 4) } else { Issue.record("no _saved_other") }
                }
            }
        }
    }

    @Test func versionMessageNamesTheForwardOp() throws {
        #expect(SavedTensor.messageName("ExpBackward0") == "Exp")
        #expect(SavedTensor.messageName("SoftmaxBackward0") == "Softmax")
        #expect(SavedTensor.messageName("CopySlices") == "torch::autograd::CopySlices")
        #expect(SavedTensor.messageName("MyFunctionBackward") == "MyFunctionBackward")
        // A saved input reports the node that produces it after the in-place op.
        let a = try Tensor.from([1, 1, 1], dtype: .float32).requiresGrad_()
        let b = try a.mul(.int(2))
        let c = try b.mul(b).sum()
        try b.add_(.int(1))
        var message = ""
        do { try c.backward() } catch { message = "\(error)" }
        #expect(message.contains("which is output 0 of Add, is at version 1; expected version 0 instead."))
    }
}
