import Testing
@testable import Autograd

/// Graphs are freed when their tensors go away (no reference cycles), and a small training
/// loop driven through the public API learns.
@Suite struct LifetimeTests {
    /// Builds a graph in a scope and returns weak references to its nodes and output.
    func buildAndDrop(_ body: (Tensor) throws -> Tensor) throws -> [() -> AnyObject?] {
        let x = try sample([3, 4], requiresGrad: true)
        let y = try body(x)
        var probes: [() -> AnyObject?] = []
        var stack: [Node] = y.gradFn.map { [$0] } ?? []
        while let n = stack.popLast() {
            weak let w = n
            probes.append { w }
            stack.append(contentsOf: n.nextEdges.compactMap { $0.node }.filter { !($0 is AccumulateGrad) })
        }
        weak let wy = y
        probes.append { wy }
        return probes
    }

    @Test func graphsAreFreed() throws {
        let graphs: [(Tensor) throws -> Tensor] = [
            { try $0.exp().sigmoid().tanh().relu().sum() },
            { let h = try $0.mul(2); try h.retainGrad(); return try h.pow($0).mean() },
            { try Tensor.crossEntropy($0, Tensor.from(ints: [0, 1, 3])) },
            { let h = try $0.clone(); try h.setItem([.int(0)], 1.0); try h.select(0, 1).mul_(2); return try h.sum() },
            { try Tensor.layerNorm($0, normalizedShape: [4]).std() },
            { let p = try $0.split(2, dim: 1); return try p[0].mul(p[1]).sum() },
        ]
        for g in graphs {
            let probes = try buildAndDrop { x in
                let out = try g(x)
                try out.backward(retainGraph: true)
                return out
            }
            #expect(probes.allSatisfy { $0() == nil })
        }
    }

    @Test func trainingLoopLearns() throws {
        // y = 2x0 - 3x1 + 1 with a linear layer and plain SGD.
        let x = try sample([16, 2], seed: 0.4)
        let y = try x.matmul(Tensor.from([2, -3], shape: [2, 1])).add(1)
        let w = try Tensor.zeros([1, 2]).requiresGrad_()
        let b = try Tensor.zeros([1]).requiresGrad_()
        var first = 0.0, last = 0.0
        for step in 0..<200 {
            let loss = try Tensor.mseLoss(Tensor.linear(x, w, b), y)
            if step == 0 { first = try loss.item().doubleValue }
            last = try loss.item().doubleValue
            w.grad = nil
            b.grad = nil
            try loss.backward()
            try GradMode.noGrad {
                try w.add_(#require(w.grad), alpha: -0.1)
                try b.add_(#require(b.grad), alpha: -0.1)
            }
        }
        #expect(last < first * 1e-3)
        #expect(try w.detach().allclose(Tensor.from([2, -3], shape: [1, 2]), atol: 1e-2))
    }
}
