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
        #expect(node.formulaLine == "MmBackward0: grad_self = grad.mm(mat2.t()), grad_mat2 = self.t().mm(grad)")
        let acc = try #require(node.nextEdges[0].node as? AccumulateGrad)
        #expect(acc.variable === x)
        try y.sum().backward()
        #expect(thrownMessage { _ = try node.savedTensor("self") } == TorchError.backwardTwiceMessage)
    }

    @Test func mulFormulaLineNamesBothGradients() throws {
        let x = try sample([3], requiresGrad: true)
        let node = try #require(x.mul(sample([3], seed: 1)).gradFn)
        #expect(node.formulaLine == "MulBackward0: grad_self = grad * other, grad_other = grad * self")
    }

    /// A node's `_saved_*` values as PyTorch's attributes print them, tensors by their shape.
    func savedSummary(_ node: Node) -> [String: String] {
        func tuple(_ l: [Int]) -> String { "(" + l.map(String.init).joined(separator: ", ") + (l.count == 1 ? ",)" : ")") }
        let entries = node.saved.map { name, value -> (String, String) in
            switch value {
            case .tensor: return (name, (try? node.savedTensor(name)).map { "tensor" + tuple($0.shape) } ?? "unreadable")
            case .tensors(let list): return (name, "\(list.count) tensors")
            case .int(let i): return (name, String(i))
            case .ints(let l): return (name, tuple(l))
            case .double(let d): return (name, "\(d)")
            case .scalar(let s): return (name, s.description)
            case .bool(let b): return (name, b ? "True" : "False")
            case .string(let s): return (name, "'\(s)'")
            case .none, .noTensor: return (name, "None")
            }
        }
        #expect(Set(entries.map(\.0)).count == entries.count, "a name saved twice")
        return Dictionary(entries, uniquingKeysWith: { first, _ in first })
    }

    // Expected names and values below are what `dir(y.grad_fn)` and `y.grad_fn._saved_*`
    // show in PyTorch 2.15 for the same inputs.

    @Test func addmmSavesBothMatricesAndTheirGeometry() throws {
        let b = try Tensor.from([0.5, -1]), m1 = try Tensor.from([1, 2, -1, 0.5, -0.25, 3], shape: [2, 3])
        let m2 = try Tensor.from([2, 0, -1, 1.5, 0.25, -2], shape: [3, 2])
        for t in [b, m1, m2] { try t.setRequiresGrad(true) }
        let node = try #require(Tensor.addmm(b, m1, m2, beta: .double(0.5), alpha: .int(2)).gradFn)
        #expect(node.name == "AddmmBackward0")
        #expect(savedSummary(node) == ["alpha": "2", "beta": "0.5", "mat1": "tensor(2, 3)", "mat1_sym_sizes": "(2, 3)",
                                       "mat1_sym_strides": "(3, 1)", "mat2": "tensor(3, 2)", "mat2_sym_sizes": "(3, 2)",
                                       "mat2_sym_strides": "(2, 1)"])
        // Saved leaves come back as themselves (`_saved_mat1 is m1`).
        #expect(try node.savedTensor("mat1") === m1)
        #expect(try node.savedTensor("mat2") === m2)
        #expect(try node.savedTensor("mat1").doubleValues() == [1, 2, -1, 0.5, -0.25, 3])
        #expect(try node.savedTensor("mat2").doubleValues() == [2, 0, -1, 1.5, 0.25, -2])
    }

    @Test func linearOnAnInputWithoutGradSavesNoneForTheWeight() throws {
        // nn.Linear's first layer: mat1 is the data, mat2 the transposed weight. Only the
        // weight needs a gradient, which needs mat1; mat2 is not kept and reads None.
        let x = try Tensor.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], shape: [4, 3])
        let w = try Tensor.from([0.5, -1, 2, 1.5, 0.25, -0.75], shape: [2, 3])
        let b = try Tensor.from([0.1, -0.2])
        try w.setRequiresGrad(true); try b.setRequiresGrad(true)
        let node = try #require(Tensor.linear(x, w, b).gradFn)
        #expect(node.name == "AddmmBackward0")
        #expect(savedSummary(node) == ["alpha": "1", "beta": "1", "mat1": "tensor(4, 3)", "mat1_sym_sizes": "(4, 3)",
                                       "mat1_sym_strides": "()", "mat2": "None", "mat2_sym_sizes": "(3, 2)",
                                       "mat2_sym_strides": "(1, 3)"])
        #expect(try node.savedTensor("mat1").doubleValues() == x.doubleValues())
    }

    @Test func unsavedFactorsReadAsNone() throws {
        func leaf(_ shape: [Int], grad: Bool) throws -> Tensor { try sample(shape, seed: 0.3, requiresGrad: grad) }
        let cases: [(String, Tensor, [String: String])] = [
            ("mm a, B", try leaf([2, 3], grad: false).mm(leaf([3, 4], grad: true)),
             ["mat2": "None", "mat2_sym_sizes": "(3, 4)", "mat2_sym_strides": "(4, 1)", "self": "tensor(2, 3)",
              "self_sym_sizes": "(2, 3)", "self_sym_strides": "()"]),
            ("mm A, b", try leaf([2, 3], grad: true).mm(leaf([3, 4], grad: false)),
             ["mat2": "tensor(3, 4)", "mat2_sym_sizes": "(3, 4)", "mat2_sym_strides": "()", "self": "None",
              "self_sym_sizes": "(2, 3)", "self_sym_strides": "(3, 1)"]),
            ("x * X", try leaf([3], grad: false).mul(leaf([3], grad: true)), ["other": "None", "self": "tensor(3,)"]),
            ("X * x", try leaf([3], grad: true).mul(leaf([3], grad: false)), ["other": "tensor(3,)", "self": "None"]),
            ("X / x", try leaf([3], grad: true).div(leaf([3], grad: false)), ["other": "tensor(3,)", "self": "None"]),
            ("x / X", try leaf([3], grad: false).div(leaf([3], grad: true)), ["other": "tensor(3,)", "self": "tensor(3,)"]),
            ("x.dot(X)", try leaf([3], grad: false).dot(leaf([3], grad: true)), ["self": "tensor(3,)", "tensor": "None"]),
            ("X.dot(x)", try leaf([3], grad: true).dot(leaf([3], grad: false)), ["self": "None", "tensor": "tensor(3,)"]),
            ("a.mv(X)", try leaf([2, 3], grad: false).mv(leaf([3], grad: true)), ["self": "tensor(2, 3)", "vec": "None"]),
            ("A.mv(x)", try leaf([2, 3], grad: true).mv(leaf([3], grad: false)), ["self": "None", "vec": "tensor(3,)"]),
            ("a.bmm(B)", try leaf([2, 2, 3], grad: false).bmm(leaf([2, 3, 4], grad: true)),
             ["mat2": "None", "self": "tensor(2, 2, 3)"]),
        ]
        for (call, out, expected) in cases {
            let node = try #require(out.gradFn, "\(call)")
            #expect(savedSummary(node) == expected, "\(call)")
        }
    }

    @Test(arguments: [(Reduction.none, "0"), (.mean, "1"), (.sum, "2")])
    func mseLossSavesSelfTargetAndReduction(_ reduction: Reduction, _ code: String) throws {
        let x = try Tensor.from([1, -2, 0.5, 3], shape: [2, 2])
        try x.setRequiresGrad(true)
        let target = try Tensor.from([0, 1, 2, -1], shape: [2, 2])
        let node = try #require(Tensor.mseLoss(x, target, reduction: reduction).gradFn)
        #expect(node.name == "MseLossBackward0")
        #expect(savedSummary(node) == ["reduction": code, "self": "tensor(2, 2)", "target": "tensor(2, 2)"])
        #expect(try node.savedTensor("self") === x)
        #expect(try node.savedTensor("target").doubleValues() == [0, 1, 2, -1])
    }

    @Test func nllLossSavesTargetReductionAndTotalWeight() throws {
        let logp = try Tensor.from([-0.5, -1.5, -2, -1, -0.25, -3, -2, -0.75, -0.1], shape: [3, 3])
        try logp.setRequiresGrad(true)
        let target = try Tensor.from(ints: [2, 0, 1])
        let weight = try Tensor.from([1, 2, 0.5])
        // (weight, ignore_index, reduction) -> loss, total weight, reduction code.
        let cases: [(Tensor?, Int, Reduction, Double, String, String)] = [
            (nil, -100, .mean, 1.25, "3.0", "1"),
            (nil, -100, .sum, 3.75, "3.0", "2"),
            (weight, -100, .mean, 1.0, "3.5", "1"),
            (weight, 1, .sum, 2.0, "1.5", "2"),
        ]
        for (w, ignore, reduction, loss, total, code) in cases {
            let out = try Tensor.nllLoss(logp, target, weight: w, ignoreIndex: ignore, reduction: reduction)
            #expect(out.doubleValues() == [loss])
            let node = try #require(out.gradFn)
            #expect(node.name == "NllLossBackward0")
            // PyTorch's Python getter prints the int64 -100 as 18446744073709551516.
            #expect(savedSummary(node) == ["ignore_index": String(ignore), "reduction": code, "self": "tensor(3, 3)",
                                           "target": "tensor(3,)", "total_weight": "tensor()",
                                           "weight": w == nil ? "None" : "tensor(3,)"])
            #expect(try node.savedTensor("self") === logp)
            let savedTarget = try node.savedTensor("target")
            #expect(savedTarget.dtype == .int64 && savedTarget.int64Values() == [2, 0, 1])
            let totalWeight = try node.savedTensor("total_weight")
            #expect(totalWeight.dtype == .float32 && String(totalWeight.doubleValues()[0]) == total)
            if w != nil { #expect(try node.savedTensor("weight").doubleValues() == [1, 2, 0.5]) }
        }
    }

    @Test func expSavesItsResult() throws {
        let x = try Tensor.from([0, 1, -2, 0.5])
        try x.setRequiresGrad(true)
        let e = try x.exp()
        let node = try #require(e.gradFn)
        #expect(savedSummary(node) == ["result": "tensor(4,)"])
        let result = try node.savedTensor("result")
        // PyTorch: `_saved_result` equals the output, is another object, and has the node as grad_fn.
        #expect(result.doubleValues() == [1.0, 2.7182817459106445, 0.1353352814912796, 1.6487212181091309])
        #expect(result !== e)
        #expect(result.gradFn === node)
        try e.mul_(.int(2))
        #expect(thrownMessage { _ = try node.savedTensor("result") }?.contains("which is output 0 of Exp, is at version 1; expected version 0 instead.") == true)
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
