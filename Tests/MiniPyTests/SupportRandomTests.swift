import Testing
@testable import MiniPy

/// The calls behind `randomStreams`, each result printed as Python would print it.
func randomScript(_ r: inout PythonRandom) throws -> [String] {
    var out: [String] = []
    for _ in 0..<3 { out.append(pythonFloatRepr(r.random())) }
    for _ in 0..<4 { out.append(String(try r.randint(1, 100))) }
    out.append(String(try r.randrange(0, 100, step: 7)))
    out.append(String(try r.randrange(50, 0, step: -3)))
    out.append(String(try r.randrange(10)))
    out.append(String(try r.randrange(-5, 5)))
    for k in [1, 31, 32, 33, 63, 64] { out.append(String(try r.getrandbits(k))) }
    out.append(String(try r.choiceIndex(count: 17)))
    var list = Array(0..<10)
    r.shuffle(&list)
    out += list.map(String.init)
    out += try r.sampleIndices(count: 100, k: 5).map(String.init)
    out += try r.sampleIndices(count: 10, k: 3).map(String.init)
    out += try r.sampleIndices(count: 1000, k: 8).map(String.init)
    out += try r.choicesIndices(count: 5, k: 4).map(String.init)
    out += try r.choicesIndices(cumulativeWeights: [1, 3, 6, 10], count: 4, k: 4).map(String.init)
    out.append(pythonFloatRepr(r.uniform(-2.0, 3.0)))
    out.append(pythonFloatRepr(r.gauss()))
    out.append(pythonFloatRepr(r.gauss(mu: 0.5, sigma: 2.0)))
    out.append(pythonFloatRepr(r.gauss()))
    out.append(pythonFloatRepr(r.normalvariate()))
    out.append(pythonFloatRepr(r.normalvariate(mu: 1.0, sigma: 0.1)))
    out.append(String(try r.randrange(1 << 62)))
    return out
}

@Test func randomStreamsMatchCPython() throws {
    for (seed, expected) in randomStreams {
        var r = PythonRandom(seed: seed)
        #expect(try randomScript(&r) == expected, "seed \(seed)")
    }
}

@Test func reseedingRestartsTheStreamAndClearsGauss() throws {
    var r = PythonRandom(seed: 3)
    _ = r.gauss()
    r.seed(42)
    #expect(r.gaussNext == nil)
    #expect(try randomScript(&r) == randomStreams.first { $0.0 == 42 }?.1)
}

@Test func floatSeedsAndHashesMatchCPython() {
    for (x, expected) in floatHashes {
        #expect(pythonFloatHash(x) == expected, "hash(\(x))")
    }
    for (x, expected) in floatSeedDraws {
        var r = PythonRandom(seed: 0)
        r.seed(float: x)
        #expect(r.random() == expected, "seed(\(x))")
    }
    #expect(pythonIntHash(-1) == -2)
    #expect(pythonIntHash(1 << 62) == 2)
    #expect(pythonIntHash(-(1 << 62)) == -2)
}

@Test func randomErrorsUseCPythonWording() {
    var r = PythonRandom(seed: 1)
    #expect(outcome { String(try r.randrange(0)) } == "ValueError: empty range for randrange()")
    #expect(outcome { String(try r.randrange(5, 5)) } == "ValueError: empty range for randrange() (5, 5, 0)")
    #expect(outcome { String(try r.randrange(0, 10, step: 0)) } == "ValueError: zero step for randrange()")
    #expect(outcome { String(try r.randint(3, 1)) } == "ValueError: empty range for randrange() (3, 2, -1)")
    #expect(outcome { String(try r.choiceIndex(count: 0)) } == "IndexError: Cannot choose from an empty sequence")
    #expect(outcome { "\(try r.sampleIndices(count: 3, k: 4))" }
            == "ValueError: Sample larger than population or is negative")
    #expect(outcome { String(try r.getrandbits(-1)) } == "ValueError: number of bits must be non-negative")
}

@Test func stringSeedsMatchCPython() {
    for (text, expected, digest) in stringSeedDraws {
        let hex = SHA512.digest(Array(text.utf8)).map { byte -> String in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        #expect(hex == digest, "sha512(\(text))")
        var r = PythonRandom(seed: 0)
        r.seed(string: text)
        #expect(r.random() == expected, "seed(\(pythonStringRepr(text)))")
    }
}
