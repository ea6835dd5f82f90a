/// The 32-bit Mersenne Twister (MT19937) exactly as PyTorch's CPU generator runs it.
///
/// PyTorch keeps its own copy of the engine (`at::mt19937`) rather than `std::mt19937`:
/// the state is 624 words plus a `left` countdown and a `next` read index, and the state is
/// regenerated lazily when `left` reaches zero. Keeping the same bookkeeping lets
/// `getState()`/`setState(_:)` round-trip PyTorch's byte layout.
struct MersenneTwister: Sendable {
    /// Number of 32-bit words in the state vector.
    static let stateSize = 624
    /// The middle word offset of the recurrence.
    static let shift = 397
    private static let matrixA: UInt32 = 0x9908_b0df
    private static let upperMask: UInt32 = 0x8000_0000
    private static let lowerMask: UInt32 = 0x7fff_ffff

    /// The seed the engine was last initialised with (all 64 bits are remembered).
    var seed: UInt64
    /// Draws left before the state must be regenerated (1...624 when valid).
    var left: Int32
    /// Whether the engine has been seeded; always true once constructed.
    var seeded: Bool
    /// Index of the next state word to temper and return.
    var next: UInt32
    /// The 624-word state vector.
    var state: [UInt32]

    /// Seeds the engine the way PyTorch does: only the low 32 bits feed the recurrence.
    init(seed: UInt64) {
        self.seed = seed
        self.seeded = true
        self.left = 1
        self.next = 0
        var words = [UInt32](repeating: 0, count: Self.stateSize)
        words[0] = UInt32(truncatingIfNeeded: seed)
        for j in 1..<Self.stateSize {
            let previous = words[j - 1]
            words[j] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(j)
        }
        self.state = words
    }

    /// Builds an engine from raw fields, as `set_state` does.
    init(seed: UInt64, left: Int32, seeded: Bool, next: UInt32, state: [UInt32]) {
        self.seed = seed
        self.left = left
        self.seeded = seeded
        self.next = next
        self.state = state
    }

    /// PyTorch's `is_valid()`: the fields a restored state must satisfy.
    var isValid: Bool {
        seeded && left > 0 && left <= Int32(Self.stateSize) && next <= UInt32(Self.stateSize)
            && state.count == Self.stateSize
    }

    /// Returns the next tempered 32-bit output.
    mutating func nextUInt32() -> UInt32 {
        left -= 1
        if left == 0 {
            regenerate()
        }
        // `next` stays below 624 for a valid engine: `regenerate()` resets it and at most
        // 624 draws happen between regenerations.
        var y = state.withUnsafeBufferPointer { $0[Int(next)] }
        next += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// Refills the whole state vector (the "twist").
    private mutating func regenerate() {
        left = Int32(Self.stateSize)
        next = 0
        let n = Self.stateSize
        let m = Self.shift
        state.withUnsafeMutableBufferPointer { words in
            for k in 0..<(n - 1) {
                let mixed = (words[k] & Self.upperMask) | (words[k + 1] & Self.lowerMask)
                let twisted = (mixed >> 1) ^ ((words[k + 1] & 1) != 0 ? Self.matrixA : 0)
                words[k] = words[(k + m) % n] ^ twisted
            }
            let mixed = (words[n - 1] & Self.upperMask) | (words[0] & Self.lowerMask)
            let twisted = (mixed >> 1) ^ ((words[0] & 1) != 0 ? Self.matrixA : 0)
            words[n - 1] = words[m - 1] ^ twisted
        }
    }
}
