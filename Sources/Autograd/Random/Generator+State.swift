/// `get_state()`/`set_state()` in PyTorch's byte layout (`CPUGeneratorImplState`, 5056 bytes,
/// little-endian, natural C alignment):
///
/// | offset | field |
/// | --- | --- |
/// | 0 | `uint64 the_initial_seed` |
/// | 8 | `int32 left` |
/// | 12 | `int32 seeded` |
/// | 16 | `uint64 next` |
/// | 24 | `uint64 state[624]` (each holds one 32-bit word) |
/// | 5016 | `double normal_x` (always 0) |
/// | 5024 | `double normal_y` (the cached float64 normal sample) |
/// | 5032 | `double normal_rho` (always 0) |
/// | 5040 | `int32 normal_is_valid`, then 4 bytes of padding |
/// | 5048 | `float next_float_normal_sample` |
/// | 5052 | `bool is_next_float_normal_sample_valid`, then 3 bytes of padding |
extension Generator {
    private enum Offset {
        static let seed = 0
        static let left = 8
        static let seeded = 12
        static let next = 16
        static let state = 24
        static let normalY = 5024
        static let normalIsValid = 5040
        static let floatNormal = 5048
        static let floatNormalIsValid = 5052
    }

    /// The generator's state as the bytes `torch.get_rng_state()` returns.
    public func getState() -> [UInt8] {
        lock.withLock {
            var bytes = [UInt8](repeating: 0, count: Self.stateByteCount)
            Self.store(engine.seed, at: Offset.seed, in: &bytes)
            Self.store(UInt32(bitPattern: engine.left), at: Offset.left, in: &bytes)
            Self.store(UInt32(engine.seeded ? 1 : 0), at: Offset.seeded, in: &bytes)
            Self.store(UInt64(engine.next), at: Offset.next, in: &bytes)
            for (index, word) in engine.state.enumerated() {
                Self.store(UInt64(word), at: Offset.state + 8 * index, in: &bytes)
            }
            if let cached = nextDoubleNormal {
                Self.store(cached.bitPattern, at: Offset.normalY, in: &bytes)
                Self.store(UInt32(1), at: Offset.normalIsValid, in: &bytes)
            }
            if let cached = nextFloatNormal {
                Self.store(cached.bitPattern, at: Offset.floatNormal, in: &bytes)
                bytes[Offset.floatNormalIsValid] = 1
            }
            return bytes
        }
    }

    /// Restores a state produced by `getState()` or by PyTorch's `get_rng_state()`.
    ///
    /// Throws PyTorch's errors for a wrong size or an inconsistent engine state.
    public func setState(_ bytes: [UInt8]) throws {
        guard bytes.count == Self.stateByteCount else {
            throw GeneratorError.runtime(
                "Expected a CPUGeneratorImplState of size \(Self.stateByteCount) but found the input RNG state size to be \(bytes.count)")
        }
        var words = [UInt32](repeating: 0, count: MersenneTwister.stateSize)
        for index in words.indices {
            // The legacy layout stores 64-bit slots; PyTorch copies them into 32-bit words.
            words[index] = UInt32(truncatingIfNeeded: Self.load64(at: Offset.state + 8 * index, in: bytes))
        }
        let restored = MersenneTwister(
            seed: Self.load64(at: Offset.seed, in: bytes),
            left: Int32(bitPattern: Self.load32(at: Offset.left, in: bytes)),
            seeded: Self.load32(at: Offset.seeded, in: bytes) != 0,
            next: UInt32(truncatingIfNeeded: Self.load64(at: Offset.next, in: bytes)),
            state: words)
        guard restored.isValid else {
            throw GeneratorError.runtime("Invalid mt19937 state")
        }
        let doubleValid = Self.load32(at: Offset.normalIsValid, in: bytes) != 0
        let floatValid = bytes[Offset.floatNormalIsValid] != 0
        lock.withLock {
            engine = restored
            nextDoubleNormal = doubleValid
                ? Double(bitPattern: Self.load64(at: Offset.normalY, in: bytes)) : nil
            nextFloatNormal = floatValid
                ? Float(bitPattern: Self.load32(at: Offset.floatNormal, in: bytes)) : nil
        }
    }

    private static func store<T: FixedWidthInteger>(_ value: T, at offset: Int, in bytes: inout [UInt8]) {
        for byte in 0..<(T.bitWidth / 8) {
            bytes[offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte))
        }
    }

    private static func load64(at offset: Int, in bytes: [UInt8]) -> UInt64 {
        var value: UInt64 = 0
        for byte in 0..<8 { value |= UInt64(bytes[offset + byte]) << (8 * byte) }
        return value
    }

    private static func load32(at offset: Int, in bytes: [UInt8]) -> UInt32 {
        var value: UInt32 = 0
        for byte in 0..<4 { value |= UInt32(bytes[offset + byte]) << (8 * byte) }
        return value
    }
}
