import Foundation
import Testing
@testable import Autograd

/// One recorded PyTorch softmax case: float32 bit patterns of input, upstream grad and results.
private struct SoftmaxCase: Decodable {
    let shape: [Int]
    let dim: Int
    let input: [Int32]
    let grad: [Int32]
    let softmax: [Int32]
    let log_softmax: [Int32]
    let softmax_backward: [Int32]
    let log_softmax_backward: [Int32]
}

private struct SoftmaxFixture: Decodable {
    let cases: [SoftmaxCase]
}

private func loadSoftmaxFixture() throws -> SoftmaxFixture {
    let url = try #require(Bundle.module.url(forResource: "softmax", withExtension: "json", subdirectory: "Fixtures"))
    return try JSONDecoder().decode(SoftmaxFixture.self, from: Data(contentsOf: url))
}

/// A float32 tensor from raw bit patterns.
private func tensor(bits: [Int32], shape: [Int]) throws -> Tensor {
    try Tensor.from(floats: bits.map { Float(bitPattern: UInt32(bitPattern: $0)) }, shape: shape)
}

/// The float32 bit patterns of a tensor in row-major order.
private func bits(_ t: Tensor) throws -> [Int32] {
    let c = try t.contiguous()
    let p = c.storage.typed(Float.self) + c.offset
    return (0..<c.count).map { Int32(bitPattern: p[$0].bitPattern) }
}

/// Counts elements whose bit patterns differ (NaNs of any payload count as equal).
private func mismatches(_ a: [Int32], _ b: [Int32]) -> Int {
    guard a.count == b.count else { return Swift.max(a.count, b.count) }
    return zip(a, b).filter { x, y in
        let fx = Float(bitPattern: UInt32(bitPattern: x)), fy = Float(bitPattern: UInt32(bitPattern: y))
        return x != y && !(fx.isNaN && fy.isNaN)
    }.count
}

@Suite struct SoftmaxFixtureTests {
    @Test(arguments: ["softmax", "log_softmax"])
    func forwardAndBackwardMatchPyTorchBits(op: String) throws {
        let fixture = try loadSoftmaxFixture()
        #expect(!fixture.cases.isEmpty)
        for c in fixture.cases {
            let x = try tensor(bits: c.input, shape: c.shape).requiresGrad_()
            let y = op == "softmax" ? try x.softmax(dim: c.dim) : try x.logSoftmax(dim: c.dim)
            let want = op == "softmax" ? c.softmax : c.log_softmax
            let forwardBad = mismatches(try bits(y), want)
            #expect(forwardBad == 0, "\(op) forward \(c.shape) dim \(c.dim): \(forwardBad) of \(want.count) differ")
            try y.backward(gradient: tensor(bits: c.grad, shape: c.shape))
            let gx = try #require(x.grad)
            let wantGrad = op == "softmax" ? c.softmax_backward : c.log_softmax_backward
            let backwardBad = mismatches(try bits(gx), wantGrad)
            #expect(backwardBad == 0, "\(op) backward \(c.shape) dim \(c.dim): \(backwardBad) of \(wantGrad.count) differ")
        }
    }

    @Test func vectorExpAndLogMatchKnownIdentities() {
        #expect(VectorMath.exp(Float(0)) == 1)
        #expect(VectorMath.exp(Float(-200)) == 0)
        #expect(VectorMath.exp(Float(200)) == .infinity)
        #expect(VectorMath.exp(Float.nan).isNaN)
        #expect(VectorMath.exp(Double(0)) == 1)
        #expect(VectorMath.exp(Double(-2000)) == 0)
        #expect(VectorMath.exp(Double(2000)) == .infinity)
        #expect(VectorMath.log(1) == 0)
        #expect(VectorMath.log(0) == -.infinity)
        #expect(VectorMath.log(-1).isNaN)
        // Both stay within one ulp of the correctly rounded value across a sweep.
        var x: Float = -80
        while x < 80 {
            let e = VectorMath.exp(x), ref = Float(Foundation.exp(Double(x)))
            #expect(Swift.abs(e - ref) <= ref.ulp, "exp(\(x))")
            let l = VectorMath.log(Swift.abs(x) + 1e-3), lref = Float(Foundation.log(Double(Swift.abs(x) + 1e-3)))
            #expect(Swift.abs(l - lref) <= Swift.max(lref.ulp, Float.leastNormalMagnitude), "log(\(x))")
            let d = Double(x) * 7.3
            #expect(Swift.abs(VectorMath.exp(d) - Foundation.exp(d)) <= Foundation.exp(d).ulp, "exp(\(d))")
            x += 0.37
        }
    }
}

/// One recorded `F.cross_entropy` call with class-index targets.
private struct CrossEntropyCase: Decodable {
    let shape: [Int]
    let input: [Int32]
    let target: [Int64]
    let weight: [Int32]?
    let reduction: String
    let loss: [Int32]
    let grad: [Int32]
}

private struct CrossEntropyFixture: Decodable {
    let cross_entropy: [CrossEntropyCase]
}

@Suite struct CrossEntropyFixtureTests {
    @Test func lossAndGradientMatchPyTorchBits() throws {
        let url = try #require(Bundle.module.url(forResource: "softmax", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(CrossEntropyFixture.self, from: Data(contentsOf: url))
        #expect(!fixture.cross_entropy.isEmpty)
        for c in fixture.cross_entropy {
            let x = try tensor(bits: c.input, shape: c.shape).requiresGrad_()
            let weight = try c.weight.map { try tensor(bits: $0, shape: [$0.count]) }
            let loss = try Tensor.crossEntropy(x, Tensor.from(ints: c.target), weight: weight,
                                               reduction: Reduction(parsing: c.reduction))
            let lossBad = mismatches(try bits(loss), c.loss)
            #expect(lossBad == 0, "\(c.reduction) loss \(c.shape) weighted \(weight != nil): \(lossBad) differ")
            try loss.sum().backward()
            let gx = try #require(x.grad)
            let gradBad = mismatches(try bits(gx), c.grad)
            #expect(gradBad == 0, "\(c.reduction) grad \(c.shape) weighted \(weight != nil): \(gradBad) differ")
        }
    }
}

/// One recorded float64 softmax case (bit patterns as Int64).
private struct Softmax64Case: Decodable {
    let shape: [Int]
    let dim: Int
    let input: [Int64]
    let grad: [Int64]
    let softmax: [Int64]
    let log_softmax: [Int64]
    let softmax_backward: [Int64]
    let log_softmax_backward: [Int64]
}

private struct Softmax64Fixture: Decodable {
    let cases64: [Softmax64Case]
}

/// Distance in units in the last place between two doubles given as bit patterns.
private func ulps(_ a: Int64, _ b: Int64) -> Int64 {
    let x = Double(bitPattern: UInt64(bitPattern: a)), y = Double(bitPattern: UInt64(bitPattern: b))
    if x == y || (x.isNaN && y.isNaN) { return 0 }
    guard x.isFinite, y.isFinite, x.sign == y.sign else { return .max }
    return Swift.abs(a &- b)
}

@Suite struct Softmax64FixtureTests {
    /// Last-dim softmax matches bit for bit; log_softmax's row log is the correctly rounded
    /// one, which SLEEF's log returns nearly always, so it is held to a couple of ulps.
    @Test func float64MatchesPyTorch() throws {
        let url = try #require(Bundle.module.url(forResource: "softmax", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(Softmax64Fixture.self, from: Data(contentsOf: url))
        #expect(!fixture.cases64.isEmpty)
        func tensor(_ bits: [Int64], _ shape: [Int]) throws -> Tensor {
            try Tensor.from(bits.map { Double(bitPattern: UInt64(bitPattern: $0)) }, shape: shape, dtype: .float64)
        }
        func bits(_ t: Tensor) throws -> [Int64] {
            let c = try t.contiguous()
            let p = c.storage.typed(Double.self) + c.offset
            return (0..<c.count).map { Int64(bitPattern: p[$0].bitPattern) }
        }
        for c in fixture.cases64 {
            for op in ["softmax", "log_softmax"] {
                let x = try tensor(c.input, c.shape).requiresGrad_()
                let y = op == "softmax" ? try x.softmax(dim: c.dim) : try x.logSoftmax(dim: c.dim)
                try y.backward(gradient: tensor(c.grad, c.shape))
                let gx = try #require(x.grad)
                // Softmax over the last dim is exact; other dims and log_softmax stay within 2 ulps.
                let lastDim = c.dim == c.shape.count - 1
                let tolerance: Int64 = op == "softmax" && lastDim ? 0 : 2
                let want = op == "softmax" ? c.softmax : c.log_softmax
                let wantGrad = op == "softmax" ? c.softmax_backward : c.log_softmax_backward
                // Errors are measured in ulps of the tensor's largest magnitude, since backward
                // values near zero come from cancellation.
                func worst(_ got: [Int64], _ want: [Int64]) -> Int64 {
                    if tolerance == 0 { return zip(got, want).map { ulps($0, $1) }.max() ?? 0 }
                    let values = want.map { Double(bitPattern: UInt64(bitPattern: $0)) }
                    let scale = (values.filter(\.isFinite).map(Swift.abs).max() ?? 1).ulp
                    return zip(got, values).map { g, w in
                        let d = Swift.abs(Double(bitPattern: UInt64(bitPattern: g)) - w)
                        return d.isNaN ? (w.isNaN ? 0 : .max) : Int64((d / scale).rounded(.up))
                    }.max() ?? 0
                }
                let forwardError = worst(try bits(y), want), backwardError = worst(try bits(gx), wantGrad)
                #expect(forwardError <= tolerance, "\(op) \(c.shape) dim \(c.dim): \(forwardError) ulps")
                #expect(backwardError <= tolerance, "\(op) backward \(c.shape) dim \(c.dim): \(backwardError) ulps")
            }
        }
    }
}
