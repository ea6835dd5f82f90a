import Testing
@testable import Autograd

/// Programs from the PyTorch reference set (`reference/programs/*.py`), rebuilt through the
/// Swift API; expected numbers are what real PyTorch printed in the matching `.out` files.
@Suite struct PyTorchProgramTests {
    /// `value` rounded to `digits` decimals, as Python's `f"{value:.6f}"` / `round` print it.
    func rounded(_ value: Double, _ digits: Int) -> Double {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    func values(_ t: Tensor?, digits: Int) -> [Double] {
        (t?.doubleValues() ?? []).map { rounded($0, digits) }
    }

    /// p01_autograd_basics.
    @Test func autogradBasics() throws {
        let x = try Tensor.from([1, 2, 3]).requiresGrad_()
        let w = try Tensor.from([0.5, -1, 2]).requiresGrad_()
        let y = try (x * w).sum()
        #expect(try y.item() == .double(4.5))
        #expect(y.gradFn?.name == "SumBackward0")
        #expect(y.gradFn?.nextEdges.map { $0.node?.name } == ["MulBackward0"])
        try y.backward()
        #expect(x.grad?.doubleValues() == [0.5, -1, 2])
        #expect(w.grad?.doubleValues() == [1, 2, 3])
        try (x * w).sum().backward()
        #expect(x.grad?.doubleValues() == [1, -2, 4])
        x.grad = nil
        let z = try x.pow(2) + 3 * x
        try z.sum().backward()
        #expect(x.grad?.doubleValues() == [5, 7, 9])
        #expect(z.gradFn?.name == "AddBackward0")
    }

    /// p04_cross_entropy.
    @Test func crossEntropy() throws {
        let logits = try Tensor.from([2, 0.5, -1, 0.1, 0.2, 0.3, -0.5, 1.5, 0, 1, 1, 1], shape: [4, 3]).requiresGrad_()
        let target = try Tensor.from(ints: [0, 2, 1, 1])
        let ce = try Tensor.crossEntropy(logits, target)
        let manual = try Tensor.nllLoss(logits.logSoftmax(dim: 1), target)
        #expect(rounded(try ce.item().doubleValue, 6) == 0.662056)
        #expect(rounded(try manual.item().doubleValue, 6) == 0.662056)
        let smooth = try Tensor.crossEntropy(logits, target, labelSmoothing: 0.1)
        #expect(rounded(try smooth.item().doubleValue, 6) == 0.731222)
        let weighted = try Tensor.crossEntropy(logits, target, weight: Tensor.from([1, 2, 0.5]))
        #expect(rounded(try weighted.item().doubleValue, 6) == 0.645858)
        try ce.backward()
        #expect(values(logits.grad, digits: 4) == [-0.0536, 0.0438, 0.0098, 0.0752, 0.0831, -0.1582,
                                                   0.0249, -0.0660, 0.0411, 0.0833, -0.1667, 0.0833])
        let sums = try logits.softmax(dim: 1).sum(dim: 1)
        #expect(values(sums, digits: 4) == [1, 1, 1, 1])
        #expect(sums.gradFn?.name == "SumBackward1")
    }

    /// p05_sgd_momentum, with the update loop of PyTorch's `_single_tensor_sgd`.
    @Test func sgdMomentum() throws {
        let w = try Tensor.from([1, -2]).requiresGrad_()
        let lr = 0.1, momentum = 0.9, weightDecay = 0.01
        var buf: Tensor?
        var printed: [(Double, [Double])] = []
        for _ in 0..<4 {
            let loss = try w.pow(2).sum() + w.getItem([.int(0)]) * w.getItem([.int(1)])
            w.grad = nil
            try loss.backward()
            try GradMode.noGrad {
                var grad = try #require(w.grad)
                grad = try grad.add(w, alpha: .double(weightDecay))
                if let b = buf {
                    try b.mul_(.double(momentum)).add_(grad, alpha: .double(1 - 0))
                } else {
                    buf = try grad.clone().detach()
                }
                try w.add_(#require(buf), alpha: .double(-lr))
            }
            printed.append((rounded(try loss.item().doubleValue, 6), values(w, digits: 6)))
        }
        #expect(printed.map { $0.0 } == [3.0, 2.184903, 1.193217, 0.580484])
        #expect(printed.map { $0.1 } == [[0.999, -1.698], [0.967101, -1.184802], [0.862485, -0.581489], [0.65312, -0.007876]])
        #expect(values(w.grad, digits: 4) == [1.1435, -0.3005])
    }

    /// p06_adam, with the update loop of PyTorch's `_single_tensor_adam` (Adam and AdamW).
    @Test(arguments: [("Adam", 0.628691, [0.7460, -0.2509, 1.2540, 1.7515]),
                      ("AdamW", 0.606110, [0.7315, -0.2410, 1.2203, 1.7048])])
    func adam(_ name: String, _ expectedLoss: Double, _ expectedW: [Double]) throws {
        let w = try Tensor.from([0.5, -0.5, 1.5, 2], shape: [2, 2]).requiresGrad_()
        let lr = 0.05, beta1 = 0.9, beta2 = 0.999, eps = 1e-8
        let weightDecay = name == "AdamW" ? 0.1 : 0
        let expAvg = Tensor.zerosLike(w), expAvgSq = Tensor.zerosLike(w)
        var loss = try Tensor.zeros([])
        for step in 1...5 {
            w.grad = nil
            loss = try w.sub(1.0).pow(2).mean()
            try loss.backward()
            try GradMode.noGrad {
                let grad = try #require(w.grad)
                if weightDecay != 0 { try w.mul_(.double(1 - lr * weightDecay)) }
                try expAvg.lerp_(grad, weight: .double(1 - beta1))
                try expAvgSq.mul_(.double(beta2)).addcmul_(grad, grad, value: .double(1 - beta2))
                let biasCorrection1 = 1 - Double.pow(beta1, Double(step))
                let biasCorrection2 = 1 - Double.pow(beta2, Double(step))
                let stepSize = lr / biasCorrection1
                let denom = try expAvgSq.sqrt().div(.double(biasCorrection2.squareRoot())).add_(.double(eps))
                try w.addcdiv_(expAvg, denom, value: .double(-stepSize))
            }
        }
        #expect(rounded(try loss.item().doubleValue, 6) == expectedLoss)
        #expect(values(w, digits: 4) == expectedW)
    }

    /// p14_focal_loss: a loss written from primitives.
    @Test func focalLoss() throws {
        let logits = try Tensor.from([3, 0.1, -1, 0.2, 0.1, 0, -2, 2.5, 0.3], shape: [3, 3]).requiresGrad_()
        let target = try Tensor.from(ints: [0, 2, 1])
        let logProb = try logits.logSoftmax(dim: -1)
        let prob = try logProb.exp()
        let focal = try Tensor.nllLoss(prob.rsub(.int(1)).pow(.double(2)).mul(logProb), target)
        let plain = try Tensor.crossEntropy(logits, target)
        #expect(rounded(try focal.item().doubleValue, 6) == 0.196538)
        #expect(rounded(try plain.item().doubleValue, 6) == 0.462584)
        #expect(focal.gradFn?.name == "NllLossBackward0")
        try focal.backward()
        let expected = [-3.1156e-04, 2.3375e-04, 7.7810e-05, 1.2172e-01, 1.1014e-01, -2.3186e-01,
                        1.1252e-04, -1.2349e-03, 1.1223e-03]
        let got = logits.grad?.doubleValues() ?? []
        #expect(got.count == expected.count)
        // PyTorch printed five significant digits.
        for (g, e) in zip(got, expected) { #expect(Swift.abs(g - e) <= Swift.abs(e) * 1e-4) }
    }
}
