import Foundation
import Testing
@testable import Autograd

/// One recorded PyTorch `sum`/`mean` call: how to rebuild the input, the reduction, and the
/// results as hex bit patterns in row-major order.
private struct SumCase: Decodable {
    let seed: UInt64
    let base: [Int]
    let view: [ViewStep]
    let kind: String
    let dtype: String
    let dims: [Int]?
    let keepdim: Bool
    let shape: [Int]
    let sum: [String]
    let mean: [String]
    let `var`: [String]?
    let std: [String]?
}

/// One element of a view description: a name, an int, or a list of ints.
private enum ViewStep: Decodable {
    case name(String), int(Int), ints([Int])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { self = .name(s) } else if let i = try? c.decode(Int.self) { self = .int(i) } else { self = .ints(try c.decode([Int].self)) }
    }
}

/// One recorded `mse_loss` / `l1_loss` pair on seeded inputs.
private struct LossCase: Decodable {
    let seed: UInt64
    let base: [Int]
    let dtype: String
    let reduction: String
    let mse: [String]
    let l1: [String]
}

private struct SumFixture: Decodable {
    let cases: [SumCase]
    let losses: [LossCase]
}

/// `torch.rand(base, generator=Generator().manual_seed(seed))`, then `* 2 - 1` or `* 64`.
private func seeded(_ seed: UInt64, _ base: [Int], _ dtypeName: String, _ kind: String) throws -> Tensor {
    let n = base.reduce(1, *)
    let generator = Generator(seed: seed)
    let dtype: DType = dtypeName == "float32" ? .float32 : .float64
    var values = [Double](repeating: 0, count: n)
    if dtype == .float32 {
        var f = [Float](repeating: 0, count: n)
        f.withUnsafeMutableBufferPointer { generator.fillUniform($0) }
        values = f.map { kind == "positive" ? Double($0 * 64) : Double($0 * 2 - 1) }
    } else {
        values.withUnsafeMutableBufferPointer { generator.fillUniform($0) }
        values = values.map { kind == "positive" ? $0 * 64 : $0 * 2 - 1 }
    }
    return try Tensor.from(values, shape: base, dtype: dtype)
}

/// The case's input: the seeded tensor viewed as the case says.
private func input(_ c: SumCase) throws -> Tensor {
    let x = try seeded(c.seed, c.base, c.dtype, c.kind)
    switch (c.view.first, c.view.count > 1 ? c.view[1] : nil, c.view.count > 2 ? c.view[2] : nil) {
    case (nil, _, _): return x
    case (.name("t"), _, _): return try x.t()
    case (.name("permute"), .ints(let dims)?, _): return try x.permute(dims)
    case (.name("slice"), .int(let dim)?, .int(let step)?): return try x.slice(dim, step: step)
    case (.name("expand"), .ints(let sizes)?, _): return try x.expand(sizes)
    default: throw TorchError.runtime("unknown view \(c.view)")
    }
}

/// Hex bit patterns of a float tensor in row-major order.
private func hexBits(_ t: Tensor) throws -> [String] {
    let c = try t.contiguous()
    if c.dtype == .float32 {
        let p = c.storage.typed(Float.self) + c.offset
        return (0..<c.count).map { String(p[$0].bitPattern, radix: 16).leftPadded(8) }
    }
    let p = c.storage.typed(Double.self) + c.offset
    return (0..<c.count).map { String(p[$0].bitPattern, radix: 16).leftPadded(16) }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }
}

@Suite struct SumFixtureTests {
    /// `sum` and `mean` (and `var`/`std` of all elements) over every recorded shape, layout and dim list agree with PyTorch's bits.
    @Test func sumAndMeanMatchPyTorchBits() throws {
        let url = try #require(Bundle.module.url(forResource: "sum", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(SumFixture.self, from: Data(contentsOf: url))
        #expect(fixture.cases.count > 100)
        var failures = 0
        for c in fixture.cases {
            let x = try input(c)
            let s = try c.dims.map { try x.sum(dims: $0, keepdim: c.keepdim) } ?? x.sum()
            let m = try c.dims.map { try x.mean(dims: $0, keepdim: c.keepdim) } ?? x.mean()
            #expect(s.shape == c.shape && m.shape == c.shape)
            let label = "\(c.dtype) \(c.base) view \(c.view) dims \(c.dims.map(String.init(describing:)) ?? "all") keepdim \(c.keepdim)"
            let sumBad = zip(try hexBits(s), c.sum).filter { $0 != $1 }.count
            let meanBad = zip(try hexBits(m), c.mean).filter { $0 != $1 }.count
            var varBad = 0
            if let wantVar = c.var, let wantStd = c.std {
                varBad += try hexBits(x.var()) == wantVar ? 0 : 1
                varBad += try hexBits(x.std()) == wantStd ? 0 : 1
            }
            if sumBad + meanBad + varBad > 0 { failures += 1 }
            // Keep the log short when the kernel is badly off.
            if failures <= 20 {
                #expect(sumBad == 0, "sum \(label): \(sumBad) of \(c.sum.count) differ")
                #expect(meanBad == 0, "mean \(label): \(meanBad) of \(c.mean.count) differ")
                #expect(varBad == 0, "var/std \(label)")
            }
        }
        #expect(failures == 0, "\(failures) of \(fixture.cases.count) cases differ")
    }

    /// `mse_loss` and `l1_loss` with mean and sum reductions agree with PyTorch's bits.
    @Test func lossReductionsMatchPyTorchBits() throws {
        let url = try #require(Bundle.module.url(forResource: "sum", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(SumFixture.self, from: Data(contentsOf: url))
        #expect(!fixture.losses.isEmpty)
        for c in fixture.losses {
            let x = try seeded(c.seed, c.base, c.dtype, "signed"), y = try seeded(c.seed + 1, c.base, c.dtype, "signed")
            let reduction = try Reduction(parsing: c.reduction)
            #expect(try hexBits(Tensor.mseLoss(x, y, reduction: reduction)) == c.mse, "mse \(c.dtype) \(c.base) \(c.reduction)")
            #expect(try hexBits(Tensor.l1Loss(x, y, reduction: reduction)) == c.l1, "l1 \(c.dtype) \(c.base) \(c.reduction)")
        }
    }

    /// The cascade's order shows in float32: 0.1 summed 1000 times is not the naive running sum.
    @Test func cascadeDiffersFromRunningSum() throws {
        let x = try Tensor.from([Double](repeating: 0.1, count: 1000), dtype: .float32)
        var running: Float = 0
        for _ in 0..<1000 { running += Float(0.1) }
        let s = try x.sum()
        let p = s.storage.typed(Float.self) + s.offset
        #expect(p[0] != running)
        #expect(Swift.abs(p[0] - 100) < Swift.abs(running - 100))
    }
}
