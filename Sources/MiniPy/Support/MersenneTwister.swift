/// MT19937 with CPython's seeding (`Modules/_randommodule.c`): the generator behind
/// Python's `random` module, so a seed gives the numbers CPython gives.
public struct MersenneTwister: Sendable {
    private static let n = 624
    private static let m = 397
    private var state: [UInt32]
    private var index: Int

    /// A generator seeded like `random.seed(seed)` for an int seed.
    public init(seed: Int) {
        state = Array(repeating: 0, count: Self.n)
        index = Self.n + 1
        self.seed(seed)
    }

    /// Seeds from an int as CPython does: the 32-bit words of `abs(seed)`, least significant first.
    public mutating func seed(_ seed: Int) {
        self.seed(magnitude: UInt64(seed.magnitude))
    }

    /// Seeds from an unsigned value split into 32-bit words (CPython's path for hashes).
    public mutating func seed(magnitude: UInt64) {
        var key: [UInt32] = [UInt32(truncatingIfNeeded: magnitude)]
        if magnitude >> 32 != 0 { key.append(UInt32(truncatingIfNeeded: magnitude >> 32)) }
        initByArray(key)
    }

    /// Seeds from raw entropy words (CPython reads 624 words from the OS for `seed(None)`).
    public mutating func seed(entropy: [UInt32]) {
        initByArray(entropy.isEmpty ? [0] : entropy)
    }

    private mutating func initGenrand(_ s: UInt32) {
        state[0] = s
        for i in 1..<Self.n {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
        index = Self.n
    }

    private mutating func initByArray(_ key: [UInt32]) {
        initGenrand(19_650_218)
        var i = 1
        var j = 0
        for _ in 0..<max(Self.n, key.count) {
            let previous = state[i - 1]
            state[i] = (state[i] ^ ((previous ^ (previous >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
            i += 1
            j += 1
            if i >= Self.n {
                state[0] = state[Self.n - 1]
                i = 1
            }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<(Self.n - 1) {
            let previous = state[i - 1]
            state[i] = (state[i] ^ ((previous ^ (previous >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= Self.n {
                state[0] = state[Self.n - 1]
                i = 1
            }
        }
        state[0] = 0x8000_0000
        index = Self.n
    }

    /// The next 32 random bits.
    public mutating func nextUInt32() -> UInt32 {
        if index >= Self.n { regenerate() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    private mutating func regenerate() {
        let upper: UInt32 = 0x8000_0000
        let lower: UInt32 = 0x7FFF_FFFF
        let matrixA: UInt32 = 0x9908_B0DF
        state.withUnsafeMutableBufferPointer { mt in
            for k in 0..<Self.n {
                let y = (mt[k] & upper) | (mt[(k + 1) % Self.n] & lower)
                mt[k] = mt[(k + Self.m) % Self.n] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : matrixA)
            }
        }
        index = 0
    }

    /// `random()`: a double in [0, 1) with 53 random bits, built from two draws.
    public mutating func nextDouble() -> Double {
        let a = Double(nextUInt32() >> 5)
        let b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` as 32-bit words, least significant first (the last one shifted down).
    public mutating func randomBitWords(_ k: Int) -> [UInt32] {
        var words: [UInt32] = []
        var remaining = k
        while remaining > 0 {
            var word = nextUInt32()
            if remaining < 32 { word >>= UInt32(32 - remaining) }
            words.append(word)
            remaining -= 32
        }
        return words
    }

    /// The generator's internal state: 624 words and the position, as in `getstate()`.
    public var internalState: (words: [UInt32], position: Int) {
        (state, index)
    }

    /// Restores a state from `internalState`; returns false when it has the wrong shape.
    public mutating func restore(words: [UInt32], position: Int) -> Bool {
        guard words.count == Self.n, position >= 0, position <= Self.n else { return false }
        state = words
        index = position
        return true
    }
}
