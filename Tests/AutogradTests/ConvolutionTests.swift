import Foundation
import Testing
@testable import Autograd

/// Central-difference check of the gradients of `sum(f(inputs) * probe)` for float64 leaves.
/// The probe weights every output differently so a wrong routing of gradients shows up.
func expectGradientsMatchFiniteDifferences(_ inputs: [Tensor], step: Double = 1e-6, tolerance: Double = 1e-6,
                                           sourceLocation: SourceLocation = #_sourceLocation,
                                           _ f: ([Tensor]) throws -> Tensor) throws {
    let out = try f(inputs)
    let probe = try sample(out.shape, seed: 7.7, dtype: .float64)
    let loss = try out.mul(probe).sum()
    let grads = try Autograd.grad(outputs: [loss], inputs: inputs)
    // Not under no_grad: `f` may itself take gradients (double-backward checks).
    func lossValue() throws -> Double {
        try f(inputs).mul(probe).sum().doubleValues()[0]
    }
    for (k, t) in inputs.enumerated() {
        let analytic = try #require(grads[k], sourceLocation: sourceLocation).doubleValues()
        #expect(analytic.count == t.count, sourceLocation: sourceLocation)
        let p = t.storage.typed(Double.self) + t.offset
        for i in 0..<t.count {
            let original = p[i]
            p[i] = original + step
            let up = try lossValue()
            p[i] = original - step
            let down = try lossValue()
            p[i] = original
            let numeric = (up - down) / (2 * step)
            let ok = abs(numeric - analytic[i]) <= tolerance * Swift.max(1, abs(numeric))
            #expect(ok, "input \(k) element \(i): numeric \(numeric) vs autograd \(analytic[i])", sourceLocation: sourceLocation)
        }
    }
}

/// The fixture's grad_fn tree for `expr`, rendered as in `GradFnTreeTests`.
func fixtureTree(_ expr: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "grad_fn", withExtension: "json", subdirectory: "Fixtures"))
    let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let cases = try #require(root["cases"] as? [[String: Any]])
    let found = try #require(cases.first { ($0["expr"] as? String) == expr })
    return GradFnTreeTests.render(json: found["grad_fn"])
}

/// A direct six-loop convolution over plain arrays, the reference for the im2col path.
/// Padding is given per side so "same" with an odd total can be checked too.
func directConv2d(_ x: Tensor, _ w: Tensor, _ b: Tensor?, stride: [Int], pads: [Int], dilation: [Int],
                  groups: Int) -> (values: [Double], shape: [Int]) {
    let xv = x.doubleValues(), wv = w.doubleValues(), bv = b?.doubleValues()
    let n = x.shape[0], c = x.shape[1], h = x.shape[2], wd = x.shape[3]
    let o = w.shape[0], cg = w.shape[1], kh = w.shape[2], kw = w.shape[3]
    let (top, bottom, left, right) = (pads[0], pads[1], pads[2], pads[3])
    let oh = (h + top + bottom - dilation[0] * (kh - 1) - 1) / stride[0] + 1
    let ow = (wd + left + right - dilation[1] * (kw - 1) - 1) / stride[1] + 1
    let og = o / groups
    var out = [Double](repeating: 0, count: n * o * oh * ow)
    for ni in 0..<n {
        for oc in 0..<o {
            let grp = oc / og
            for y in 0..<oh {
                for xo in 0..<ow {
                    var s = bv?[oc] ?? 0
                    for ci in 0..<cg {
                        let ic = grp * cg + ci
                        for ki in 0..<kh {
                            for kj in 0..<kw {
                                let iy = y * stride[0] - top + ki * dilation[0]
                                let ix = xo * stride[1] - left + kj * dilation[1]
                                guard iy >= 0, iy < h, ix >= 0, ix < wd else { continue }
                                s += xv[((ni * c + ic) * h + iy) * wd + ix] * wv[((oc * cg + ci) * kh + ki) * kw + kj]
                            }
                        }
                    }
                    out[((ni * o + oc) * oh + y) * ow + xo] = s
                }
            }
        }
    }
    _ = c
    return (out, [n, o, oh, ow])
}

@Suite struct ConvolutionTests {
    /// One conv2d configuration: input shape, weight shape and window parameters.
    struct Config: CustomTestStringConvertible, Sendable {
        let input: [Int], weight: [Int]
        let stride: [Int], padding: [Int], dilation: [Int], groups: Int, bias: Bool
        var testDescription: String {
            "x\(input) w\(weight) s\(stride) p\(padding) d\(dilation) g\(groups) bias=\(bias)"
        }
    }

    static let configs: [Config] = [
        Config(input: [1, 1, 5, 5], weight: [2, 1, 3, 3], stride: [1], padding: [0], dilation: [1], groups: 1, bias: true),
        Config(input: [2, 3, 6, 5], weight: [4, 3, 3, 2], stride: [2, 1], padding: [1, 0], dilation: [1], groups: 1, bias: true),
        Config(input: [2, 2, 7, 7], weight: [3, 2, 3, 3], stride: [1], padding: [2], dilation: [2], groups: 1, bias: false),
        Config(input: [1, 4, 5, 6], weight: [6, 2, 2, 3], stride: [1, 2], padding: [1], dilation: [1, 2], groups: 2, bias: true),
        Config(input: [2, 4, 4, 4], weight: [4, 1, 3, 3], stride: [1], padding: [1], dilation: [1], groups: 4, bias: false),
        Config(input: [2, 3, 4, 3], weight: [5, 3, 1, 1], stride: [1], padding: [0], dilation: [1], groups: 1, bias: true),
        Config(input: [1, 2, 5, 5], weight: [2, 2, 1, 1], stride: [2], padding: [1], dilation: [1], groups: 1, bias: false),
    ]

    static func operands(_ c: Config, dtype: DType, requiresGrad: Bool = false) throws -> (Tensor, Tensor, Tensor?) {
        let x = try sample(c.input, seed: 0.25, dtype: dtype, requiresGrad: requiresGrad)
        let w = try sample(c.weight, seed: 3.5, dtype: dtype, requiresGrad: requiresGrad)
        let b = c.bias ? try sample([c.weight[0]], seed: 9.1, dtype: dtype, requiresGrad: requiresGrad) : nil
        return (x, w, b)
    }

    static func pads(_ padding: [Int]) -> [Int] {
        let p = padding.count == 1 ? [padding[0], padding[0]] : padding
        return [p[0], p[0], p[1], p[1]]
    }

    @Test(arguments: configs)
    func forwardMatchesDirectLoops(_ c: Config) throws {
        for dtype in [DType.float64, .float32] {
            let (x, w, b) = try Self.operands(c, dtype: dtype)
            let out = try Tensor.conv2d(x, w, b, stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups)
            let ref = directConv2d(x, w, b, stride: broadcastPair(c.stride), pads: Self.pads(c.padding),
                                   dilation: broadcastPair(c.dilation), groups: c.groups)
            #expect(out.shape == ref.shape)
            #expect(out.dtype == dtype)
            let tol = dtype == .float64 ? 1e-12 : 1e-4
            for (a, e) in zip(out.doubleValues(), ref.values) { #expect(abs(a - e) <= tol * Swift.max(1, abs(e))) }
        }
    }

    @Test(arguments: configs)
    func gradientsMatchFiniteDifferences(_ c: Config) throws {
        let (x, w, b) = try Self.operands(c, dtype: .float64, requiresGrad: true)
        let inputs = [x, w] + (b.map { [$0] } ?? [])
        try expectGradientsMatchFiniteDifferences(inputs) { t in
            try Tensor.conv2d(t[0], t[1], t.count > 2 ? t[2] : nil, stride: c.stride, padding: c.padding,
                              dilation: c.dilation, groups: c.groups)
        }
    }

    @Test func stridedNonContiguousOperandsAreRead() throws {
        // A transposed input and a sliced weight must give the same result as their copies.
        let base = try sample([1, 2, 6, 5], seed: 1.5, dtype: .float64)
        let x = try base.transpose(2, 3)
        let wBase = try sample([3, 2, 3, 3], seed: 2.5, dtype: .float64)
        let w = try wBase.slice(0, start: 1, end: 3)
        let out = try Tensor.conv2d(x, w, nil, padding: [1])
        let ref = try Tensor.conv2d(x.contiguous(), w.contiguous(), nil, padding: [1])
        #expect(out.doubleValues() == ref.doubleValues())
    }

    @Test func unbatchedInputIsUnsqueezedAndSqueezed() throws {
        let x = try sample([2, 5, 4], seed: 0.5, dtype: .float64, requiresGrad: true)
        let w = try sample([3, 2, 3, 3], seed: 1.5, dtype: .float64, requiresGrad: true)
        let out = try Tensor.conv2d(x, w, nil, padding: [1])
        #expect(out.shape == [3, 5, 4])
        let batched = try Tensor.conv2d(x.unsqueeze(0), w, nil, padding: [1])
        #expect(out.doubleValues() == batched.doubleValues())
        #expect(GradFnTreeTests.render(node: out.gradFn)
            == "SqueezeBackward1(ConvolutionBackward0(UnsqueezeBackward0(AccumulateGrad:0):0, AccumulateGrad:0, None:0):0)")
        try expectGradientsMatchFiniteDifferences([x, w]) { t in try Tensor.conv2d(t[0], t[1], nil, padding: [1]) }
    }

    @Test func paddingSameKeepsSizeAndMatchesDirectLoops() throws {
        // Odd kernel (symmetric padding) and even kernel / odd dilation (one extra row and column
        // at the bottom/right).
        let cases: [(weight: [Int], dilation: [Int], pads: [Int])] = [
            ([2, 3, 3, 3], [1], [1, 1, 1, 1]),
            ([2, 3, 2, 4], [1], [0, 1, 1, 2]),
            ([2, 3, 2, 2], [3, 1], [1, 2, 0, 1]),
        ]
        let x = try sample([2, 3, 6, 7], seed: 0.75, dtype: .float64, requiresGrad: true)
        for c in cases {
            let w = try sample(c.weight, seed: 4.25, dtype: .float64, requiresGrad: true)
            let out = try Tensor.conv2d(x, w, nil, padding: "same", dilation: c.dilation)
            #expect(out.shape == [2, 2, 6, 7])
            let ref = directConv2d(x, w, nil, stride: [1, 1], pads: c.pads, dilation: broadcastPair(c.dilation), groups: 1)
            #expect(out.shape == ref.shape)
            for (a, e) in zip(out.doubleValues(), ref.values) { #expect(abs(a - e) <= 1e-12 * Swift.max(1, abs(e))) }
            try expectGradientsMatchFiniteDifferences([x, w]) { t in
                try Tensor.conv2d(t[0], t[1], nil, padding: "same", dilation: c.dilation)
            }
        }
        let w = try sample([2, 3, 3, 3], seed: 4.25, dtype: .float64)
        let valid = try Tensor.conv2d(x, w, nil, padding: "valid")
        let zero = try Tensor.conv2d(x, w, nil, padding: [0])
        #expect(valid.shape == [2, 2, 4, 5])
        #expect(valid.doubleValues() == zero.doubleValues())
    }

    @Test func gradFnMatchesFixture() throws {
        let expected = try fixtureTree("nn.Conv2d(1, 2, 3)(torch.randn(1, 1, 5, 5))")
        let x = try sample([1, 1, 5, 5], seed: 0.1)
        let w = try sample([2, 1, 3, 3], seed: 0.2, requiresGrad: true)
        let b = try sample([2], seed: 0.3, requiresGrad: true)
        let out = try Tensor.conv2d(x, w, b)
        #expect(GradFnTreeTests.render(node: out.gradFn) == expected)
    }

    @Test func savedValuesAndEdges() throws {
        let x = try sample([1, 2, 5, 5], seed: 0.1, requiresGrad: true)
        let w = try sample([4, 1, 3, 3], seed: 0.2, requiresGrad: true)
        let out = try Tensor.conv2d(x, w, nil, stride: [2], padding: [1, 0], dilation: [1], groups: 2)
        let node = try #require(out.gradFn)
        #expect(node.name == "ConvolutionBackward0")
        #expect(node.nextEdges.count == 3)
        #expect(node.nextEdges[2].node == nil)
        #expect(node.saved.map(\.name) == ["bias_sym_sizes_opt", "dilation", "groups", "input", "output_padding",
                                           "padding", "stride", "transposed", "weight"])
        if case .ints(let s)? = node.savedValue("stride") { #expect(s == [2, 2]) } else { Issue.record("stride not saved") }
        if case .ints(let p)? = node.savedValue("padding") { #expect(p == [1, 0]) } else { Issue.record("padding not saved") }
        if case .int(let g)? = node.savedValue("groups") { #expect(g == 2) } else { Issue.record("groups not saved") }
        if case .bool(let t)? = node.savedValue("transposed") { #expect(!t) } else { Issue.record("transposed not saved") }
        try out.sum().backward()
        #expect(x.grad?.shape == [1, 2, 5, 5])
        #expect(w.grad?.shape == [4, 1, 3, 3])
    }

    @Test func doubleBackwardThroughTheIncomingGradient() throws {
        // The three gradients are linear in the output gradient v; create_graph must let a
        // second backward differentiate them with respect to v.
        let x = try sample([2, 2, 5, 4], seed: 0.45, dtype: .float64, requiresGrad: true)
        let w = try sample([4, 1, 3, 2], seed: 1.25, dtype: .float64, requiresGrad: true)
        let b = try sample([4], seed: 2.75, dtype: .float64, requiresGrad: true)
        let v = try sample([2, 4, 3, 3], seed: 3.5, dtype: .float64, requiresGrad: true)
        try expectGradientsMatchFiniteDifferences([v]) { t in
            let out = try Tensor.conv2d(x, w, b, stride: [1, 2], padding: [0, 1], groups: 2)
            let g = try Autograd.grad(outputs: [out], inputs: [x, w, b], gradOutputs: [t[0]], createGraph: true)
            let parts = try g.map { try #require($0).flatten() }
            #expect(g[0]?.gradFn?.name == "ConvolutionBackwardBackward0")
            return try Tensor.cat(parts)
        }
    }

    @Test func onlyRequestedGradientsAreComputed() throws {
        let x = try sample([1, 1, 4, 4], seed: 0.1, dtype: .float64)
        let w = try sample([1, 1, 2, 2], seed: 0.2, dtype: .float64, requiresGrad: true)
        let b = try sample([1], seed: 0.3, dtype: .float64)
        try Tensor.conv2d(x, w, b).sum().backward()
        #expect(x.grad == nil)
        #expect(b.grad == nil)
        // d(sum)/dw[i, j] is the sum of the input window that weight tap sees.
        let xv = x.doubleValues()
        var expected: [Double] = []
        for i in 0..<2 {
            for j in 0..<2 {
                var s = 0.0
                for y in 0..<3 { for z in 0..<3 { s += xv[(y + i) * 4 + z + j] } }
                expected.append(s)
            }
        }
        let got = try #require(w.grad).doubleValues()
        for (a, e) in zip(got, expected) { #expect(abs(a - e) < 1e-12) }
    }

    @Test func emptyBatchGivesEmptyOutput() throws {
        let x = try Tensor.zeros([0, 2, 5, 5])
        let w = try sample([3, 2, 3, 3])
        let out = try Tensor.conv2d(x, w)
        #expect(out.shape == [0, 3, 3, 3])
    }

    @Test func errorMessagesMatchPyTorch() throws {
        let x = try sample([1, 3, 5, 5]), w = try sample([2, 1, 3, 3])
        let cases: [(String, () throws -> Void)] = [
            ("Given groups=1, weight of size [2, 1, 3, 3], expected input[1, 3, 5, 5] to have 1 channels, but got 3 channels instead",
             { _ = try Tensor.conv2d(x, w) }),
            ("Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size",
             { _ = try Tensor.conv2d(sample([1, 1, 2, 2]), w) }),
            ("Calculated padded input size per channel: (6 x 4). Kernel size: (5 x 5). Kernel size can't be greater than actual input size",
             { _ = try Tensor.conv2d(sample([1, 1, 4, 4]), w, padding: [1, 0], dilation: [2]) }),
            ("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [5, 5]",
             { _ = try Tensor.conv2d(sample([5, 5]), w) }),
            ("Given groups=2, expected weight to be divisible by 2 at dimension 0, but got weight of size [[3, 1, 3, 3]] instead",
             { _ = try Tensor.conv2d(sample([1, 2, 5, 5]), sample([3, 1, 3, 3]), groups: 2) }),
            ("Given groups=4, expected weight to be at least 4 at dimension 0, but got weight of size [2, 1, 3, 3] instead",
             { _ = try Tensor.conv2d(sample([1, 4, 5, 5]), w, groups: 4) }),
            ("Given weight of size [2, 1, 3, 3], expected bias to be 1-dimensional with 2 elements, but got bias of size [3] instead",
             { _ = try Tensor.conv2d(sample([1, 1, 5, 5]), w, sample([3])) }),
            ("Expected 4-dimensional input for 4-dimensional weight [2, 1, 3, 3], but got 5-dimensional input of size [1, 1, 1, 5, 5] instead",
             { _ = try Tensor.convolution(sample([1, 1, 1, 5, 5]), w, nil, stride: [1], padding: [0], asymmetricExtra: nil, dilation: [1], groups: 1) }),
            ("non-positive stride is not supported", { _ = try Tensor.conv2d(sample([1, 1, 5, 5]), w, stride: [0]) }),
            ("negative padding is not supported", { _ = try Tensor.conv2d(sample([1, 1, 5, 5]), w, padding: [-1]) }),
            ("dilation should be greater than zero, but got [0, 1]",
             { _ = try Tensor.conv2d(sample([1, 1, 5, 5]), w, dilation: [0, 1]) }),
            ("kernel size should be greater than zero, but got kernel_height: 0 kernel_width: 3",
             { _ = try Tensor.conv2d(sample([1, 1, 5, 5]), sample([2, 1, 0, 3])) }),
            // A 1x1 image padded by 2^21 on every side gives (1 + 2^22)^2 float outputs.
            ("DefaultCPUAllocator: not enough memory: you tried to allocate \((1 + 2 * (1 << 21)) * (1 + 2 * (1 << 21)) * 4) bytes.",
             { _ = try Tensor.conv2d(sample([1, 1, 1, 1]), sample([1, 1, 1, 1]), padding: [1 << 21]) }),
            ("non-positive groups is not supported", { _ = try Tensor.conv2d(sample([1, 1, 5, 5]), w, groups: 0) }),
            ("expected stride to be a single integer value or a list of 2 values to match the convolution dimensions, but got stride=[1, 1, 1]",
             { _ = try Tensor.conv2d(sample([1, 1, 5, 5]), w, stride: [1, 1, 1]) }),
            ("weight should have at least three dimensions", { _ = try Tensor.conv2d(sample([1, 1, 5, 5]), sample([2, 1])) }),
            ("padding='same' is not supported for strided convolutions",
             { _ = try Tensor.conv2d(sample([1, 1, 5, 5]), w, stride: [2], padding: "same") }),
            ("Invalid padding string: 'full'", { _ = try Tensor.conv2d(sample([1, 1, 5, 5]), w, padding: "full") }),
            ("Input type (float) and bias type (double) should be the same",
             { _ = try Tensor.conv2d(sample([1, 1, 5, 5]), w, sample([2], dtype: .float64)) }),
        ]
        for (expected, body) in cases {
            #expect(thrownMessage(body) == expected)
        }
    }

    @Test func defaultInitialisedConv2dMatchesFixtureAndRuns() throws {
        let fixture = try #require(loadExtraRNGCases().first { $0.call == "nn.Conv2d(3, 4, 3)" && $0.seed == 0 })
        let weight = try Tensor.zeros([4, 3, 3, 3])
        let bias = try Tensor.zeros([4])
        let wp = UnsafeMutableBufferPointer(start: weight.storage.typed(Float.self), count: weight.count)
        let bp = UnsafeMutableBufferPointer(start: bias.storage.typed(Float.self), count: bias.count)
        try ParameterInit.resetParameters(weight: wp, weightShape: weight.shape, bias: bp, generator: Generator(seed: 0))
        let expectedWeight = try #require(fixture.weight), expectedBias = try #require(fixture.bias)
        #expect(weight.doubleValues() == expectedWeight.map { Double(Float($0)) })
        #expect(bias.doubleValues() == expectedBias.map { Double(Float($0)) })
        let x = try sample([2, 3, 6, 6], seed: 0.5)
        let out = try Tensor.conv2d(x, weight, bias)
        let ref = directConv2d(x, weight, bias, stride: [1, 1], pads: [0, 0, 0, 0], dilation: [1, 1], groups: 1)
        #expect(out.shape == ref.shape)
        for (a, e) in zip(out.doubleValues(), ref.values) { #expect(abs(a - e) <= 1e-5) }
    }
}

@Suite struct ConvolutionChunkingTests {
    /// Runs the kernels directly with a given scratch budget; returns output and gradients.
    static func run(budget: Int, groups: Int) throws -> [[Double]] {
        let x = try sample([5, 4, 6, 5], seed: 0.35, dtype: .float64)
        let w = try sample([6, 4 / groups, 3, 2], seed: 1.75, dtype: .float64)
        let b = try sample([6], seed: 2.5, dtype: .float64)
        let geometry = WindowGeometry(channels: 4 / groups, height: 6, width: 5, kernelH: 3, kernelW: 2,
                                      padTop: 1, padLeft: 0, strideH: 1, strideW: 2, dilationH: 2, dilationW: 1,
                                      outH: 4, outW: 2)
        var plan = Conv2dKernels.Plan(batch: 5, inChannels: 4, outChannels: 6, groups: groups, geometry: geometry)
        plan.scratchBudget = budget
        let out = Tensor(shape: [5, 6, 4, 2], dtype: .float64, zeroed: true)
        Conv2dKernels.forward(plan, input: x, weight: w, bias: b, out: out, Double.self)
        let grad = try sample([5, 6, 4, 2], seed: 3.25, dtype: .float64)
        let gi = Tensor(shape: x.shape, dtype: .float64, zeroed: true)
        let gw = Tensor(shape: w.shape, dtype: .float64, zeroed: true)
        let gb = Tensor(shape: [6], dtype: .float64, zeroed: true)
        Conv2dKernels.backward(plan, gradOutput: grad, input: x, weight: w, gradInput: gi, gradWeight: gw,
                               gradBias: gb, Double.self)
        let ref = directConv2d(x, w, b, stride: [1, 2], pads: [1, 1, 0, 0], dilation: [2, 1], groups: groups)
        #expect(ref.shape == out.shape)
        for (a, e) in zip(out.doubleValues(), ref.values) { #expect(abs(a - e) <= 1e-12) }
        return [out.doubleValues(), gi.doubleValues(), gw.doubleValues(), gb.doubleValues()]
    }

    @Test(arguments: [1, 2])
    func chunkedBatchesGiveTheSameResults(groups: Int) throws {
        // Budget 1 forces one image per GEMM; the default puts all five images in one.
        let single = try Self.run(budget: 1, groups: groups)
        let whole = try Self.run(budget: Conv2dKernels.scratchBudget, groups: groups)
        let partial = try Self.run(budget: 2 * 24 * 8, groups: groups)
        for (s, (wv, pv)) in zip(single, zip(whole, partial)) {
            for (a, (b, c)) in zip(s, zip(wv, pv)) {
                #expect(abs(a - b) <= 1e-12 * Swift.max(1, abs(a)))
                #expect(abs(a - c) <= 1e-12 * Swift.max(1, abs(a)))
            }
        }
    }
}
