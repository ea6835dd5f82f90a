/// Shape arithmetic shared by ops: broadcasting, dim wrapping, view strides.
enum ShapeUtil {
    /// NumPy/PyTorch broadcast of two shapes, with PyTorch's error.
    static func broadcast(_ a: [Int], _ b: [Int]) throws -> [Int] {
        if a == b { return a }
        let n = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: n)
        for i in 0..<n {
            let da = i < n - a.count ? 1 : a[i - (n - a.count)]
            let db = i < n - b.count ? 1 : b[i - (n - b.count)]
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else {
                throw TorchError.runtime("The size of tensor a (\(da)) must match the size of tensor b (\(db)) at non-singleton dimension \(i)")
            }
        }
        return out
    }

    /// Strides that view `shape`/`strides` as the larger broadcast shape `to` (0 on expanded dims).
    static func broadcastStrides(_ shape: [Int], _ strides: [Int], to: [Int]) -> [Int] {
        var out = [Int](repeating: 0, count: to.count)
        let lead = to.count - shape.count
        for i in 0..<shape.count where shape[i] != 1 || to[i + lead] == 1 {
            out[i + lead] = shape[i] == 1 ? 0 : strides[i]
        }
        return out
    }

    /// Wraps a possibly negative dim with PyTorch's IndexError.
    static func wrapDim(_ dim: Int, _ ndim: Int) throws -> Int {
        let n = Swift.max(ndim, 1)
        if dim < -n || dim >= n {
            throw TorchError.index("Dimension out of range (expected to be in range of [\(-n), \(n - 1)], but got \(dim))")
        }
        return dim < 0 ? dim + n : dim
    }

    /// Infers a `-1` in a view shape, with PyTorch's errors.
    static func inferSize(_ shape: [Int], numel: Int) throws -> [Int] {
        var out = shape
        var inferred: Int?
        var known = 1
        for (i, s) in shape.enumerated() {
            if s == -1 {
                if inferred != nil { throw TorchError.runtime("only one dimension can be inferred") }
                inferred = i
            } else if s < 0 {
                throw TorchError.runtime("invalid shape dimension \(s)")
            } else {
                known *= s
            }
        }
        if let i = inferred {
            if known == 0 || numel % known != 0 {
                throw TorchError.runtime("shape '\(shapeString(shape))' is invalid for input of size \(numel)")
            }
            out[i] = numel / known
        } else if known != numel {
            throw TorchError.runtime("shape '\(shapeString(shape))' is invalid for input of size \(numel)")
        }
        return out
    }

    /// Strides for viewing (`shape`, `strides`) as `newShape` without copying, or nil when a
    /// copy is needed (PyTorch's `computeStride`).
    static func viewStrides(_ shape: [Int], _ strides: [Int], _ newShape: [Int]) -> [Int]? {
        let numel = shapeProduct(shape)
        if numel == 0 { return contiguousStrides(newShape) }
        var newStrides = [Int](repeating: 0, count: newShape.count)
        var viewD = newShape.count - 1
        var chunkBase = strides.last ?? 1
        var tensorNumel = 1
        var viewNumel = 1
        var tensorD = shape.count - 1
        while tensorD >= 0 {
            tensorNumel *= shape[tensorD]
            if tensorD == 0 || (shape[tensorD - 1] != 1 && strides[tensorD - 1] != tensorNumel * chunkBase) {
                while viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1) {
                    newStrides[viewD] = viewNumel * chunkBase
                    viewNumel *= newShape[viewD]
                    viewD -= 1
                }
                if viewNumel != tensorNumel { return nil }
                if tensorD > 0 {
                    chunkBase = strides[tensorD - 1]
                    tensorNumel = 1
                    viewNumel = 1
                }
            }
            tensorD -= 1
        }
        if viewD != -1 { return nil }
        return newStrides
    }
}
