import Testing
@testable import Autograd

/// One finite-difference check: a name, the inputs to build, the function.
struct GradCase: CustomTestStringConvertible, @unchecked Sendable {
    let name: String
    let inputs: () throws -> [Tensor]
    let f: ([Tensor]) throws -> Tensor
    var testDescription: String { name }

    init(_ name: String, _ shapes: [[Int]], positive: Bool = false, _ f: @escaping ([Tensor]) throws -> Tensor) {
        self.name = name
        inputs = { try shapes.enumerated().map { try leaf64($0.element, seed: Double($0.offset) * 0.37 + 0.11, positive: positive) } }
        self.f = f
    }
}

/// A fixed 0/1 mask standing in for the random generator in dropout.
private func fixedMask(_ shape: [Int], _ dtype: DType, _ keep: Double) throws -> Tensor {
    try Tensor.from((0..<shape.reduce(1, *)).map { $0 % 3 == 0 ? 0 : 1 }, shape: shape, dtype: dtype)
}

/// Per-class weights for the weighted losses (not differentiated).
private func classWeights() throws -> Tensor { try Tensor.from([0.5, 2, 1.5, 0.75], dtype: .float64) }

private func idx(_ values: [Int64], _ shape: [Int]) throws -> Tensor { try Tensor.from(ints: values, shape: shape) }

let elementwiseCases: [GradCase] = [
    GradCase("add broadcast", [[2, 3], [3]]) { try $0[0] + $0[1] },
    GradCase("add alpha", [[2, 3], [2, 3]]) { try $0[0].add($0[1], alpha: 2.5) },
    GradCase("sub", [[2, 3], [2, 1]]) { try $0[0] - $0[1] },
    GradCase("rsub", [[2, 3]]) { try 1.0 - $0[0] },
    GradCase("mul", [[2, 3], [1, 3]]) { try $0[0] * $0[1] },
    GradCase("div", [[2, 3], [2, 3]], positive: true) { try $0[0] / $0[1] },
    GradCase("rdiv", [[2, 3]], positive: true) { try 2.0 / $0[0] },
    GradCase("pow scalar", [[2, 3]]) { try $0[0].pow(3) },
    GradCase("pow tensor", [[2, 3], [2, 3]], positive: true) { try $0[0].pow($0[1]) },
    GradCase("rpow", [[2, 3]]) { try $0[0].rpow(2.0) },
    GradCase("remainder", [[2, 3]], positive: true) { try $0[0].remainder(0.3) },
    GradCase("neg", [[2, 3]]) { try -$0[0] },
    GradCase("exp", [[2, 3]]) { try $0[0].exp() },
    GradCase("log", [[2, 3]], positive: true) { try $0[0].log() },
    GradCase("log1p", [[2, 3]], positive: true) { try $0[0].log1p() },
    GradCase("expm1", [[2, 3]]) { try $0[0].expm1() },
    GradCase("sqrt", [[2, 3]], positive: true) { try $0[0].sqrt() },
    GradCase("rsqrt", [[2, 3]], positive: true) { try $0[0].rsqrt() },
    GradCase("sin", [[2, 3]]) { try $0[0].sin() },
    GradCase("cos", [[2, 3]]) { try $0[0].cos() },
    GradCase("tan", [[2, 3]]) { try $0[0].tan() },
    GradCase("tanh", [[2, 3]]) { try $0[0].tanh() },
    GradCase("sigmoid", [[2, 3]]) { try $0[0].sigmoid() },
    GradCase("reciprocal", [[2, 3]], positive: true) { try $0[0].reciprocal() },
    GradCase("abs", [[2, 3]]) { try $0[0].abs() },
    GradCase("relu", [[2, 3]]) { try $0[0].relu() },
    GradCase("leaky_relu", [[2, 3]]) { try $0[0].leakyRelu(0.1) },
    GradCase("gelu", [[2, 3]]) { try $0[0].gelu() },
    GradCase("gelu tanh", [[2, 3]]) { try $0[0].gelu(approximate: "tanh") },
    GradCase("elu", [[2, 3]]) { try $0[0].elu(alpha: 1.3) },
    GradCase("silu", [[2, 3]]) { try $0[0].silu() },
    GradCase("softplus", [[2, 3]]) { try $0[0].softplus(beta: 2) },
    GradCase("softmax", [[2, 3]]) { try $0[0].softmax(dim: 1) },
    GradCase("softmax dim0", [[2, 3]]) { try $0[0].softmax(dim: 0) },
    GradCase("log_softmax", [[2, 3]]) { try $0[0].logSoftmax(dim: -1) },
    GradCase("where", [[2, 3], [2, 3]]) { try Tensor.where($0[0].gt(.int(0)), $0[0], $0[1]) },
    GradCase("clamp", [[2, 3]]) { try $0[0].clamp(min: -0.5, max: 0.7) },
    GradCase("clamp tensor", [[2, 3], [3]]) { try $0[0].clamp(min: $0[1], max: nil) },
    GradCase("maximum", [[2, 3], [2, 3]]) { try $0[0].maximum($0[1]) },
    GradCase("minimum", [[2, 3], [3]]) { try $0[0].minimum($0[1]) },
    GradCase("masked_fill", [[2, 3]]) { try $0[0].maskedFill($0[0].gt(.int(0)).detach(), 0.5) },
    GradCase("lerp", [[2, 3], [2, 3]]) { try $0[0].lerp($0[1], weight: 0.3) },
    GradCase("addcmul", [[2, 3], [2, 3], [2, 3]]) { try $0[0].addcmul($0[1], $0[2], value: 0.5) },
    GradCase("dropout", [[2, 3]]) { try $0[0].dropout(p: 0.4, training: true, bernoulli: fixedMask) },
    GradCase("to float32 and back", [[2, 3]]) { try $0[0].mul(2).to(.float64) },
]

let reductionCases: [GradCase] = [
    GradCase("sum", [[2, 3]]) { try $0[0].sum() },
    GradCase("sum dims keepdim", [[2, 3, 2]]) { try $0[0].sum(dims: [0, 2], keepdim: true) },
    GradCase("mean", [[2, 3]]) { try $0[0].mean() },
    GradCase("mean dim", [[2, 3]]) { try $0[0].mean(dim: 1) },
    GradCase("prod", [[2, 3]]) { try $0[0].prod() },
    GradCase("prod dim", [[2, 3]]) { try $0[0].prod(dim: 0, keepdim: true) },
    GradCase("max", [[2, 3]]) { try $0[0].max() },
    GradCase("min", [[2, 3]]) { try $0[0].min() },
    GradCase("max dim", [[2, 3]]) { try $0[0].max(dim: 1).values },
    GradCase("min dim keepdim", [[2, 3]]) { try $0[0].min(dim: 0, keepdim: true).values },
    GradCase("amax", [[2, 3]]) { try $0[0].amax(dims: [1]) },
    GradCase("amin", [[2, 3]]) { try $0[0].amin(dims: [0, 1]) },
    GradCase("var", [[2, 3]]) { try $0[0].var() },
    GradCase("var dim correction 0", [[2, 3]]) { try $0[0].var(dims: [1], correction: 0) },
    GradCase("std", [[2, 3]]) { try $0[0].std() },
    GradCase("std dim keepdim", [[2, 3]]) { try $0[0].std(dims: [0], keepdim: true) },
    GradCase("norm", [[2, 3]]) { try $0[0].norm() },
    GradCase("norm p1 dim", [[2, 3]]) { try $0[0].norm(p: 1, dims: [1]) },
    GradCase("norm p3", [[2, 3]]) { try $0[0].norm(p: 3) },
    GradCase("norm inf", [[2, 3]]) { try $0[0].norm(p: .infinity) },
    GradCase("logsumexp", [[2, 3]]) { try $0[0].logsumexp(dims: [1]) },
    GradCase("cumsum", [[2, 3]]) { try $0[0].cumsum(dim: 1) },
    GradCase("sort", [[2, 3]]) { try $0[0].sort(dim: 1).values },
    GradCase("topk", [[2, 3]]) { try $0[0].topk(2, dim: 1).values },
]

let shapeCases: [GradCase] = [
    GradCase("view", [[2, 3]]) { try $0[0].view([3, 2]) },
    GradCase("reshape non-contiguous", [[2, 3]]) { try $0[0].t().reshape([6]) },
    GradCase("flatten", [[2, 3, 2]]) { try $0[0].flatten(startDim: 1) },
    GradCase("t", [[2, 3]]) { try $0[0].t() },
    GradCase("T", [[2, 3, 2]]) { try $0[0].T },
    GradCase("transpose", [[2, 3, 2]]) { try $0[0].transpose(0, 2) },
    GradCase("permute", [[2, 3, 2]]) { try $0[0].permute([1, 2, 0]) },
    GradCase("select", [[2, 3]]) { try $0[0].select(1, -1) },
    GradCase("slice step", [[2, 5]]) { try $0[0].slice(1, start: 1, end: 5, step: 2) },
    GradCase("expand", [[3, 1]]) { try $0[0].expand([2, 3, 4]) },
    GradCase("unsqueeze squeeze", [[2, 1, 3]]) { try $0[0].squeeze().unsqueeze(1) },
    GradCase("repeat", [[2, 3]]) { try $0[0].repeat([2, 1, 2]) },
    GradCase("getitem tensor", [[3, 2]]) { try $0[0].getItem([.tensor(idx([2, 0, 2], [3]))]) },
    GradCase("getitem mask", [[2, 3]]) { try $0[0].getItem([.tensor($0[0].gt(.int(0)).detach())]) },
    GradCase("getitem mixed", [[2, 3, 4]]) {
        try $0[0].getItem([.slice(start: nil, stop: nil, step: nil), .tensor(idx([1, 0], [2])), .int(2)])
    },
    GradCase("getitem none ellipsis", [[2, 3]]) { try $0[0].getItem([.none, .ellipsis, .int(1)]) },
    GradCase("cat", [[2, 3], [1, 3]]) { try Tensor.cat([$0[0], $0[1]], dim: 0) },
    GradCase("stack", [[2, 3], [2, 3]]) { try Tensor.stack([$0[0], $0[1]], dim: 1) },
    GradCase("split", [[5, 2]]) { let p = try $0[0].split(2); return try p[0].sum().add(p[2].mul(3).sum()) },
    GradCase("chunk", [[4, 3]]) { try $0[0].chunk(2, dim: 0)[1] },
    GradCase("unbind", [[2, 3]]) { try $0[0].unbind(1)[2] },
    GradCase("clone contiguous", [[2, 3]]) { try $0[0].t().contiguous().clone() },
    GradCase("gather", [[2, 3]]) { try $0[0].gather(dim: 1, index: idx([0, 2, 1, 1], [2, 2])) },
    GradCase("scatter", [[2, 3], [2, 1]]) { try $0[0].scatter(dim: 1, index: idx([2, 0], [2, 1]), src: $0[1]) },
    GradCase("scatter_add", [[2, 3], [2, 2]]) { try $0[0].scatterAdd(dim: 1, index: idx([2, 2, 0, 1], [2, 2]), src: $0[1]) },
    GradCase("index_select", [[3, 2]]) { try $0[0].indexSelect(dim: 0, index: idx([2, 2, 0], [3])) },
]

let linalgCases: [GradCase] = [
    GradCase("mm", [[2, 3], [3, 4]]) { try $0[0].mm($0[1]) },
    GradCase("mm transposed operands", [[3, 2], [4, 3]]) { try $0[0].t().mm($0[1].t()) },
    GradCase("addmm", [[4], [2, 3], [3, 4]]) { try Tensor.addmm($0[0], $0[1], $0[2], beta: 0.5, alpha: 2) },
    GradCase("bmm", [[2, 2, 3], [2, 3, 2]]) { try $0[0].bmm($0[1]) },
    GradCase("matmul 1d 1d", [[3], [3]]) { try $0[0].matmul($0[1]) },
    GradCase("matmul 2d 1d", [[2, 3], [3]]) { try $0[0].matmul($0[1]) },
    GradCase("matmul 1d 2d", [[3], [3, 2]]) { try $0[0].matmul($0[1]) },
    GradCase("matmul 3d 2d", [[2, 2, 3], [3, 2]]) { try $0[0].matmul($0[1]) },
    GradCase("matmul batched broadcast", [[2, 1, 2, 3], [3, 3, 2]]) { try $0[0].matmul($0[1]) },
    GradCase("dot", [[3], [3]]) { try $0[0].dot($0[1]) },
    GradCase("outer", [[3], [2]]) { try $0[0].outer($0[1]) },
    GradCase("linear 2d", [[2, 3], [4, 3], [4]]) { try Tensor.linear($0[0], $0[1], $0[2]) },
    GradCase("linear 3d", [[2, 2, 3], [4, 3], [4]]) { try Tensor.linear($0[0], $0[1], $0[2]) },
]

let lossCases: [GradCase] = [
    GradCase("mse", [[2, 3], [2, 3]]) { try Tensor.mseLoss($0[0], $0[1]) },
    GradCase("mse sum", [[2, 3], [2, 3]]) { try Tensor.mseLoss($0[0], $0[1], reduction: .sum) },
    GradCase("l1", [[2, 3], [2, 3]]) { try Tensor.l1Loss($0[0], $0[1]) },
    GradCase("smooth_l1", [[2, 3], [2, 3]]) { try Tensor.smoothL1Loss($0[0], $0[1], beta: 0.5) },
    GradCase("huber", [[2, 3], [2, 3]]) { try Tensor.huberLoss($0[0], $0[1], reduction: .sum, delta: 0.4) },
    GradCase("nll", [[3, 4]]) { try Tensor.nllLoss($0[0], idx([1, 0, 3], [3])) },
    GradCase("nll weight ignore", [[3, 4]]) {
        try Tensor.nllLoss($0[0], idx([1, -100, 3], [3]), weight: classWeights(), ignoreIndex: -100)
    },
    GradCase("nll none 3d", [[2, 3, 2]]) { try Tensor.nllLoss($0[0], idx([0, 2, 1, 1], [2, 2]), reduction: .none) },
    GradCase("cross_entropy", [[3, 4]]) { try Tensor.crossEntropy($0[0], idx([1, 0, 3], [3])) },
    GradCase("cross_entropy weight smoothing", [[3, 4]]) {
        try Tensor.crossEntropy($0[0], idx([1, 2, 3], [3]), weight: classWeights(), ignoreIndex: 2, labelSmoothing: 0.1)
    },
    GradCase("cross_entropy smoothing", [[3, 4]]) {
        try Tensor.crossEntropy($0[0], idx([1, 0, 3], [3]), reduction: .sum, labelSmoothing: 0.2)
    },
    GradCase("cross_entropy probabilities", [[3, 4], [3, 4]]) {
        try Tensor.crossEntropy($0[0], $0[1].softmax(dim: 1))
    },
    GradCase("bce", [[2, 3], [2, 3]]) { try Tensor.binaryCrossEntropy($0[0].sigmoid(), $0[1].sigmoid()) },
    GradCase("bce weight", [[2, 3]]) {
        try Tensor.binaryCrossEntropy($0[0].sigmoid(), Tensor.ones([2, 3], dtype: .float64).mul(0.3),
                                      weight: Tensor.from([0.5, 2, 1.25], dtype: .float64))
    },
    GradCase("bce with logits", [[2, 3], [2, 3]]) { try Tensor.binaryCrossEntropyWithLogits($0[0], $0[1].sigmoid()) },
    GradCase("bce with logits pos_weight", [[2, 3], [2, 3]]) {
        try Tensor.binaryCrossEntropyWithLogits($0[0], $0[1].sigmoid(),
                                                posWeight: Tensor.from([2, 0.5, 1.5], dtype: .float64), reduction: .sum)
    },
    GradCase("kl_div", [[2, 3], [2, 3]]) {
        try Tensor.klDiv($0[0].logSoftmax(dim: 1), $0[1].softmax(dim: 1), reduction: "batchmean")
    },
    GradCase("kl_div log_target", [[2, 3], [2, 3]]) {
        try Tensor.klDiv($0[0].logSoftmax(dim: 1), $0[1].logSoftmax(dim: 1), reduction: "sum", logTarget: true)
    },
]

let normCases: [GradCase] = [
    GradCase("batch_norm train", [[4, 3], [3], [3]]) {
        try Tensor.batchNorm($0[0], runningMean: Tensor.zeros([3], dtype: .float64), runningVar: Tensor.ones([3], dtype: .float64),
                             weight: $0[1], bias: $0[2], training: true)
    },
    GradCase("batch_norm train 3d", [[2, 3, 2]]) {
        try Tensor.batchNorm($0[0], runningMean: nil, runningVar: nil, training: true)
    },
    GradCase("batch_norm eval", [[4, 3], [3], [3]]) {
        try Tensor.batchNorm($0[0], runningMean: Tensor.from([0.1, 0.2, -0.3], dtype: .float64),
                             runningVar: Tensor.from([1.5, 0.5, 2], dtype: .float64), weight: $0[1], bias: $0[2], training: false)
    },
    GradCase("layer_norm", [[2, 3], [3], [3]]) {
        try Tensor.layerNorm($0[0], normalizedShape: [3], weight: $0[1], bias: $0[2])
    },
    GradCase("layer_norm 2 dims", [[2, 2, 3]]) { try Tensor.layerNorm($0[0], normalizedShape: [2, 3]) },
]

let inPlaceCases: [GradCase] = [
    GradCase("mul_ on non-leaf", [[2, 3], [2, 3]]) { let y = try $0[0].mul(1.5); try y.mul_($0[1]); return y },
    GradCase("relu_ exp_ on non-leaf", [[2, 3]]) { let y = try $0[0].add(0.1); try y.relu_(); try y.exp_(); return y },
    GradCase("addcdiv_ on non-leaf", [[2, 3], [2, 3], [2, 3]], positive: true) {
        let y = try $0[0].clone(); try y.addcdiv_($0[1], $0[2], value: 0.5); return y
    },
]

@Suite struct GradCheckTests {
    @Test(arguments: elementwiseCases + reductionCases)
    func elementwiseAndReductions(_ c: GradCase) throws {
        #expect(try GradCheck().check(c.inputs(), c.f) == nil)
    }

    @Test(arguments: shapeCases + linalgCases)
    func shapesAndLinalg(_ c: GradCase) throws {
        #expect(try GradCheck().check(c.inputs(), c.f) == nil)
    }

    @Test(arguments: lossCases + normCases + inPlaceCases)
    func lossesNormsAndInPlace(_ c: GradCase) throws {
        #expect(try GradCheck().check(c.inputs(), c.f) == nil)
    }
}

let setItemCases: [GradCase] = [
    GradCase("setitem basic", [[2, 3], [3]]) { let y = try $0[0].mul(2); try y.setItem([.int(1)], $0[1]); return y },
    GradCase("setitem mask", [[2, 3], [1]]) {
        let y = try $0[0].clone()
        try y.setItem([.tensor($0[0].gt(.int(0)).detach())], $0[1])
        return try y.mul(y)
    },
    GradCase("setitem into constant", [[2]]) {
        let buf = try Tensor.zeros([3, 2], dtype: .float64)
        try buf.setItem([.slice(start: 1, stop: nil, step: nil)], $0[0])
        return buf
    },
]

@Suite struct SetItemGradTests {
    @Test(arguments: setItemCases)
    func setItem(_ c: GradCase) throws {
        #expect(try GradCheck().check(c.inputs(), c.f) == nil)
    }

    @Test func copySlicesNode() throws {
        let x = try sample([2, 3], requiresGrad: true)
        let y = try x.mul(2)
        try y.setItem([.int(0)], 0.0)
        #expect(y.gradFn?.name == "CopySlices")
        #expect(y.gradFn?.nextEdges.first?.node?.name == "MulBackward0")
    }
}

let viewInPlaceCases: [GradCase] = [
    GradCase("mul_ through a view", [[2, 3]]) {
        let h = try $0[0].mul(2)
        try h.select(1, 0).mul_(3)
        return try h.mul(h)
    },
    GradCase("relu_ through a slice, view used after", [[2, 3], [2, 3]]) {
        let h = try $0[0].add($0[1])
        let v = try h.slice(1, start: 1, end: 3)
        try v.relu_()
        return try v.exp().sum().add(h.sum())
    },
]

@Suite struct ViewInPlaceGradTests {
    @Test(arguments: viewInPlaceCases)
    func inPlaceThroughView(_ c: GradCase) throws {
        #expect(try GradCheck().check(c.inputs(), c.f) == nil)
    }
}

let moreCases: [GradCase] = [
    GradCase("clamp_min", [[2, 3]]) { try $0[0].clampMin(0.1) },
    GradCase("clamp_max", [[2, 3]]) { try $0[0].clampMax(-0.1) },
    GradCase("embedding", [[4, 2]]) {
        try Tensor.embedding(Tensor.from(ints: [3, 0, 3, 1, 2, 0], shape: [2, 3]), $0[0])
    },
    GradCase("pad", [[2, 3]]) { try $0[0].pad([1, 2, 0, 1], value: 0.5) },
    GradCase("pad negative", [[2, 4]]) { try $0[0].pad([-1, 1]) },
]

@Suite struct MoreGradTests {
    @Test(arguments: moreCases)
    func more(_ c: GradCase) throws {
        #expect(try GradCheck().check(c.inputs(), c.f) == nil)
    }

    @Test func namesOfClampFamily() throws {
        let x = try sample([2], requiresGrad: true)
        #expect(try x.clampMin(0).gradFn?.name == "ClampMinBackward0")
        #expect(try x.clampMax(0).gradFn?.name == "ClampMaxBackward0")
        #expect(try x.pad([1, 1]).shape == [4])
    }

    @Test func embeddingPaddingRowGetsNoGradient() throws {
        let w = try sample([3, 2], requiresGrad: true)
        try Tensor.embedding(Tensor.from(ints: [1, 2, 1]), w, paddingIdx: 1).sum().backward()
        #expect(w.grad?.doubleValues() == [0, 0, 0, 0, 1, 1])
    }
}

let einsumCases: [GradCase] = [
    GradCase("einsum matmul", [[2, 3], [3, 4]]) { try Tensor.einsum("ij,jk->ik", $0) },
    GradCase("einsum batched", [[2, 2, 3], [2, 3, 2]]) { try Tensor.einsum("bij,bjk->bik", $0) },
    GradCase("einsum outer implicit", [[3], [2]]) { try Tensor.einsum("i,j", $0) },
    GradCase("einsum transpose sum", [[2, 3]]) { try Tensor.einsum("ij->j", $0) },
    GradCase("einsum dot", [[3], [3]]) { try Tensor.einsum("i,i->", $0) },
]

@Suite struct EinsumTests {
    @Test(arguments: einsumCases)
    func gradients(_ c: GradCase) throws {
        #expect(try GradCheck().check(c.inputs(), c.f) == nil)
    }

    @Test func matchesMatmul() throws {
        let a = try sample([2, 3]), b = try sample([3, 4], seed: 2)
        #expect(try Tensor.einsum("ij,jk->ik", [a, b]).allclose(a.matmul(b), atol: 1e-6))
        #expect(try Tensor.einsum("ij,kj", [a, b.t()]).allclose(a.matmul(b), atol: 1e-6))
        #expect(try Tensor.einsum("ij->ji", [a]).equal(a.t()))
    }
}

@Suite struct ViewSetItemTests {
    @Test func setItemThroughAViewRebasesTheBase() throws {
        let x = try leaf64([2, 3])
        let check = try GradCheck().check([x]) { inputs in
            let h = try inputs[0].mul(2)
            let row = try h.select(0, 1)
            try row.setItem([.slice(start: 1, stop: nil, step: nil)], try inputs[0].select(0, 0).slice(0, end: 2).exp())
            return try h.mul(h).sum().add(row.sum())
        }
        #expect(check == nil)
    }
}
