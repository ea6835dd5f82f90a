/// Raw byte access for serialisation and random fills: building a tensor from bytes or
/// typed arrays, and reading a tensor's elements as bytes.

extension Tensor {
    /// A new contiguous tensor whose elements are the little-endian `bytes` (row-major).
    public static func fromBytes(_ bytes: UnsafeRawBufferPointer, shape: [Int], dtype: DType) throws -> Tensor {
        try checkShape(shape)
        let n = shapeProduct(shape)
        guard bytes.count == n * dtype.itemSize else {
            throw TorchError.runtime("expected \(n * dtype.itemSize) bytes for a \(dtype.torchName) tensor of shape \(shapeString(shape)), got \(bytes.count)")
        }
        let out = try Tensor(checkedShape: shape, dtype: dtype, zeroed: false)
        if let base = bytes.baseAddress, n > 0 {
            out.storage.raw.copyMemory(from: base, byteCount: bytes.count)
        }
        return out
    }

    /// Calls `body` with the elements as contiguous row-major bytes (a copy when not contiguous).
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let c = contiguousData()
        let start = c.storage.raw + c.offset * dtype.itemSize
        return try body(UnsafeRawBufferPointer(start: start, count: c.count * dtype.itemSize))
    }

    /// A float32 tensor holding exactly these Floats.
    public static func from(floats values: [Float], shape: [Int]? = nil) throws -> Tensor {
        let sh = shape ?? [values.count]
        try checkShape(sh)
        guard shapeProduct(sh) == values.count else {
            throw TorchError.runtime("shape '\(shapeString(sh))' is invalid for input of size \(values.count)")
        }
        return try values.withUnsafeBytes { try fromBytes($0, shape: sh, dtype: .float32) }
    }

    /// Overwrites every element (through strides, so views write into their base) with values
    /// given as Doubles in row-major order; bumps the version as an in-place op does.
    public func assignElements(_ values: [Double]) throws {
        guard values.count == count else {
            throw TorchError.runtime("expected \(count) values, got \(values.count)")
        }
        try checkInPlace()
        let src = try Tensor.from(values, shape: shape, dtype: dtype)
        copyElements(from: src)
        versionCounter.bump()
    }
}
