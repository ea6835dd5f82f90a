import Testing
@testable import Autograd

@Suite struct CoreTests {
    @Test func addBroadcastsAndPromotes() throws {
        let a = try Tensor.from([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let b = try Tensor.from([10, 20, 30], shape: [3])
        let c = try a + b
        #expect(c.shape == [2, 3])
        #expect(c.doubleValues() == [11, 22, 33, 14, 25, 36])
        let i = try Tensor.from(ints: [1, 2])
        #expect(try (i + 1.5).dtype == .float32)
        #expect(try (i + .int(1)).dtype == .int64)
        #expect(try i.div(.int(2)).dtype == .float32)
        let d = try Tensor.from([1, 2], dtype: .float64)
        #expect(try (a.select(0, 0).slice(0, end: 2) + d).dtype == .float64)
        let bo = try Tensor.from(bools: [true, false])
        #expect(try (bo + i).dtype == .int64)
        #expect(try a.gt(.int(2)).dtype == .bool)
        let f = try Tensor.from([1, 2])
        #expect(try (i + f).dtype == .float32)
    }

    @Test func viewsShareStorage() throws {
        let a = try Tensor.from([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let t = try a.t()
        try t.select(0, 1).fill_(.int(0))
        #expect(a.doubleValues() == [1, 0, 3, 4, 0, 6])
        #expect(a.version == 1)
        let d = a.data
        try d.add_(.int(1))
        #expect(a.doubleValues() == [2, 1, 4, 5, 1, 7])
        #expect(a.version == 1)
        let s = try a.slice(1, start: 0, end: 3, step: 2)
        #expect(s.doubleValues() == [2, 4, 5, 7])
    }

    @Test func simpleBackward() throws {
        let x = try sample([2, 3], requiresGrad: true)
        let w = try sample([3, 4], seed: 1, requiresGrad: true)
        let y = try x.matmul(w).relu().sum()
        try y.backward()
        #expect(x.grad?.shape == [2, 3])
        #expect(w.grad?.shape == [3, 4])
        // Compare with an explicit computation.
        let h = try x.detach().matmul(w.detach())
        let mask = try h.gt(.int(0)).to(.float32)
        let gx = try mask.matmul(w.detach().t())
        #expect(try x.grad?.allclose(gx) == true)
    }
}

/// One in-place op applied to [[1.5, -2, 3.25], [-0.5, 4, -6]] (float32), with what PyTorch
/// 2.15 gave: the new values, the grad_fn it puts on a non-leaf `h = w * 1` and where that
/// node leads, and `w.grad` after `h.sum().backward()`.
struct InPlaceCase: Sendable, CustomTestStringConvertible {
    let call: String
    let apply: @Sendable (Tensor) throws -> Tensor
    let values: [Double]
    let gradFn: String
    let nextFunctions: [String?]
    let grad: [Double]

    var testDescription: String { call }

    static let all: [InPlaceCase] = [
        InPlaceCase(call: "masked_fill_(mask, -7.5)",
                    apply: { try $0.maskedFill_(Tensor.from(bools: [true, false, true, false, false, true], shape: [2, 3]), .double(-7.5)) },
                    values: [-7.5, -2, -7.5, -0.5, 4, -7.5], gradFn: "MaskedFillBackward0",
                    nextFunctions: ["MulBackward0"], grad: [0, 1, 0, 1, 1, 0]),
        InPlaceCase(call: "sub_(torch.tensor([0.25, 1.0, -2.0]), alpha=2)",
                    apply: { try $0.sub_(Tensor.from([0.25, 1, -2]), alpha: .int(2)) },
                    values: [1, -4, 7.25, -1, 2, -2], gradFn: "SubBackward0",
                    nextFunctions: ["MulBackward0", nil], grad: [1, 1, 1, 1, 1, 1]),
        InPlaceCase(call: "sub_(1.5)", apply: { try $0.sub_(.double(1.5)) },
                    values: [0, -3.5, 1.75, -2, 2.5, -7.5], gradFn: "SubBackward0",
                    nextFunctions: ["MulBackward0", nil], grad: [1, 1, 1, 1, 1, 1]),
        InPlaceCase(call: "div_(torch.tensor([2.0, -4.0, 0.5]))", apply: { try $0.div_(Tensor.from([2, -4, 0.5])) },
                    values: [0.75, 0.5, 6.5, -0.25, -1, -12], gradFn: "DivBackward0",
                    nextFunctions: ["MulBackward0", nil], grad: [0.5, -0.25, 2, 0.5, -0.25, 2]),
        InPlaceCase(call: "div_(3)", apply: { try $0.div_(.int(3)) },
                    values: [0.5, -0.6666666865348816, 1.0833333730697632, -0.1666666716337204, 1.3333333730697632, -2],
                    gradFn: "DivBackward0", nextFunctions: ["MulBackward0", nil],
                    grad: Array(repeating: 0.3333333432674408, count: 6)),
        InPlaceCase(call: "zero_()", apply: { try $0.zero_() },
                    values: [0, 0, 0, 0, 0, 0], gradFn: "ZeroBackward0",
                    nextFunctions: ["MulBackward0"], grad: [0, 0, 0, 0, 0, 0]),
        InPlaceCase(call: "fill_(2.5)", apply: { try $0.fill_(.double(2.5)) },
                    values: [2.5, 2.5, 2.5, 2.5, 2.5, 2.5], gradFn: "FillBackward2",
                    nextFunctions: ["MulBackward0"], grad: [0, 0, 0, 0, 0, 0]),
        InPlaceCase(call: "clamp_(min=-1.0, max=2.5)", apply: { try $0.clamp_(min: .double(-1), max: .double(2.5)) },
                    values: [1.5, -1, 2.5, -0.5, 2.5, -1], gradFn: "ClampBackward1",
                    nextFunctions: ["MulBackward0"], grad: [1, 0, 0, 1, 0, 0]),
        InPlaceCase(call: "clamp_(min=0)", apply: { try $0.clamp_(min: .int(0)) },
                    values: [1.5, 0, 3.25, 0, 4, 0], gradFn: "ClampBackward1",
                    nextFunctions: ["MulBackward0"], grad: [1, 0, 1, 0, 1, 0]),
        InPlaceCase(call: "scatter_(1, index, src)",
                    apply: { try $0.scatter_(dim: 1, index: Tensor.from(ints: [2, 0, 1, 2], shape: [2, 2]),
                                             src: Tensor.from([10, 20, 30, 40], shape: [2, 2])) },
                    values: [20, -2, 10, -0.5, 30, 40], gradFn: "ScatterBackward0",
                    nextFunctions: ["MulBackward0", nil], grad: [0, 1, 0, 1, 0, 0]),
        InPlaceCase(call: "scatter_(1, index, 9.0)",
                    apply: { try $0.scatter_(dim: 1, index: Tensor.from(ints: [2, 0, 1, 2], shape: [2, 2]), value: .double(9)) },
                    values: [9, -2, 9, -0.5, 9, 9], gradFn: "ScatterBackward1",
                    nextFunctions: ["MulBackward0"], grad: [0, 1, 0, 1, 0, 0]),
    ]
}

/// In-place ops called directly on the engine: values, version counter, history and
/// PyTorch's refusal to change a leaf that requires grad.
@Suite struct InPlaceOpTests {
    static let start: [Double] = [1.5, -2, 3.25, -0.5, 4, -6]

    func base(requiresGrad: Bool = false) throws -> Tensor {
        let t = try Tensor.from(Self.start, shape: [2, 3])
        if requiresGrad { try t.setRequiresGrad(true) }
        return t
    }

    @Test(arguments: InPlaceCase.all)
    func writesIntoSelfAndBumpsTheVersion(_ c: InPlaceCase) throws {
        let a = try base()
        #expect(a.version == 0)
        let r = try c.apply(a)
        #expect(r === a)
        #expect(a.version == 1)
        #expect(a.shape == [2, 3] && a.dtype == .float32)
        #expect(a.doubleValues() == c.values)
    }

    @Test(arguments: InPlaceCase.all)
    func nonLeafTakesTheOpsNode(_ c: InPlaceCase) throws {
        let w = try base(requiresGrad: true)
        let h = try w.mul(.int(1))
        _ = try c.apply(h)
        #expect(h.version == 1)
        #expect(h.doubleValues() == c.values)
        let node = try #require(h.gradFn)
        #expect(node.name == c.gradFn)
        #expect(node.nextFunctions.map { $0.0?.name } == c.nextFunctions)
        try h.sum().backward()
        #expect(w.grad?.doubleValues() == c.grad)
    }

    @Test(arguments: InPlaceCase.all)
    func leafThatRequiresGradIsRefused(_ c: InPlaceCase) throws {
        let w = try base(requiresGrad: true)
        #expect(thrownMessage { _ = try c.apply(w) } == "a leaf Variable that requires grad is being used in an in-place operation.")
        #expect(w.version == 0)
        #expect(w.doubleValues() == Self.start)
        // Under no_grad the same call is allowed and records nothing.
        try GradMode.noGrad { _ = try c.apply(w) }
        #expect(w.version == 1)
        #expect(w.doubleValues() == c.values)
        #expect(w.gradFn == nil && w.requiresGrad)
    }

    @Test func viewOfALeafThatRequiresGradIsRefused() throws {
        let w = try base(requiresGrad: true)
        #expect(thrownMessage { try w.select(0, 1).zero_() } == "a view of a leaf Variable that requires grad is being used in an in-place operation.")
        #expect(w.doubleValues() == Self.start)
    }
}
