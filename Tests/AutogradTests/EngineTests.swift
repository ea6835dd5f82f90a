import Testing
@testable import Autograd

/// The backward plan: order, fan-in, accumulation, events, and PyTorch's autograd semantics.
@Suite struct EngineTests {
    /// A two-layer MLP with MSE loss; returns the loss and the parameters.
    func mlp() throws -> (loss: Tensor, w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) {
        let x = try sample([4, 3], seed: 0.2)
        let w1 = try sample([5, 3], seed: 1.3, requiresGrad: true)
        let b1 = try sample([5], seed: 2.4, requiresGrad: true)
        let w2 = try sample([2, 5], seed: 3.5, requiresGrad: true)
        let b2 = try sample([2], seed: 4.6, requiresGrad: true)
        let target = try sample([4, 2], seed: 5.7)
        let h = try Tensor.linear(x, w1, b1).relu()
        let loss = try Tensor.mseLoss(Tensor.linear(h, w2, b2), target)
        return (loss, w1, b1, w2, b2)
    }

    /// Records every event of one backward pass.
    final class Recorder {
        var events: [String] = []
        var accumulated: [(Tensor, Tensor?, Tensor)] = []
        func observe(_ e: BackwardEvent) {
            switch e {
            case .nodeReady(let node, _): events.append("ready \(node.name)")
            case .nodeRan(let node, let outputs):
                events.append("ran \(node.name) -> \(outputs.map { $0.edge.node?.name ?? "None" }.joined(separator: ","))")
            case .gradAccumulated(let t, let before, let after):
                events.append("accumulated \(t.shape)")
                accumulated.append((t, before, after))
            }
        }
    }

    @Test func mlpNodeOrderFollowsSequenceNumbers() throws {
        let m = try mlp()
        let plan = try BackwardPlan(roots: [m.loss], gradients: [nil])
        var order: [String] = []
        var variables: [Tensor] = []
        while let node = try plan.step() {
            order.append(node.name)
            if let acc = node as? AccumulateGrad { variables.append(acc.variable) }
        }
        #expect(order == ["MseLossBackward0", "AddmmBackward0", "AccumulateGrad", "TBackward0", "AccumulateGrad",
                          "ReluBackward0", "AddmmBackward0", "AccumulateGrad", "TBackward0", "AccumulateGrad"])
        #expect(variables.map { ObjectIdentifier($0) } == [m.b2, m.w2, m.b1, m.w1].map { ObjectIdentifier($0) })
        #expect(plan.isFinished)
        #expect(m.w1.grad?.shape == [5, 3])
    }

    @Test func mlpEventsReportEachNodeAndAccumulation() throws {
        let m = try mlp()
        let rec = Recorder()
        let plan = try BackwardPlan(roots: [m.loss], gradients: [nil], retainGraph: true)
        plan.observer = rec.observe
        try plan.run()
        #expect(rec.events.first == "ready MseLossBackward0")
        #expect(rec.events[1] == "ran MseLossBackward0 -> AddmmBackward0,None")
        #expect(rec.events[3] == "ran AddmmBackward0 -> AccumulateGrad,ReluBackward0,TBackward0")
        #expect(rec.events.filter { $0.hasPrefix("accumulated") } == ["accumulated [2]", "accumulated [2, 5]", "accumulated [5]", "accumulated [5, 3]"])
        #expect(rec.accumulated.allSatisfy { $0.1 == nil })
        // A second pass reports the old gradient and the sum.
        let first = try #require(m.b2.grad).clone_raw()
        let rec2 = Recorder()
        let plan2 = try BackwardPlan(roots: [m.loss], gradients: [nil])
        plan2.observer = rec2.observe
        try plan2.run()
        let (t, before, after) = try #require(rec2.accumulated.first)
        #expect(t === m.b2)
        #expect(try before?.equal(first) == true)
        #expect(try after.allclose(first.mul(2)))
    }

    @Test func fanInIsSummedBeforeTheNodeRuns() throws {
        let x = try Tensor.from([1, 2, 3])
        try x.setRequiresGrad(true)
        let y = try (x * x + x * 3.0).sum()
        let plan = try BackwardPlan(roots: [y], gradients: [nil])
        var accGrads: [[Double]] = []
        plan.observer = { e in
            if case .nodeReady(let node, let grads) = e, node is AccumulateGrad {
                accGrads.append(grads.first??.doubleValues() ?? [])
            }
        }
        try plan.run()
        #expect(accGrads == [[5, 7, 9]])
        #expect(plan.isFinished && plan.readyNodes.isEmpty)
        #expect(x.grad?.doubleValues() == [5, 7, 9])
    }

    @Test func planExposesPendingState() throws {
        let x = try Tensor.from([1, 2])
        try x.setRequiresGrad(true)
        let y = try (x.exp() + x.sin()).sum()
        let plan = try BackwardPlan(roots: [y], gradients: [nil])
        #expect(plan.nextNode?.name == "SumBackward0")
        try plan.step()
        try plan.step()
        // AddBackward0 ran: both branches wait, the leaf sink still expects two gradients.
        let acc = try #require(x.gradAccumulatorRef)
        #expect(plan.remainingDependencies(of: acc) == 2)
        #expect(plan.readyNodes.count == 2)
        try plan.step()
        #expect(plan.pendingGradients(for: acc)?.count == 1)
        try plan.run()
        #expect(try x.grad?.allclose(x.detach().exp().add(x.detach().cos())) == true)
    }

    @Test func observerInstalledOnTheThreadSeesTensorBackward() throws {
        let m = try mlp()
        var names: [String] = []
        AutogradState.current.backwardObserver = { e in
            if case .nodeRan(let node, _) = e { names.append(node.name) }
        }
        defer { AutogradState.current.backwardObserver = nil }
        try m.loss.backward()
        #expect(names.count == 10)
    }

    @Test func gradAccumulatesAcrossCalls() throws {
        let x = try sample([3], requiresGrad: true)
        try x.mul(2).sum().backward()
        try x.mul(2).sum().backward()
        #expect(x.grad?.doubleValues() == [4, 4, 4])
    }

    @Test func explicitGradientForNonScalar() throws {
        let x = try sample([3], requiresGrad: true)
        try x.mul(2).backward(gradient: Tensor.from([1, 10, 100]))
        #expect(x.grad?.doubleValues() == [2, 20, 200])
    }

    @Test func retainGraphAllowsSecondBackward() throws {
        let x = try sample([3], requiresGrad: true)
        let y = try x.exp().sum()
        try y.backward(retainGraph: true)
        try y.backward()
        #expect(try x.grad?.allclose(x.detach().exp().mul(2)) == true)
    }

    @Test func retainGradAndHooks() throws {
        let x = try sample([3], requiresGrad: true)
        let h = try x.mul(3)
        try h.retainGrad()
        var seen: [Double] = []
        try h.registerHook { g in seen = g.doubleValues(); return try g.mul(10) }
        var leafHookSaw: [Double] = []
        try x.registerHook { g in leafHookSaw = g.doubleValues(); return nil }
        var postFired = false
        try x.registerPostAccumulateGradHook { t in postFired = t.grad != nil }
        try h.sum().backward()
        #expect(seen == [1, 1, 1])
        // retain_grad runs after the other hooks, so it sees the replaced gradient.
        #expect(h.grad?.doubleValues() == [10, 10, 10])
        #expect(leafHookSaw == [30, 30, 30])
        #expect(x.grad?.doubleValues() == [30, 30, 30])
        #expect(postFired)
    }

    @Test func autogradGradLeavesDotGradAlone() throws {
        let x = try sample([3], requiresGrad: true)
        let y = try x.pow(2).sum()
        let g = try Autograd.grad(outputs: [y], inputs: [x])
        #expect(x.grad == nil)
        #expect(try g[0]?.allclose(x.detach().mul(2)) == true)
        // Higher order: d/dx sum(2x * x) with create_graph.
        let y2 = try x.pow(3).sum()
        let g1 = try Autograd.grad(outputs: [y2], inputs: [x], createGraph: true)
        let g2 = try Autograd.grad(outputs: [try #require(g1[0]).sum()], inputs: [x])
        #expect(try g2[0]?.allclose(x.detach().mul(6)) == true)
    }

    @Test func gradModeControlsRecording() throws {
        let x = try sample([3], requiresGrad: true)
        let y = try GradMode.noGrad { try x.mul(2) }
        #expect(y.gradFn == nil && !y.requiresGrad)
        let z = try GradMode.noGrad { try GradMode.enableGrad { try x.mul(2) } }
        #expect(z.gradFn?.name == "MulBackward0")
        GradMode.isEnabled = false
        let w = try x.exp()
        GradMode.isEnabled = true
        #expect(w.gradFn == nil)
        #expect(try x.mul(2).requiresGrad)
        #expect(try x.detach().mul(2).requiresGrad == false)
    }

    @Test func savedValuesAreInspectable() throws {
        let x = try sample([2, 3], requiresGrad: true)
        let w = try sample([3, 4], requiresGrad: true)
        let y = try x.mm(w)
        let node = try #require(y.gradFn)
        #expect(node.saved.map { $0.name } == ["mat2", "mat2_sym_sizes", "mat2_sym_strides", "self", "self_sym_sizes", "self_sym_strides"])
        #expect(try node.savedTensor("self").equal(x))
        #expect(node.formula.hasPrefix("grad_self = grad.mm(mat2.t())"))
        let acc = try #require(node.nextEdges[0].node as? AccumulateGrad)
        #expect(acc.variable === x)
        try y.sum().backward()
        #expect(thrownMessage { _ = try node.savedTensor("self") } == TorchError.backwardTwiceMessage)
    }

    @Test func sequenceNumbersIncrease() throws {
        let x = try sample([3], requiresGrad: true)
        let a = try x.exp(), b = try a.sin()
        #expect(try #require(b.gradFn).sequenceNr > (try #require(a.gradFn).sequenceNr))
    }

    @Test func customFunctionNode() throws {
        let x = try sample([3], requiresGrad: true)
        let out = try GradMode.noGrad { try x.mul(x) }.detach()
        let node = FunctionNode(name: "SquareBackward", inputs: [x], formula: "grad * 2 * x") { _, g in
            [try g[0]?.mul(x.detach()).mul(2)]
        }
        out.attach(to: node)
        #expect(node.formulaLine == "SquareBackward: grad * 2 * x")
        try out.sum().backward()
        #expect(try x.grad?.allclose(x.detach().mul(2)) == true)
    }
}
