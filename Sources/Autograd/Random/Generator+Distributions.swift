#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The tensor fills PyTorch's CPU kernels perform (`uniform_`, `normal_`, `random_(from, to)`,
/// `bernoulli_`, `randperm`), written over plain buffers so any tensor storage can use them.
/// Buffers are filled in order, as a contiguous tensor is.
extension Generator {
    /// `uniform_(from, to)` on a float32 tensor; `torch.rand` is `fillUniform(_, from: 0, to: 1)`.
    ///
    /// PyTorch narrows both bounds to float first and does the arithmetic in float.
    public func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, from: Double = 0, to: Double = 1) {
        let low = Float(from)
        let high = Float(to)
        lock.withLock {
            for index in buffer.indices {
                buffer[index] = unlockedUniformFloat(from: low, to: high)
            }
        }
    }

    /// `uniform_(from, to)` on a float64 tensor: one 64-bit draw per element.
    public func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>, from: Double = 0, to: Double = 1) {
        lock.withLock {
            for index in buffer.indices {
                buffer[index] = unlockedUniformDouble(from: from, to: to)
            }
        }
    }

    /// `normal_(mean, std)` on a float32 tensor; `torch.randn` is `fillNormal(_)`.
    ///
    /// A contiguous tensor of 16 or more elements takes PyTorch's vectorised path (uniforms
    /// first, then Box–Muller over blocks of 16 in float32); anything else takes the scalar
    /// float64 path, one element at a time with the cached second sample. Pass
    /// `contiguous: false` for a strided tensor: the buffer is then filled in the order given.
    public func fillNormal(
        _ buffer: UnsafeMutableBufferPointer<Float>, mean: Double = 0, std: Double = 1,
        contiguous: Bool = true
    ) {
        lock.withLock {
            if contiguous && buffer.count >= 16 {
                blockNormalFloat(buffer, mean: Float(mean), std: Float(std))
            } else {
                for index in buffer.indices {
                    buffer[index] = Float(unlockedNormalDouble(mean: mean, std: std))
                }
            }
        }
    }

    /// `normal_(mean, std)` on a float64 tensor: the block path in double for 16 or more
    /// contiguous elements, else the scalar path with the cached second sample.
    public func fillNormal(
        _ buffer: UnsafeMutableBufferPointer<Double>, mean: Double = 0, std: Double = 1,
        contiguous: Bool = true
    ) {
        lock.withLock {
            if contiguous && buffer.count >= 16 {
                blockNormalDouble(buffer, mean: mean, std: std)
            } else {
                for index in buffer.indices {
                    buffer[index] = unlockedNormalDouble(mean: mean, std: std)
                }
            }
        }
    }

    /// `random_(low, high)` on an int64 tensor, as `torch.randint(low, high, size)` uses:
    /// `low + word % (high - low)`, with a 64-bit word when the range needs 32 bits or more.
    public func fillRandint(_ buffer: UnsafeMutableBufferPointer<Int64>, low: Int64, high: Int64) throws {
        let range = try Self.checkedRange(low: low, high: high)
        lock.withLock {
            for index in buffer.indices {
                buffer[index] = unlockedRandint(range: range, base: low, wide: range >= 1 << 32)
            }
        }
    }

    /// `random_(low, high)` on an int32 tensor: always one 32-bit word per element, because
    /// PyTorch only takes the 64-bit draw for int64 and floating tensors.
    public func fillRandint(_ buffer: UnsafeMutableBufferPointer<Int32>, low: Int64, high: Int64) throws {
        let range = try Self.checkedRange(low: low, high: high)
        lock.withLock {
            for index in buffer.indices {
                buffer[index] = Int32(truncatingIfNeeded: unlockedRandint(range: range, base: low, wide: false))
            }
        }
    }

    /// `torch.randint(low, high, (count,))` as an array of int64 values.
    public func randint(low: Int64, high: Int64, count: Int) throws -> [Int64] {
        guard count >= 0 else {
            throw GeneratorError.runtime("Trying to create tensor with negative dimension \(count): [\(count)]")
        }
        var values = [Int64](repeating: 0, count: count)
        try values.withUnsafeMutableBufferPointer { try fillRandint($0, low: low, high: high) }
        return values
    }

    /// `torch.randperm(n)`: a permutation of `0..<n` by PyTorch's CPU swap loop.
    ///
    /// For `n` below `UInt32.max / 20` each step swaps position `i` with `i + word % (n - i)`
    /// using a 32-bit word; larger `n` uses the inside-out shuffle with 64-bit words.
    public func randperm(_ n: Int) throws -> [Int64] {
        guard n >= 0 else {
            throw GeneratorError.runtime("n must be non-negative, got\(n)")
        }
        var values = [Int64](repeating: 0, count: n)
        lock.withLock {
            values.withUnsafeMutableBufferPointer { result in
                if UInt64(n) < UInt64(UInt32.max) / 20 {
                    for index in 0..<n { result[index] = Int64(index) }
                    var i = 0
                    while i < n - 1 {
                        let offset = Int(UInt64(engine.nextUInt32()) % UInt64(n - i))
                        result.swapAt(i, i + offset)
                        i += 1
                    }
                } else {
                    for i in 0..<n {
                        let z = Int(unlockedRandom64() % UInt64(i + 1))
                        result[i] = result[z]
                        result[z] = Int64(i)
                    }
                }
            }
        }
        return values
    }

    /// `bernoulli_(p)` with a scalar `p` on a float32 tensor (dropout's mask is
    /// `bernoulli_(1 - p)`): one float64 uniform per element, 1 where it is below `p`.
    ///
    /// This is PyTorch's portable kernel. PyTorch builds with MKL switch to an MKL stream on
    /// Intel processors only (`viRngBernoulli`); that stream is not reproduced, so on such a
    /// machine dropout masks differ while their statistics agree.
    public func fillBernoulli(_ buffer: UnsafeMutableBufferPointer<Float>, p: Double) throws {
        try Self.checkProbability(p)
        lock.withLock {
            for index in buffer.indices {
                buffer[index] = unlockedUniformDouble(from: 0, to: 1) < p ? 1 : 0
            }
        }
    }

    /// `bernoulli_(p)` with a scalar `p` on a float64 tensor.
    public func fillBernoulli(_ buffer: UnsafeMutableBufferPointer<Double>, p: Double) throws {
        try Self.checkProbability(p)
        lock.withLock {
            for index in buffer.indices {
                buffer[index] = unlockedUniformDouble(from: 0, to: 1) < p ? 1 : 0
            }
        }
    }

    /// `bernoulli_(p)` with a scalar `p` on a bool tensor.
    public func fillBernoulli(_ buffer: UnsafeMutableBufferPointer<Bool>, p: Double) throws {
        try Self.checkProbability(p)
        lock.withLock {
            for index in buffer.indices {
                buffer[index] = unlockedUniformDouble(from: 0, to: 1) < p
            }
        }
    }

    // MARK: Helpers

    private static func checkedRange(low: Int64, high: Int64) throws -> UInt64 {
        guard low < high else {
            throw GeneratorError.runtime(
                "random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
        }
        return UInt64(bitPattern: high &- low)
    }

    private static func checkProbability(_ p: Double) throws {
        guard p >= 0 && p <= 1 else {
            throw GeneratorError.runtime("bernoulli_ expects p to be in [0, 1], but got p=" + PythonNumberFormat.general(p))
        }
    }

    private func unlockedRandint(range: UInt64, base: Int64, wide: Bool) -> Int64 {
        let word = wide ? unlockedRandom64() : UInt64(engine.nextUInt32())
        return Int64(bitPattern: (word % range) &+ UInt64(bitPattern: base))
    }

    /// PyTorch's `normal_fill` for float32: uniforms for every element, then Box–Muller over
    /// each block of 16 (first half cosines, second half sines); a ragged tail redraws fresh
    /// uniforms for the last 16 elements and transforms them again.
    private func blockNormalFloat(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Float, std: Float) {
        guard let base = buffer.baseAddress else { return }
        let size = buffer.count
        for index in 0..<size {
            buffer[index] = unlockedUniformFloat(from: 0, to: 1)
        }
        var start = 0
        while start + 16 <= size {
            Self.boxMullerFloat16(base + start, mean: mean, std: std)
            start += 16
        }
        if size % 16 != 0 {
            let tail = base + (size - 16)
            for index in 0..<16 {
                tail[index] = unlockedUniformFloat(from: 0, to: 1)
            }
            Self.boxMullerFloat16(tail, mean: mean, std: std)
        }
    }

    /// One block of the vectorised kernel, in float32 with the kernel's own `log` and
    /// `sincos`; the radius times cos/sin is then scaled with one fused multiply-add.
    private static func boxMullerFloat16(_ data: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
        let twoPi = Float(2.0 * Double.pi)
        for j in 0..<8 {
            let u1 = 1 - data[j]
            let u2 = data[j + 8]
            let radius = (-2 * CephesFloat.log(u1)).squareRoot()
            let (sine, cosine) = CephesFloat.sincos(twoPi * u2)
            let first = radius * cosine
            let second = radius * sine
            data[j] = first.multiplyAdd(std, mean)
            data[j + 8] = second.multiplyAdd(std, mean)
        }
    }

    /// PyTorch's `normal_fill` for float64: the same block scheme in double arithmetic.
    private func blockNormalDouble(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double) {
        guard let base = buffer.baseAddress else { return }
        let size = buffer.count
        for index in 0..<size {
            buffer[index] = unlockedUniformDouble(from: 0, to: 1)
        }
        var start = 0
        while start + 16 <= size {
            Self.boxMullerDouble16(base + start, mean: mean, std: std)
            start += 16
        }
        if size % 16 != 0 {
            let tail = base + (size - 16)
            for index in 0..<16 {
                tail[index] = unlockedUniformDouble(from: 0, to: 1)
            }
            Self.boxMullerDouble16(tail, mean: mean, std: std)
        }
    }

    private static func boxMullerDouble16(_ data: UnsafeMutablePointer<Double>, mean: Double, std: Double) {
        for j in 0..<8 {
            let u1 = 1 - data[j]
            let u2 = data[j + 8]
            let radius = (-2 * log(u1)).squareRoot()
            let theta = 2.0 * Double.pi * u2
            data[j] = (radius * cos(theta)).multiplyAdd(std, mean)
            data[j + 8] = (radius * sin(theta)).multiplyAdd(std, mean)
        }
    }
}
