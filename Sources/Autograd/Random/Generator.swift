#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A random-number generator that reproduces PyTorch's CPU generator (`torch.Generator()`)
/// bit for bit: the same mt19937 engine, the same cached second Box–Muller sample, the same
/// transforms from raw words to floats and integers.
///
/// Every public method takes an internal lock for its whole duration, as PyTorch's kernels
/// hold `generator->mutex_` for a whole fill, so a fill is never interleaved with another
/// thread's draws. That makes the class safe to share, hence `@unchecked Sendable`.
public final class Generator: @unchecked Sendable {
    /// The seed PyTorch's `torch.Generator()` starts from when none is given.
    public static let defaultSeed: UInt64 = 67_280_421_310_721

    /// The process-wide generator, PyTorch's `torch.default_generator`, seeded with
    /// `defaultSeed` (real PyTorch seeds it from the OS; a fixed seed keeps runs replayable).
    public static let `default` = Generator(seed: defaultSeed)

    /// Byte size of PyTorch's `CPUGeneratorImplState`, what `get_rng_state()` returns.
    public static let stateByteCount = 5056

    let lock = GeneratorLock()
    var engine: MersenneTwister
    /// The cached second sample of the float64 Box–Muller pair (`next_double_normal_sample`).
    var nextDoubleNormal: Double?
    /// The float cache (`next_float_normal_sample`); only carried through get/set state.
    var nextFloatNormal: Float?

    /// Creates a generator seeded with `seed`, like `torch.Generator().manual_seed(seed)`.
    public init(seed: UInt64 = Generator.defaultSeed) {
        engine = MersenneTwister(seed: seed)
    }

    /// Reseeds the generator and clears the cached normal samples (`manual_seed`).
    public func manualSeed(_ seed: UInt64) {
        lock.withLock {
            nextDoubleNormal = nil
            nextFloatNormal = nil
            engine = MersenneTwister(seed: seed)
        }
    }

    /// Reseeds from a signed seed as Python passes it: negative seeds wrap to 64 bits,
    /// as `torch.manual_seed(-1)` does.
    public func manualSeed(wrapping seed: Int64) {
        manualSeed(UInt64(bitPattern: seed))
    }

    /// The seed last given to `manualSeed`/`init` (`initial_seed()`).
    public var initialSeed: UInt64 {
        lock.withLock { engine.seed }
    }

    /// Reseeds from a non-deterministic source and returns the new seed (`seed()`).
    @discardableResult
    public func seed() -> UInt64 {
        var source = SystemRandomNumberGenerator()
        return seed(using: &source)
    }

    /// Reseeds from `source` and returns the new seed: `seed()` with the entropy supplied by
    /// the caller, so a replayed run can feed back the seed it saw the first time.
    @discardableResult
    public func seed<Source: RandomNumberGenerator>(using source: inout Source) -> UInt64 {
        let fresh = source.next()
        manualSeed(fresh)
        return fresh
    }

    /// One raw 32-bit draw (`CPUGeneratorImpl::random`).
    public func random() -> UInt32 {
        lock.withLock { engine.nextUInt32() }
    }

    /// One raw 64-bit draw: the first 32-bit word is the high half (`random64`).
    public func random64() -> UInt64 {
        lock.withLock { unlockedRandom64() }
    }

    /// What `torch.empty((), dtype=torch.int64).random_()` draws: a 64-bit word reduced
    /// modulo 2^63, so always non-negative.
    public func randomInt64() -> Int64 {
        lock.withLock { Int64(unlockedRandom64() % (UInt64(Int64.max) + 1)) }
    }

    /// Fills `buffer` as `random_()` fills an int64 tensor, element by element.
    public func fillRandom(_ buffer: UnsafeMutableBufferPointer<Int64>) {
        lock.withLock {
            for index in buffer.indices {
                buffer[index] = Int64(unlockedRandom64() % (UInt64(Int64.max) + 1))
            }
        }
    }

    // MARK: Unlocked primitives, for use inside one locked operation.

    func unlockedRandom64() -> UInt64 {
        let high = UInt64(engine.nextUInt32())
        let low = UInt64(engine.nextUInt32())
        return (high << 32) | low
    }

    /// `uniform_real_distribution<float>(from, to)`: 24 random bits scaled in float.
    func unlockedUniformFloat(from: Float, to: Float) -> Float {
        let bits = engine.nextUInt32() & 0x00ff_ffff
        let unit = Float(bits) * (1.0 / 16_777_216.0)
        return unit.multiplyAdd(to - from, from)
    }

    /// `uniform_real_distribution<double>(from, to)`: 53 bits of a 64-bit draw.
    func unlockedUniformDouble(from: Double, to: Double) -> Double {
        let bits = unlockedRandom64() & ((1 << 53) - 1)
        let unit = Double(bits) * (1.0 / 9_007_199_254_740_992.0)
        return unit.multiplyAdd(to - from, from)
    }

    /// `normal_distribution<double>`: Box–Muller with the second value cached.
    func unlockedNormalDouble(mean: Double, std: Double) -> Double {
        if let cached = nextDoubleNormal {
            nextDoubleNormal = nil
            return cached.multiplyAdd(std, mean)
        }
        let u1 = unlockedUniformDouble(from: 0, to: 1)
        let u2 = unlockedUniformDouble(from: 0, to: 1)
        let radius = (-2.0 * log1p(-u2)).squareRoot()
        let theta = 2.0 * Double.pi * u1
        nextDoubleNormal = radius * sin(theta)
        return (radius * cos(theta)).multiplyAdd(std, mean)
    }
}

extension BinaryFloatingPoint {
    /// `self * factor + addend` rounded once.
    ///
    /// PyTorch's CPU kernels are compiled for AVX2 with FMA, and the compiler contracts every
    /// `a * b + c` in them into a fused multiply-add, so the same expressions must fuse here.
    @inline(__always)
    func multiplyAdd(_ factor: Self, _ addend: Self) -> Self {
        addend.addingProduct(self, factor)
    }
}

/// A small mutex over `pthread_mutex_t`, available on every platform the package targets.
final class GeneratorLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` while holding the lock.
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
