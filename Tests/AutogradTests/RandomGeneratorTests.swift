import Testing
@testable import Autograd

@Test func engineMatchesReferenceMersenneTwister() {
    // mt19937 seeded with 5489 is the C++ standard's reference stream: its first output is
    // 3499211612 and its 10000th is 4123659995.
    let generator = Generator(seed: 5489)
    #expect(generator.random() == 3_499_211_612)
    for _ in 0..<9998 { _ = generator.random() }
    #expect(generator.random() == 4_123_659_995)
}

@Test func random64PutsTheFirstWordHigh() {
    let words = Generator(seed: 7)
    let wide = Generator(seed: 7)
    let high = UInt64(words.random())
    let low = UInt64(words.random())
    #expect(wide.random64() == (high << 32) | low)
}

@Test func defaultGeneratorStartsFromPyTorchsSeed() {
    #expect(Generator.defaultSeed == 67_280_421_310_721)
    #expect(Generator().initialSeed == 67_280_421_310_721)
}

@Test func manualSeedResetsStreamAndNormalCache() {
    let generator = Generator(seed: 3)
    var first = [Float](repeating: 0, count: 1)
    first.withUnsafeMutableBufferPointer { generator.fillNormal($0) }
    generator.manualSeed(3)
    var again = [Float](repeating: 0, count: 1)
    again.withUnsafeMutableBufferPointer { generator.fillNormal($0) }
    #expect(first == again)
    #expect(generator.initialSeed == 3)
    generator.manualSeed(wrapping: -1)
    #expect(generator.initialSeed == UInt64.max)
}

@Test func stateHasPyTorchsLayout() {
    let state = Generator(seed: 0).getState()
    #expect(state.count == 5056)
    #expect(state[8] == 1)  // left
    #expect(state[12] == 1)  // seeded
    #expect(state[16] == 0)  // next
    #expect(state[24] == 0)  // state[0] = seed
    #expect(state[32] == 1)  // state[1] = 1812433253 * 0 + 1
    #expect(state[5040] == 0)  // no cached normal yet
}

@Test func stateRoundTripKeepsTheCachedNormal() throws {
    let generator = Generator(seed: 11)
    var one = [Double](repeating: 0, count: 1)
    one.withUnsafeMutableBufferPointer { generator.fillNormal($0) }
    let saved = generator.getState()
    #expect(saved[5040] == 1)
    var before = [Double](repeating: 0, count: 5)
    before.withUnsafeMutableBufferPointer { generator.fillNormal($0) }
    try generator.setState(saved)
    var after = [Double](repeating: 0, count: 5)
    after.withUnsafeMutableBufferPointer { generator.fillNormal($0) }
    #expect(before == after)
    #expect(generator.getState() != saved)
}

@Test func setStateRejectsBadInput() {
    let generator = Generator(seed: 1)
    #expect(throws: GeneratorError.runtime(
        "Expected a CPUGeneratorImplState of size 5056 but found the input RNG state size to be 4")) {
        try generator.setState([0, 0, 0, 0])
    }
    var broken = generator.getState()
    broken[8] = 0  // left = 0 is outside 1...624
    #expect(throws: GeneratorError.runtime("Invalid mt19937 state")) {
        try generator.setState(broken)
    }
}

@Test func randintUsesWideWordsForWideRanges() throws {
    let generator = Generator(seed: 5)
    let reference = Generator(seed: 5)
    let range: Int64 = 1 << 40
    let values = try generator.randint(low: -range, high: range, count: 4)
    for value in values {
        let expected = Int64(bitPattern: reference.random64() % UInt64(2 * range)) - range
        #expect(value == expected)
    }
    #expect(throws: GeneratorError.runtime(
        "random_ expects 'from' to be less than 'to', but got from=3 >= to=3")) {
        _ = try generator.randint(low: 3, high: 3, count: 1)
    }
}

@Test func randomInt64IsANonNegative63BitDraw() {
    let generator = Generator(seed: 9)
    let reference = Generator(seed: 9)
    for _ in 0..<8 {
        let value = generator.randomInt64()
        #expect(value >= 0)
        #expect(UInt64(value) == reference.random64() & ~(1 << 63))
    }
}

@Test func bernoulliComparesADoubleUniformWithP() throws {
    let generator = Generator(seed: 21)
    let reference = Generator(seed: 21)
    var mask = [Float](repeating: -1, count: 64)
    try mask.withUnsafeMutableBufferPointer { try generator.fillBernoulli($0, p: 0.3) }
    var uniforms = [Double](repeating: 0, count: 64)
    uniforms.withUnsafeMutableBufferPointer { reference.fillUniform($0) }
    #expect(mask == uniforms.map { $0 < 0.3 ? 1 : 0 })
    var flags = [Bool](repeating: false, count: 8)
    try flags.withUnsafeMutableBufferPointer { try generator.fillBernoulli($0, p: 1) }
    #expect(flags.allSatisfy { $0 })
    #expect(throws: GeneratorError.runtime("bernoulli_ expects p to be in [0, 1], but got p=2")) {
        try flags.withUnsafeMutableBufferPointer { try generator.fillBernoulli($0, p: 2) }
    }
}

@Test func randpermIsAPermutation() throws {
    let order = try Generator(seed: 4).randperm(257)
    #expect(order.sorted() == (0..<257).map { Int64($0) })
    #expect(try Generator(seed: 4).randperm(0).isEmpty)
    #expect(throws: GeneratorError.self) { _ = try Generator(seed: 4).randperm(-1) }
}

@Test func samplerSeedsAFreshGeneratorFromTheGlobalOne() throws {
    let global = Generator(seed: 8)
    let reference = Generator(seed: 8)
    let order = try DataOrder.randomSamplerOrder(n: 12, globalGenerator: global)
    let seed = reference.randomInt64()
    #expect(order == (try Generator(seed: UInt64(seed)).randperm(12)))
}

@Test func initBoundsFollowTorchNNInit() throws {
    // With a = sqrt(5) the kaiming bound is 1/sqrt(fan_in), up to rounding.
    #expect(abs(ParameterInit.kaimingUniformBound(fanIn: 16) - 0.25) < 1e-15)
    #expect(ParameterInit.biasBound(fanIn: 16) == 0.25)
    #expect(ParameterInit.biasBound(fanIn: 0) == 0)
    let conv = try ParameterInit.fanInAndFanOut(shape: [8, 3, 5, 5])
    #expect(conv.fanIn == 75 && conv.fanOut == 200)
    #expect(throws: GeneratorError.value(
        "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")) {
        _ = try ParameterInit.fanInAndFanOut(shape: [4])
    }
    #expect(try ParameterInit.calculateGain("tanh") == 5.0 / 3)
    #expect(throws: GeneratorError.value("Unsupported nonlinearity swish")) {
        _ = try ParameterInit.calculateGain("swish")
    }
}

/// A source that always yields the same word, standing in for the OS entropy.
private struct FixedSource: RandomNumberGenerator {
    let word: UInt64
    mutating func next() -> UInt64 { word }
}

@Test func seedTakesEntropyFromTheGivenSource() {
    let generator = Generator(seed: 1)
    var source = FixedSource(word: 99)
    #expect(generator.seed(using: &source) == 99)
    #expect(generator.initialSeed == 99)
    #expect(generator.random() == Generator(seed: 99).random())
}
