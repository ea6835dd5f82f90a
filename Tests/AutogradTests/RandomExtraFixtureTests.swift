import Foundation
import Testing
@testable import Autograd

/// `Fixtures/rng_extra.json`: paths `rng.json` does not reach (scalar normals with a mean and
/// std, float64 block normals, float64 uniforms, bernoulli_, dropout, wide and int32 randint,
/// int64 random_, the normal cache across calls, RandomSampler, Conv2d init, and the raw
/// bytes of get_rng_state), recorded after `torch.manual_seed(seed)`.
private struct ExtraFile: Decodable {
    let cases: [RNGCase]
}

func loadExtraRNGCases() -> [RNGCase] {
    guard let url = Bundle.module.url(forResource: "rng_extra", withExtension: "json", subdirectory: "Fixtures"),
          let data = try? Data(contentsOf: url),
          let file = try? JSONDecoder().decode(ExtraFile.self, from: data)
    else { return [] }
    return file.cases
}

@Test func extraRNGFixtureHasAllCases() {
    #expect(loadExtraRNGCases().count == 45)
}

@Test(arguments: loadExtraRNGCases())
func extraRNGCaseMatchesPyTorch(_ fixture: RNGCase) throws {
    let generator = Generator(seed: fixture.seed)
    switch fixture.call {
    case "torch.empty(5).normal_(2.0, 3.0)":
        #expect(floats(5, generator) { g, b in g.fillNormal(b, mean: 2, std: 3) } == singles(fixture.values))
    case "torch.empty(3, dtype=torch.float64).normal_(-1.0, 0.25)":
        #expect(doubles(3, generator) { g, b in g.fillNormal(b, mean: -1, std: 0.25) } == fixture.values)
    case "torch.randn(40, dtype=torch.float64)":
        #expect(doubles(40, generator) { g, b in g.fillNormal(b) } == fixture.values)
    case "torch.empty(20, dtype=torch.float64).normal_(1.0, 2.0)":
        #expect(doubles(20, generator) { g, b in g.fillNormal(b, mean: 1, std: 2) } == fixture.values)
    case "torch.rand(5, dtype=torch.float64)":
        #expect(doubles(5, generator) { g, b in g.fillUniform(b) } == fixture.values)
    case "torch.empty(7, dtype=torch.float64).uniform_(-1, 4)":
        #expect(doubles(7, generator) { g, b in g.fillUniform(b, from: -1, to: 4) } == fixture.values)
    case "torch.empty(40).bernoulli_(0.3)":
        #expect(try throwingFloats(40, generator) { g, b in try g.fillBernoulli(b, p: 0.3) } == singles(fixture.values))
    case "F.dropout(torch.ones(20), 0.2)":
        // CPU dropout: noise = bernoulli_(1 - p), noise /= (1 - p), output = input * noise.
        let keep = 1 - 0.2
        let noise = try throwingFloats(20, generator) { g, b in try g.fillBernoulli(b, p: keep) }
        let output = noise.map { Float(1) * ($0 / Float(keep)) }
        #expect(output == singles(fixture.values))
    case "torch.randint(-1099511627776, 1099511627776, (5,))":
        let values = try generator.randint(low: -1_099_511_627_776, high: 1_099_511_627_776, count: 5)
        #expect(values.map { Double($0) } == fixture.values)
    case "torch.randint(0, 10, (5,), dtype=torch.int32)":
        var values = [Int32](repeating: 0, count: 5)
        try values.withUnsafeMutableBufferPointer { try generator.fillRandint($0, low: 0, high: 10) }
        #expect(values.map { Double($0) } == fixture.values)
    case "torch.empty(3, dtype=torch.int64).random_()":
        var values = [Int64](repeating: 0, count: 3)
        values.withUnsafeMutableBufferPointer { generator.fillRandom($0) }
        // Fixture integers above 2^53 are stored as the nearest double; compare that way.
        #expect(values.map { Double($0) } == fixture.values)
    case "torch.randn(3); torch.randn(16); torch.randn(3)":
        let values = [3, 16, 3].flatMap { count in floats(count, generator) { g, b in g.fillNormal(b) } }
        #expect(values == singles(fixture.values))
    case "list(RandomSampler(range(10)))":
        let order = try DataOrder.randomSamplerOrder(n: 10, globalGenerator: generator)
        #expect(order.map { Double($0) } == fixture.values)
    case "nn.Conv2d(3, 4, 3)":
        var weight = [Float](repeating: 0, count: 4 * 3 * 3 * 3)
        var bias = [Float](repeating: 0, count: 4)
        try weight.withUnsafeMutableBufferPointer { w in
            try bias.withUnsafeMutableBufferPointer { b in
                try ParameterInit.resetParameters(weight: w, weightShape: [4, 3, 3, 3], bias: b, generator: generator)
            }
        }
        #expect(weight == singles(fixture.weight))
        #expect(bias == singles(fixture.bias))
    case "torch.randn(1); torch.get_rng_state()":
        _ = floats(1, generator) { g, b in g.fillNormal(b) }
        #expect(generator.getState().map { Double($0) } == fixture.values)
        let restored = Generator(seed: 12345)
        try restored.setState(generator.getState())
        #expect(floats(4, restored) { g, b in g.fillNormal(b) } == floats(4, generator) { g, b in g.fillNormal(b) })
    default:
        Issue.record("unrecognised call: \(fixture.call)")
    }
}

private func singles(_ values: [Double]?) -> [Float] {
    (values ?? []).map { Float($0) }
}

private func floats(_ count: Int, _ generator: Generator,
                    _ fill: (Generator, UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
    var values = [Float](repeating: 0, count: count)
    values.withUnsafeMutableBufferPointer { fill(generator, $0) }
    return values
}

private func throwingFloats(_ count: Int, _ generator: Generator,
                            _ fill: (Generator, UnsafeMutableBufferPointer<Float>) throws -> Void) throws -> [Float] {
    var values = [Float](repeating: 0, count: count)
    try values.withUnsafeMutableBufferPointer { try fill(generator, $0) }
    return values
}

private func doubles(_ count: Int, _ generator: Generator,
                     _ fill: (Generator, UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
    var values = [Double](repeating: 0, count: count)
    values.withUnsafeMutableBufferPointer { fill(generator, $0) }
    return values
}
