#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Python's `random.Random` (Lib/random.py of 3.11) over CPython's Mersenne Twister: same
/// seed, same calls, same numbers. Sequences are handled by index so the interpreter keeps
/// its own value type: `choice` returns an index, `shuffle` permutes any array.
public struct PythonRandom: Sendable {
    /// The core generator.
    public var generator: MersenneTwister
    /// The second value of the last `gauss()` pair, returned by the next call.
    public var gaussNext: Double?

    /// A generator seeded like `random.Random(seed)`.
    public init(seed: Int) {
        generator = MersenneTwister(seed: seed)
    }

    /// A generator seeded from entropy words, like `random.Random()`.
    public init(entropy: [UInt32]) {
        generator = MersenneTwister(seed: 0)
        generator.seed(entropy: entropy)
    }

    /// `seed(n)` for an int (bools are ints).
    public mutating func seed(_ value: Int) {
        generator.seed(value)
        gaussNext = nil
    }

    /// `seed(x)` for a float: CPython seeds from `hash(x)` taken as an unsigned word.
    public mutating func seed(float value: Double) {
        generator.seed(magnitude: UInt64(bitPattern: Int64(pythonFloatHash(value))))
        gaussNext = nil
    }

    /// `seed(None)`: from entropy the host supplies (624 words, as CPython reads from the OS).
    public mutating func seed(entropy: [UInt32]) {
        generator.seed(entropy: entropy)
        gaussNext = nil
    }

    /// `random()`: a float in [0.0, 1.0).
    public mutating func random() -> Double {
        generator.nextDouble()
    }

    /// `getrandbits(k)` for k up to 64 (MiniPy's ints are 64-bit).
    public mutating func getrandbits(_ k: Int) throws -> UInt64 {
        if k < 0 { throw SupportError.value("number of bits must be non-negative") }
        if k > 64 { throw SupportError.overflow("getrandbits(\(k)) does not fit in a 64-bit integer") }
        if k == 0 { return 0 }
        if k <= 32 { return UInt64(generator.nextUInt32() >> UInt32(32 - k)) }
        let words = generator.randomBitWords(k)
        var result: UInt64 = 0
        for (i, word) in words.enumerated() { result |= UInt64(word) << UInt64(32 * i) }
        return result
    }

    /// `_randbelow(n)`: uniform in [0, n) by rejection on `n.bit_length()` bits; n must be > 0.
    public mutating func randbelow(_ n: Int) -> Int {
        guard n > 0 else { return 0 }
        let k = Int.bitWidth - n.leadingZeroBitCount
        while true {
            let r: UInt64
            if k <= 32 {
                r = UInt64(generator.nextUInt32() >> UInt32(32 - k))
            } else {
                let words = generator.randomBitWords(k)
                r = UInt64(words[0]) | (UInt64(words.count > 1 ? words[1] : 0) << 32)
            }
            if r < UInt64(n) { return Int(r) }
        }
    }

    /// `randrange(stop)`.
    public mutating func randrange(_ stop: Int) throws -> Int {
        if stop > 0 { return randbelow(stop) }
        throw SupportError.value("empty range for randrange()")
    }

    /// `randrange(start, stop, step)` with CPython's errors.
    public mutating func randrange(_ start: Int, _ stop: Int, step: Int = 1) throws -> Int {
        let (width, overflow) = stop.subtractingReportingOverflow(start)
        if overflow { throw SupportError.overflow("Python int too large to convert to C ssize_t") }
        if step == 1 {
            if width > 0 { return start + randbelow(width) }
            throw SupportError.value("empty range for randrange() (\(start), \(stop), \(width))")
        }
        let count: Int
        if step == 0 { throw SupportError.value("zero step for randrange()") }
        let (adjusted, overflowed) = width.addingReportingOverflow(step > 0 ? step - 1 : step + 1)
        if overflowed { throw SupportError.overflow("Python int too large to convert to C ssize_t") }
        count = floorDivide(adjusted, step)
        if count <= 0 { throw SupportError.value("empty range for randrange()") }
        return start + step * randbelow(count)
    }

    /// `randint(a, b)`: `randrange(a, b + 1)`.
    public mutating func randint(_ a: Int, _ b: Int) throws -> Int {
        let (upper, overflow) = b.addingReportingOverflow(1)
        if overflow { throw SupportError.overflow("Python int too large to convert to C ssize_t") }
        return try randrange(a, upper)
    }

    /// `choice(seq)`: the index chosen in a sequence of `count` items.
    public mutating func choiceIndex(count: Int) throws -> Int {
        if count <= 0 { throw SupportError(.indexError, "Cannot choose from an empty sequence") }
        return randbelow(count)
    }

    /// `shuffle(x)` in place.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, through: 1, by: -1) {
            let j = randbelow(i + 1)
            items.swapAt(i, j)
        }
    }

    /// `sample(population, k)`: the indices chosen from a population of `count`, in selection order.
    public mutating func sampleIndices(count n: Int, k: Int) throws -> [Int] {
        guard k >= 0, k <= n else {
            throw SupportError.value("Sample larger than population or is negative")
        }
        var setSize = 21
        if k > 5 {
            // setsize += 4 ** ceil(log(k * 3, 4)), with math.log's float division.
            let exponent = Int((log(Double(k * 3)) / log(4.0)).rounded(.up))
            var power = 1
            for _ in 0..<exponent { power &*= 4 }
            setSize += power
        }
        var result: [Int] = []
        result.reserveCapacity(k)
        if n <= setSize {
            var pool = Array(0..<n)
            for i in 0..<k {
                let j = randbelow(n - i)
                result.append(pool[j])
                pool[j] = pool[n - i - 1]
            }
        } else {
            var selected = Set<Int>()
            for _ in 0..<k {
                var j = randbelow(n)
                while selected.contains(j) { j = randbelow(n) }
                selected.insert(j)
                result.append(j)
            }
        }
        return result
    }

    /// `choices(population, k=k)` without weights: indices into a population of `count`.
    public mutating func choicesIndices(count n: Int, k: Int) throws -> [Int] {
        if n == 0 && k > 0 { throw SupportError(.indexError, "list index out of range") }
        let size = Double(n)
        return (0..<max(k, 0)).map { _ in Int((random() * size).rounded(.down)) }
    }

    /// `choices(population, weights or cum_weights, k=k)`: indices picked by bisecting the
    /// cumulative weights (`cumulative` is `itertools.accumulate(weights)` when weights were given).
    public mutating func choicesIndices(cumulativeWeights cumulative: [Double], count n: Int,
                                        k: Int) throws -> [Int] {
        if cumulative.count != n {
            throw SupportError.value("The number of weights does not match the population")
        }
        guard let total = cumulative.last else { throw SupportError(.indexError, "list index out of range") }
        if total <= 0.0 { throw SupportError.value("Total of weights must be greater than zero") }
        if !total.isFinite { throw SupportError.value("Total of weights must be finite") }
        let hi = n - 1
        return (0..<max(k, 0)).map { _ in
            let x = random() * total
            // bisect_right(cumulative, x, 0, hi)
            var low = 0
            var high = hi
            while low < high {
                let mid = (low + high) / 2
                if x < cumulative[mid] { high = mid } else { low = mid + 1 }
            }
            return low
        }
    }

    /// `uniform(a, b)`.
    public mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * random()
    }

    /// `gauss(mu, sigma)`: Box-Muller pairs, the second value cached for the next call.
    public mutating func gauss(mu: Double = 0.0, sigma: Double = 1.0) -> Double {
        var z = gaussNext
        gaussNext = nil
        if z == nil {
            let x2pi = random() * (2.0 * Double.pi)
            let g2rad = sqrt(-2.0 * log(1.0 - random()))
            z = cos(x2pi) * g2rad
            gaussNext = sin(x2pi) * g2rad
        }
        return mu + (z ?? 0) * sigma
    }

    /// `normalvariate(mu, sigma)`: Kinderman and Monahan's ratio-of-uniforms method.
    public mutating func normalvariate(mu: Double = 0.0, sigma: Double = 1.0) -> Double {
        let magic = 4.0 * exp(-0.5) / 2.0.squareRoot()
        while true {
            let u1 = random()
            let u2 = 1.0 - random()
            let z = magic * (u1 - 0.5) / u2
            let zz = z * z / 4.0
            if zz <= -log(u2) { return mu + z * sigma }
        }
    }
}

/// Python's floor division for ints (rounds toward negative infinity).
func floorDivide(_ a: Int, _ b: Int) -> Int {
    let quotient = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
}

extension PythonRandom {
    /// `expovariate(lambd)`: exponential with rate `lambd` (1 - random() keeps log away from 0).
    public mutating func expovariate(_ lambd: Double) throws -> Double {
        let u = random()
        if lambd == 0 { throw SupportError(.zeroDivisionError, "float division by zero") }
        return -log(1.0 - u) / lambd
    }

    /// `triangular(low, high, mode)`: a nil mode is the midpoint; with a mode, `low == high` gives low.
    public mutating func triangular(low: Double = 0.0, high: Double = 1.0, mode: Double? = nil) -> Double {
        var u = random()
        var c = 0.5
        if let mode {
            // (mode - low) / (high - low) raises ZeroDivisionError in CPython, which returns low.
            if high - low == 0 { return low }
            c = (mode - low) / (high - low)
        }
        var (lo, hi) = (low, high)
        if u > c {
            u = 1.0 - u
            c = 1.0 - c
            (lo, hi) = (hi, lo)
        }
        return lo + (hi - lo) * (u * c).squareRoot()
    }

    /// `lognormvariate(mu, sigma)`: `exp` of a normal variate.
    public mutating func lognormvariate(mu: Double, sigma: Double) -> Double {
        exp(normalvariate(mu: mu, sigma: sigma))
    }
}
