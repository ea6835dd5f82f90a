import Testing
@testable import Autograd

/// Direct-loop pooling references over (planes, H, W) arrays: every window position is
/// visited explicitly, with padding taken as "not there".
enum DirectPool {
    static func outSize(_ n: Int, k: Int, s: Int, p: Int, d: Int, ceil: Bool) -> Int {
        let span = n + 2 * p - d * (k - 1) - 1
        var out = (ceil ? (span + s - 1) / s : span / s) + 1
        if ceil && (out - 1) * s >= n + p { out -= 1 }
        return out
    }

    static func maxPool(_ x: Tensor, k: [Int], s: [Int], p: [Int], d: [Int], ceil: Bool) -> (values: [Double], indices: [Int], shape: [Int]) {
        let v = x.doubleValues()
        let h = x.shape[x.ndim - 2], w = x.shape[x.ndim - 1], planes = x.count / (h * w)
        let oh = outSize(h, k: k[0], s: s[0], p: p[0], d: d[0], ceil: ceil)
        let ow = outSize(w, k: k[1], s: s[1], p: p[1], d: d[1], ceil: ceil)
        var values: [Double] = [], indices: [Int] = []
        for pl in 0..<planes {
            for y in 0..<oh {
                for z in 0..<ow {
                    var best = -Double.infinity, bestIndex = -1
                    for i in 0..<k[0] {
                        for j in 0..<k[1] {
                            let iy = y * s[0] - p[0] + i * d[0], ix = z * s[1] - p[1] + j * d[1]
                            guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                            let value = v[pl * h * w + iy * w + ix]
                            if value > best { best = value; bestIndex = iy * w + ix }
                        }
                    }
                    values.append(best); indices.append(bestIndex)
                }
            }
        }
        return (values, indices, Array(x.shape.prefix(x.ndim - 2)) + [oh, ow])
    }

    static func avgPool(_ x: Tensor, k: [Int], s: [Int], p: [Int], ceil: Bool, countIncludePad: Bool,
                        divisor: Int?) -> (values: [Double], shape: [Int]) {
        let v = x.doubleValues()
        let h = x.shape[x.ndim - 2], w = x.shape[x.ndim - 1], planes = x.count / (h * w)
        let oh = outSize(h, k: k[0], s: s[0], p: p[0], d: 1, ceil: ceil)
        let ow = outSize(w, k: k[1], s: s[1], p: p[1], d: 1, ceil: ceil)
        var values: [Double] = []
        for pl in 0..<planes {
            for y in 0..<oh {
                for z in 0..<ow {
                    var sum = 0.0, inside = 0, padded = 0
                    for i in 0..<k[0] {
                        for j in 0..<k[1] {
                            let iy = y * s[0] - p[0] + i, ix = z * s[1] - p[1] + j
                            // Positions past the padded border (ceil mode) count for nothing.
                            guard iy < h + p[0], ix < w + p[1] else { continue }
                            padded += 1
                            guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                            inside += 1
                            sum += v[pl * h * w + iy * w + ix]
                        }
                    }
                    values.append(sum / Double(divisor ?? (countIncludePad ? padded : inside)))
                }
            }
        }
        return (values, Array(x.shape.prefix(x.ndim - 2)) + [oh, ow])
    }
}

@Suite struct PoolingTests {
    struct MaxConfig: CustomTestStringConvertible, Sendable {
        let input: [Int], kernel: [Int], stride: [Int], padding: [Int], dilation: [Int], ceil: Bool
        var testDescription: String { "x\(input) k\(kernel) s\(stride) p\(padding) d\(dilation) ceil=\(ceil)" }
    }

    static let maxConfigs: [MaxConfig] = [
        MaxConfig(input: [1, 1, 2, 3], kernel: [2], stride: [], padding: [0], dilation: [1], ceil: false),
        MaxConfig(input: [2, 3, 7, 6], kernel: [3, 2], stride: [2, 1], padding: [1, 0], dilation: [1], ceil: false),
        MaxConfig(input: [2, 2, 7, 7], kernel: [3], stride: [2], padding: [1], dilation: [2], ceil: true),
        MaxConfig(input: [3, 5, 5], kernel: [2], stride: [2], padding: [1], dilation: [1], ceil: true),
        MaxConfig(input: [1, 2, 6, 5], kernel: [2, 3], stride: [3], padding: [0, 1], dilation: [1], ceil: true),
    ]

    @Test(arguments: maxConfigs)
    func maxPoolMatchesDirectLoopsAndGradients(_ c: MaxConfig) throws {
        let x = try sample(c.input, seed: 0.4, dtype: .float64, requiresGrad: true)
        let (values, indices) = try Tensor.maxPool2dWithIndices(x, kernelSize: c.kernel, stride: c.stride,
                                                                 padding: c.padding, dilation: c.dilation, ceilMode: c.ceil)
        let s = c.stride.isEmpty ? c.kernel : c.stride
        let ref = DirectPool.maxPool(x, k: broadcastPair(c.kernel), s: broadcastPair(s), p: broadcastPair(c.padding),
                                     d: broadcastPair(c.dilation), ceil: c.ceil)
        #expect(values.shape == ref.shape)
        #expect(values.doubleValues() == ref.values)
        #expect(indices.dtype == .int64)
        #expect(indices.int64Values().map(Int.init) == ref.indices)
        #expect(values.gradFn?.name == "MaxPool2DWithIndicesBackward0")
        try expectGradientsMatchFiniteDifferences([x]) { t in
            try Tensor.maxPool2d(t[0], kernelSize: c.kernel, stride: c.stride, padding: c.padding,
                                 dilation: c.dilation, ceilMode: c.ceil)
        }
    }

    @Test func maxPoolLetsNaNWinAndFloat32Agrees() throws {
        let x = try Tensor.from([1, .nan, 3, 4, 5, 6, 7, 8], shape: [1, 2, 4])
        let (v, i) = try Tensor.maxPool2dWithIndices(x, kernelSize: [2])
        #expect(v.doubleValues()[0].isNaN)
        #expect(v.doubleValues()[1] == 8)
        #expect(i.int64Values() == [1, 7])
        let y = try sample([2, 3, 6, 6], seed: 0.9)
        let a = try Tensor.maxPool2d(y, kernelSize: [3], stride: [2], padding: [1])
        let b = try Tensor.maxPool2d(y.to(.float64), kernelSize: [3], stride: [2], padding: [1])
        #expect(a.doubleValues() == b.doubleValues())
    }

    @Test func maxPoolTiesKeepTheFirstPosition() throws {
        // Equal values: the first position scanned (row-major within the window) is the index.
        let x = try Tensor.ones([1, 1, 4, 6], dtype: .float64).requiresGrad_()
        let (_, i) = try Tensor.maxPool2dWithIndices(x, kernelSize: [2, 3])
        var expected: [Int64] = []
        for r in 0..<2 { for c in 0..<2 { expected.append(Int64(r * 2 * 6 + c * 3)) } }
        #expect(i.int64Values() == expected)
        try Tensor.maxPool2d(x, kernelSize: [2, 3]).sum().backward()
        let g = try #require(x.grad).doubleValues()
        #expect(g.enumerated().filter { $0.element != 0 }.map { Int64($0.offset) } == expected)
    }

    @Test func integerInputsPoolLikeTheirFloatValues() throws {
        let values: [Int64] = (0..<48).map { Int64(($0 * 37) % 23) - 15 }
        let xi = try Tensor.from(ints: values, shape: [1, 3, 4, 4])
        let xf = try xi.to(.float64)
        for dtype in [DType.int64, .int32] {
            let (v, i) = try Tensor.maxPool2dWithIndices(xi.to(dtype), kernelSize: [3], stride: [1], padding: [1])
            let (vf, iff) = try Tensor.maxPool2dWithIndices(xf, kernelSize: [3], stride: [1], padding: [1])
            #expect(v.dtype == dtype)
            #expect(v.doubleValues() == vf.doubleValues())
            #expect(i.int64Values() == iff.int64Values())
        }
        // Long average pooling divides the integer sum with truncation toward zero.
        let avg = try Tensor.avgPool2d(xi, kernelSize: [2], padding: [1], countIncludePad: false)
        let avgf = try Tensor.avgPool2d(xf, kernelSize: [2], padding: [1], countIncludePad: false)
        let sums = try Tensor.avgPool2d(xf, kernelSize: [2], padding: [1], divisorOverride: 1)
        #expect(avg.dtype == .int64)
        let counts = zip(sums.doubleValues(), avgf.doubleValues()).map { $1 == 0 ? 1 : ($0 / $1).rounded() }
        let expected = zip(sums.doubleValues(), counts).map { Double(Int64($0) / Int64($1)) }
        #expect(avg.doubleValues() == expected)
        #expect(thrownMessage { _ = try Tensor.maxPool2d(Tensor.from(bools: [true, false, true, true], shape: [1, 2, 2]), kernelSize: [2]) }
            == "\"max_pool2d\" not implemented for 'Bool'")
        #expect(thrownMessage { _ = try Tensor.avgPool2d(xi.to(.int32), kernelSize: [2]) }
            == "\"avg_pool2d\" not implemented for 'Int'")
    }

    @Test func maxPoolSavedValues() throws {
        let x = try sample([1, 1, 4, 4], requiresGrad: true)
        let out = try Tensor.maxPool2d(x, kernelSize: [2])
        let node = try #require(out.gradFn)
        #expect(node.saved.map(\.name) == ["ceil_mode", "dilation", "kernel_size", "padding", "self", "stride", "result1"])
        if case .ints(let k)? = node.savedValue("kernel_size") { #expect(k == [2, 2]) } else { Issue.record("kernel_size") }
        if case .ints(let s)? = node.savedValue("stride") { #expect(s.isEmpty) } else { Issue.record("stride") }
    }

    @Test func ceilModeDropsWindowStartingInRightPadding() throws {
        // 5 wide, kernel 2, stride 2, padding 1: ceil gives 4 windows, but the 4th would start
        // at 6 = input + left padding, so PyTorch keeps 3.
        let x = try sample([1, 1, 5, 5])
        #expect(try Tensor.maxPool2d(x, kernelSize: [2], stride: [2], padding: [1], ceilMode: true).shape == [1, 1, 3, 3])
        #expect(try Tensor.maxPool2d(x, kernelSize: [2], stride: [2], padding: [0], ceilMode: true).shape == [1, 1, 3, 3])
        #expect(try Tensor.maxPool2d(x, kernelSize: [2], stride: [2], padding: [0], ceilMode: false).shape == [1, 1, 2, 2])
        #expect(try poolingOutputSize(5, kernel: 2, pad: 1, stride: 2, dilation: 1, ceilMode: true) == 3)
        #expect(try poolingOutputSize(6, kernel: 3, pad: 1, stride: 2, dilation: 1, ceilMode: true) == 4)
    }

    @Test func maxPoolGradFnMatchesFixture() throws {
        let expected = try fixtureTree("nn.MaxPool2d(2)(x.view(1, 1, 2, 3))")
        let x = try sample([2, 3], seed: 0.3, requiresGrad: true)
        let out = try Tensor.maxPool2d(x.view([1, 1, 2, 3]), kernelSize: [2])
        #expect(out.shape == [1, 1, 1, 1])
        #expect(GradFnTreeTests.render(node: out.gradFn) == expected)
    }

    struct AvgConfig: CustomTestStringConvertible, Sendable {
        let input: [Int], kernel: [Int], stride: [Int], padding: [Int], ceil: Bool, countIncludePad: Bool, divisor: Int?
        var testDescription: String { "x\(input) k\(kernel) s\(stride) p\(padding) ceil=\(ceil) cip=\(countIncludePad) div=\(String(describing: divisor))" }
    }

    static let avgConfigs: [AvgConfig] = [
        AvgConfig(input: [1, 1, 4, 4], kernel: [2], stride: [], padding: [0], ceil: false, countIncludePad: true, divisor: nil),
        AvgConfig(input: [2, 3, 7, 6], kernel: [3, 2], stride: [2, 1], padding: [1, 0], ceil: false, countIncludePad: true, divisor: nil),
        AvgConfig(input: [2, 3, 7, 6], kernel: [3, 2], stride: [2, 1], padding: [1, 0], ceil: false, countIncludePad: false, divisor: nil),
        AvgConfig(input: [3, 5, 5], kernel: [2], stride: [2], padding: [1], ceil: true, countIncludePad: true, divisor: nil),
        AvgConfig(input: [1, 2, 5, 7], kernel: [3], stride: [2], padding: [1], ceil: true, countIncludePad: false, divisor: nil),
        AvgConfig(input: [1, 2, 5, 5], kernel: [3], stride: [2], padding: [1], ceil: true, countIncludePad: true, divisor: 5),
    ]

    @Test(arguments: avgConfigs)
    func avgPoolMatchesDirectLoopsAndGradients(_ c: AvgConfig) throws {
        let x = try sample(c.input, seed: 0.6, dtype: .float64, requiresGrad: true)
        let out = try Tensor.avgPool2d(x, kernelSize: c.kernel, stride: c.stride, padding: c.padding, ceilMode: c.ceil,
                                       countIncludePad: c.countIncludePad, divisorOverride: c.divisor)
        let s = c.stride.isEmpty ? c.kernel : c.stride
        let ref = DirectPool.avgPool(x, k: broadcastPair(c.kernel), s: broadcastPair(s), p: broadcastPair(c.padding),
                                     ceil: c.ceil, countIncludePad: c.countIncludePad, divisor: c.divisor)
        #expect(out.shape == ref.shape)
        for (a, e) in zip(out.doubleValues(), ref.values) { #expect(abs(a - e) <= 1e-12) }
        #expect(out.gradFn?.name == "AvgPool2DBackward0")
        try expectGradientsMatchFiniteDifferences([x]) { t in
            try Tensor.avgPool2d(t[0], kernelSize: c.kernel, stride: c.stride, padding: c.padding, ceilMode: c.ceil,
                                 countIncludePad: c.countIncludePad, divisorOverride: c.divisor)
        }
    }

    @Test func adaptiveAvgPoolMatchesDirectLoopsAndGradients() throws {
        let x = try sample([2, 3, 7, 5], seed: 0.8, dtype: .float64, requiresGrad: true)
        for size: [Int?] in [[3, 2], [4], [7, 5], [2, nil], [5, 3]] {
            let out = try Tensor.adaptiveAvgPool2d(x, outputSize: size)
            let oh = size[0] ?? 7, ow = size.count == 1 ? oh : (size[1] ?? 5)
            #expect(out.shape == [2, 3, oh, ow])
            #expect(out.gradFn?.name == "AdaptiveAvgPool2DBackward0")
            let v = x.doubleValues(), got = out.doubleValues()
            for pl in 0..<6 {
                for i in 0..<oh {
                    for j in 0..<ow {
                        let r0 = Int((Double(i * 7) / Double(oh)).rounded(.down)), r1 = Int((Double((i + 1) * 7) / Double(oh)).rounded(.up))
                        let c0 = Int((Double(j * 5) / Double(ow)).rounded(.down)), c1 = Int((Double((j + 1) * 5) / Double(ow)).rounded(.up))
                        var s = 0.0
                        for r in r0..<r1 { for c in c0..<c1 { s += v[pl * 35 + r * 5 + c] } }
                        let e = s / Double((r1 - r0) * (c1 - c0))
                        #expect(abs(got[(pl * oh + i) * ow + j] - e) <= 1e-12)
                    }
                }
            }
            try expectGradientsMatchFiniteDifferences([x]) { t in try Tensor.adaptiveAvgPool2d(t[0], outputSize: size) }
        }
    }

    @Test func adaptiveAvgPoolToOneIsMean() throws {
        let x = try sample([2, 3, 4, 5], seed: 0.2, dtype: .float64, requiresGrad: true)
        let out = try Tensor.adaptiveAvgPool2d(x, outputSize: [1])
        #expect(out.shape == [2, 3, 1, 1])
        #expect(out.gradFn?.name == "MeanBackward1")
        let mean = try x.mean(dims: [2, 3], keepdim: true)
        for (a, e) in zip(out.doubleValues(), mean.doubleValues()) { #expect(abs(a - e) <= 1e-12) }
    }

    @Test func doubleBackwardThroughTheIncomingGradient() throws {
        let x = try sample([2, 2, 6, 5], seed: 0.15, dtype: .float64, requiresGrad: true)
        let pools: [(String, (Tensor) throws -> Tensor)] = [
            ("MaxPool2DWithIndicesBackwardBackward0", { try Tensor.maxPool2d($0, kernelSize: [3, 2], stride: [2], padding: [1], ceilMode: true) }),
            ("AvgPool2DBackwardBackward0", { try Tensor.avgPool2d($0, kernelSize: [3, 2], stride: [2], padding: [1], ceilMode: true, countIncludePad: false) }),
            ("AdaptiveAvgPool2DBackwardBackward0", { try Tensor.adaptiveAvgPool2d($0, outputSize: [4, 3]) }),
        ]
        for (name, pool) in pools {
            let outShape = try pool(x).shape
            let v = try sample(outShape, seed: 2.2, dtype: .float64, requiresGrad: true)
            try expectGradientsMatchFiniteDifferences([v]) { t in
                let g = try Autograd.grad(outputs: [pool(x)], inputs: [x], gradOutputs: [t[0]], createGraph: true)
                let gx = try #require(g[0])
                #expect(gx.gradFn?.name == name)
                return gx
            }
        }
    }

    @Test func errorMessagesMatchPyTorch() throws {
        let x = try sample([1, 1, 2, 3])
        let cases: [(String, () throws -> Void)] = [
            ("Given input size: (1x2x3). Calculated output size: (1x0x1). Output size is too small",
             { _ = try Tensor.maxPool2d(x, kernelSize: [3]) }),
            ("pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1",
             { _ = try Tensor.maxPool2d(x, kernelSize: [2], padding: [2]) }),
            ("non-empty 3D or 4D (batch mode) tensor expected for input",
             { _ = try Tensor.maxPool2d(sample([2, 3]), kernelSize: [2]) }),
            ("stride should not be zero", { _ = try Tensor.maxPool2d(x, kernelSize: [2], stride: [0]) }),
            ("pad must be non-negative, but got pad: -1", { _ = try Tensor.maxPool2d(x, kernelSize: [2], padding: [-1]) }),
            ("max_pool2d: kernel_size must either be a single int, or a tuple of two ints",
             { _ = try Tensor.maxPool2d(x, kernelSize: [1, 2, 3]) }),
            ("max_pool2d: stride must either be omitted, a single int, or a tuple of two ints",
             { _ = try Tensor.maxPool2d(x, kernelSize: [1], stride: [1, 1, 1]) }),
            ("Given input size: (1x2x3). Calculated output size: (1x0x1). Output size is too small",
             { _ = try Tensor.avgPool2d(x, kernelSize: [3]) }),
            ("max_pool2d: padding must either be a single int, or a tuple of two ints",
             { _ = try Tensor.maxPool2d(x, kernelSize: [1], padding: []) }),
            ("max_pool2d: dilation must be either a single int, or a tuple of two ints",
             { _ = try Tensor.maxPool2d(x, kernelSize: [1], dilation: [1, 1, 1]) }),
            ("avg_pool2d: padding must either be a single int, or a tuple of two ints",
             { _ = try Tensor.avgPool2d(x, kernelSize: [1], padding: [0, 0, 0]) }),
            ("Dimension out of range (expected to be in range of [-2, 1], but got -3)",
             { _ = try Tensor.avgPool2d(sample([2, 3]), kernelSize: [2]) }),
            ("Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:[1, 1, 1, 2, 3]",
             { _ = try Tensor.avgPool2d(sample([1, 1, 1, 2, 3]), kernelSize: [2]) }),
            ("Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:[1, 0, 2, 3]",
             { _ = try Tensor.maxPool2d(sample([1, 0, 2, 3]), kernelSize: [2]) }),
            ("kernel size should be greater than zero, but got kH: 0 kW: 1",
             { _ = try Tensor.maxPool2d(x, kernelSize: [0, 1], stride: [1]) }),
            ("stride should be greater than zero, but got dH: -1 dW: 1",
             { _ = try Tensor.maxPool2d(x, kernelSize: [1], stride: [-1, 1]) }),
            ("divisor must be not zero", { _ = try Tensor.avgPool2d(x, kernelSize: [2], divisorOverride: 0) }),
            ("adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {-1, 2}",
             { _ = try Tensor.adaptiveAvgPool2d(x, outputSize: [-1, 2]) }),
            ("adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [2, 3]",
             { _ = try Tensor.adaptiveAvgPool2d(sample([2, 3]), outputSize: [2]) }),
            ("Input dimension should be at least 3", { _ = try Tensor.adaptiveAvgPool2d(sample([4, 4]), outputSize: [2, 2]) }),
            ("numel: integer multiplication overflow",
             { _ = try Tensor.adaptiveAvgPool2d(x, outputSize: [Int.max / 2, 4]) }),
            ("DefaultCPUAllocator: not enough memory: you tried to allocate 4398046511104 bytes.",
             { _ = try Tensor.adaptiveAvgPool2d(x, outputSize: [1 << 20, 1 << 20]) }),
            ("adaptive_avg_pool2d: output_size must be 2", { _ = try Tensor.adaptiveAvgPool2d(x, outputSize: [1, 1, 1]) }),
        ]
        for (expected, body) in cases {
            #expect(thrownMessage(body) == expected)
        }
    }
}
