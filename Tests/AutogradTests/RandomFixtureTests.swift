import Foundation
import Testing
@testable import Autograd

/// One case of `Fixtures/rng.json`: what PyTorch produced for `call` right after
/// `torch.manual_seed(seed)`.
struct RNGCase: Decodable, Sendable, CustomTestStringConvertible {
    let seed: UInt64
    let call: String
    /// Flat values, or one list per epoch for the DataLoader cases.
    let values: [Double]?
    let epochs: [[Double]]?
    let weight: [Double]?
    let bias: [Double]?
    let stateDict: [String: [Double]]?

    var testDescription: String { "seed \(seed): \(call)" }

    private enum Keys: String, CodingKey {
        case seed, call, values, weight, bias
        case stateDict = "state_dict"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        seed = try container.decode(UInt64.self, forKey: .seed)
        call = try container.decode(String.self, forKey: .call)
        if let nested = try? container.decode([[Double]].self, forKey: .values) {
            epochs = nested
            values = nil
        } else {
            epochs = nil
            values = try container.decodeIfPresent([Double].self, forKey: .values)
        }
        weight = try container.decodeIfPresent([Double].self, forKey: .weight)
        bias = try container.decodeIfPresent([Double].self, forKey: .bias)
        stateDict = try container.decodeIfPresent([String: [Double]].self, forKey: .stateDict)
    }
}

private struct RNGFile: Decodable {
    let cases: [RNGCase]
}

/// Loads every case of the fixture; an unreadable file yields no cases, which the count
/// test below reports.
func loadRNGCases() -> [RNGCase] {
    guard let url = Bundle.module.url(forResource: "rng", withExtension: "json", subdirectory: "Fixtures"),
          let data = try? Data(contentsOf: url),
          let file = try? JSONDecoder().decode(RNGFile.self, from: data)
    else { return [] }
    return file.cases
}

@Test func rngFixtureHasAllCases() {
    #expect(loadRNGCases().count == 155)
}

@Test(arguments: loadRNGCases())
func rngCaseMatchesPyTorch(_ fixture: RNGCase) throws {
    let generator = Generator(seed: fixture.seed)
    let call = fixture.call
    let numbers = RNGCallShape.numbers(in: call)
    if call.hasPrefix("torch.rand(") {
        let values = try #require(fixture.values)
        var out = [Float](repeating: 0, count: Int(numbers[0]))
        out.withUnsafeMutableBufferPointer { generator.fillUniform($0) }
        expectFloats(out, values, ulps: 0)
    } else if call.hasPrefix("torch.randn(") && call.contains("dtype=torch.float64") {
        let values = try #require(fixture.values)
        var out = [Double](repeating: 0, count: Int(numbers[0]))
        out.withUnsafeMutableBufferPointer { generator.fillNormal($0) }
        #expect(out == values)
    } else if call.hasPrefix("torch.randn(") {
        let values = try #require(fixture.values)
        var out = [Float](repeating: 0, count: Int(numbers[0]))
        out.withUnsafeMutableBufferPointer { generator.fillNormal($0) }
        expectFloats(out, values, ulps: 0)
    } else if call.hasPrefix("torch.randint(") {
        let values = try #require(fixture.values)
        let count = numbers.dropFirst(2).reduce(1) { $0 * Int($1) }
        let out = try generator.randint(low: Int64(numbers[0]), high: Int64(numbers[1]), count: count)
        #expect(out.map { Double($0) } == values)
    } else if call.hasPrefix("torch.randperm(") {
        let values = try #require(fixture.values)
        let out = try generator.randperm(Int(numbers[0]))
        #expect(out.map { Double($0) } == values)
    } else if call.hasPrefix("torch.empty(") && call.contains(".uniform_(") {
        let values = try #require(fixture.values)
        var out = [Float](repeating: 0, count: Int(numbers[0]))
        out.withUnsafeMutableBufferPointer { generator.fillUniform($0, from: numbers[1], to: numbers[2]) }
        expectFloats(out, values, ulps: 0)
    } else if call.hasPrefix("torch.empty(") && call.contains(".normal_(") {
        let values = try #require(fixture.values)
        var out = [Float](repeating: 0, count: Int(numbers[0]))
        out.withUnsafeMutableBufferPointer { generator.fillNormal($0, mean: numbers[1], std: numbers[2]) }
        expectFloats(out, values, ulps: 0)
    } else if call.hasPrefix("nn.Linear(") {
        let (weight, bias) = try makeLinear(inFeatures: Int(numbers[0]), outFeatures: Int(numbers[1]), generator)
        expectFloats(weight, try #require(fixture.weight), ulps: 0)
        expectFloats(bias, try #require(fixture.bias), ulps: 0)
    } else if call.hasPrefix("nn.Sequential(") {
        let expected = try #require(fixture.stateDict)
        var produced: [String: [Float]] = [:]
        for (index, module) in RNGCallShape.modules(in: call).enumerated() where module.hasPrefix("Linear(") {
            let sizes = RNGCallShape.numbers(in: module)
            let (weight, bias) = try makeLinear(inFeatures: Int(sizes[0]), outFeatures: Int(sizes[1]), generator)
            produced["\(index).weight"] = weight
            produced["\(index).bias"] = bias
        }
        #expect(Set(produced.keys) == Set(expected.keys))
        for (key, values) in expected {
            expectFloats(produced[key] ?? [], values, ulps: 0)
        }
    } else if call.hasPrefix("DataLoader(") {
        let epochs = try #require(fixture.epochs)
        for expected in epochs {
            let order = try DataOrder.dataLoaderEpochOrder(n: Int(numbers[0]), globalGenerator: generator)
            #expect(order.map { Double($0) } == expected)
        }
    } else {
        Issue.record("unrecognised call shape: \(call)")
    }
}

/// `nn.Linear(inFeatures, outFeatures)`'s initial weight and bias.
private func makeLinear(inFeatures: Int, outFeatures: Int, _ generator: Generator) throws -> ([Float], [Float]) {
    var weight = [Float](repeating: 0, count: inFeatures * outFeatures)
    var bias = [Float](repeating: 0, count: outFeatures)
    try weight.withUnsafeMutableBufferPointer { weightBuffer in
        try bias.withUnsafeMutableBufferPointer { biasBuffer in
            try ParameterInit.resetParameters(
                weight: weightBuffer, weightShape: [outFeatures, inFeatures], bias: biasBuffer,
                generator: generator)
        }
    }
    return (weight, bias)
}

/// Compares float32 results with PyTorch's (widened to double in the fixture) within `ulps`.
private func expectFloats(_ actual: [Float], _ expected: [Double], ulps: Int,
                          sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (index, (value, reference)) in zip(actual, expected).enumerated() {
        let target = Float(reference)
        let distance = abs(Int64(orderedBits(value)) - Int64(orderedBits(target)))
        #expect(distance <= Int64(ulps),
                "element \(index): \(value) vs PyTorch \(target) (\(distance) ulp)",
                sourceLocation: sourceLocation)
    }
}

/// Maps a float's bits onto a line where adjacent floats differ by one.
private func orderedBits(_ value: Float) -> Int32 {
    let bits = Int32(bitPattern: value.bitPattern)
    return bits < 0 ? Int32.min &- bits : bits
}

/// Reads the handful of call shapes that appear in the fixture.
enum RNGCallShape {
    /// Every integer or decimal literal in the call, in order, ignoring dtype names.
    static func numbers(in call: String) -> [Double] {
        let text = call.replacingOccurrences(of: "float64", with: "")
        var found: [Double] = []
        var current = ""
        for character in text + " " {
            if character.isNumber || character == "." || (character == "-" && current.isEmpty) {
                current.append(character)
            } else {
                if let value = Double(current) { found.append(value) }
                current = ""
            }
        }
        return found
    }

    /// The top-level module constructors inside `nn.Sequential(...)`, e.g. `Linear(4, 3)`.
    static func modules(in call: String) -> [String] {
        call.components(separatedBy: "nn.").dropFirst(2).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: ", )"))
        }
    }
}
