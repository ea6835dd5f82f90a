/// A flat typed buffer shared by a tensor and all of its views.
public final class Storage {
    /// The element type of the buffer.
    public let dtype: DType
    /// Number of elements the buffer holds.
    public let count: Int
    /// Start of the buffer; typed access goes through `typed(_:)`.
    let raw: UnsafeMutableRawPointer

    /// Allocates an uninitialised-but-zeroed buffer of `count` elements.
    public init(dtype: DType, count: Int) {
        self.dtype = dtype
        self.count = count
        let bytes = Swift.max(count * dtype.itemSize, 1)
        raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 16)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    }

    /// Allocates without zeroing, for kernels that write every element.
    init(uninitialized dtype: DType, count: Int) {
        self.dtype = dtype
        self.count = count
        let bytes = Swift.max(count * dtype.itemSize, 1)
        raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 16)
    }

    deinit { raw.deallocate() }

    /// The buffer as a typed pointer; `T` must match `dtype`.
    @inline(__always) func typed<T: TensorElement>(_: T.Type) -> UnsafeMutablePointer<T> {
        raw.assumingMemoryBound(to: T.self)
    }
}

/// PyTorch's version counter: shared by a tensor, its views and `detach()` (not `.data`),
/// bumped by every in-place change, checked by backward for saved tensors.
public final class VersionCounter {
    /// The current version.
    public internal(set) var value = 0
    init() {}
    /// Marks an in-place change.
    @inline(__always) func bump() { value += 1 }
}
