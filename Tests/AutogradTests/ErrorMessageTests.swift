import Testing
@testable import Autograd

/// PyTorch's messages, word for word.
@Suite struct ErrorMessageTests {
    @Test func matmulShapes() throws {
        let a = try Tensor.zeros([4, 3]), b = try Tensor.zeros([2, 5])
        #expect(thrownMessage { _ = try a.mm(b) } == "mat1 and mat2 shapes cannot be multiplied (4x3 and 2x5)")
        #expect(thrownMessage { _ = try a.matmul(b) } == "mat1 and mat2 shapes cannot be multiplied (4x3 and 2x5)")
        #expect(thrownMessage { _ = try Tensor.linear(a, b.t()) } == "mat1 and mat2 shapes cannot be multiplied (4x3 and 2x5)")
    }

    @Test func matmulDTypes() throws {
        let a = try Tensor.zeros([2, 2]), b = try Tensor.zeros([2, 2], dtype: .float64)
        #expect(thrownMessage { _ = try a.mm(b) } == "expected m1 and m2 to have the same dtype, but got: float != double")
    }

    @Test func dimensionOutOfRange() throws {
        let a = try Tensor.zeros([2, 2])
        #expect(thrownMessage { _ = try a.sum(dim: 2) } == "Dimension out of range (expected to be in range of [-2, 1], but got 2)")
    }

    @Test func broadcastMismatch() throws {
        let a = try Tensor.zeros([2, 3]), b = try Tensor.zeros([2, 4])
        #expect(thrownMessage { _ = try a + b } == "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1")
    }

    @Test func invalidView() throws {
        let a = try Tensor.zeros([2, 3])
        #expect(thrownMessage { _ = try a.view([5]) } == "shape '[5]' is invalid for input of size 6")
        #expect(thrownMessage { _ = try a.reshape([4, -1]) } == "shape '[4, -1]' is invalid for input of size 6")
    }

    @Test func indexOutOfBounds() throws {
        let a = try Tensor.zeros([3, 2])
        var kind: TorchError.Kind?
        do { _ = try a.getItem([.int(5)]) } catch let e as TorchError { kind = e.kind }
        #expect(kind == .indexError)
        #expect(thrownMessage { _ = try a.getItem([.int(5)]) } == "index 5 is out of bounds for dimension 0 with size 3")
        #expect(thrownMessage { _ = try a.getItem([.tensor(Tensor.from(ints: [5]))]) } == "index 5 is out of bounds for dimension 0 with size 3")
        #expect(thrownMessage { _ = try a.getItem([.int(0), .int(0), .int(0)]) } == "too many indices for tensor of dimension 2")
    }

    @Test func backwardTwice() throws {
        let x = try sample([2, 3], requiresGrad: true)
        let y = try x.exp().sum()
        try y.backward()
        #expect(thrownMessage { try y.backward() } == TorchError.backwardTwiceMessage)
        // Nodes that saved no tensors may run again.
        let s = try x.add(1.0).sum()
        try s.backward()
        try s.backward()
        #expect(TorchError.backwardTwiceMessage == "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.")
    }

    @Test func implicitGradNeedsScalar() throws {
        let x = try sample([2, 3], requiresGrad: true)
        #expect(thrownMessage { try x.mul(2).backward() } == "grad can be implicitly created only for scalar outputs")
    }

    @Test func noGradFn() throws {
        let x = try sample([2, 3])
        #expect(thrownMessage { try x.sum().backward() } == "element 0 of tensors does not require grad and does not have a grad_fn")
    }

    @Test func onlyFloatsRequireGrad() throws {
        let i = try Tensor.from(ints: [1, 2])
        #expect(thrownMessage { try i.setRequiresGrad(true) } == "only Tensors of floating point and complex dtype can require gradients")
    }

    @Test func leafInPlace() throws {
        let x = try sample([2, 3], requiresGrad: true)
        #expect(thrownMessage { try x.add_(.int(1)) } == "a leaf Variable that requires grad is being used in an in-place operation.")
        // Allowed without grad mode (what optimizers do).
        try GradMode.noGrad { try x.add_(.int(1)) }
        #expect(x.version == 1)
    }

    @Test func modifiedSavedTensor() throws {
        let message = "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2, 3]], which is output 0 of Exp, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."
        let x = try sample([2, 3], requiresGrad: true)
        // ExpBackward0 saves its result; changing it in place invalidates the graph.
        let e = try x.exp()
        let s = try e.sum()
        try e.add_(.int(1))
        #expect(thrownMessage { try s.backward() } == message)
        // A saved input is named by the node producing it now: mul_ rebased it onto Mul.
        let saved = try x.exp()
        let lossSaved = try saved.log().sum()
        try saved.mul_(.int(2))
        #expect(thrownMessage { try lossSaved.backward() } == message.replacing("of Exp,", with: "of Mul,"))
        // A saved leaf reports no producer.
        let leaf = try sample([2, 3])
        let y = try x.mul(leaf).sum()
        try leaf.add_(.int(1))
        #expect(thrownMessage { try y.backward() } == "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2, 3]] is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).")
    }

    @Test func anomalyNamesTheNode() throws {
        let x = try Tensor.from([0, 1])
        try x.setRequiresGrad(true)
        AnomalyMode.isEnabled = true
        defer { AnomalyMode.isEnabled = false }
        let y = try x.sqrt().mul(0.0).sum()
        #expect(thrownMessage { try y.backward() } == "Function 'SqrtBackward0' returned nan values in its 0th output.")
    }

    @Test func boolSubtraction() throws {
        let a = try Tensor.from(bools: [true])
        #expect(thrownMessage { _ = try a - a } == "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
    }
}
