// The largest tensor storage GradStep will allocate. A learner's typo (`torch.zeros(10**6, 10**6)`)
// must become PyTorch's RuntimeError, not an abort of the whole debugging session.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The cap on one tensor's storage, in bytes.
public enum AllocationLimit {
    /// Environment variable that sets the cap in bytes.
    public static let environmentVariable = "GRADSTEP_MAX_TENSOR_BYTES"

    private static let current = Atomic<Int>(defaultBytes())

    /// The cap in bytes; settable (tests, hosts), read on every checked allocation.
    public static var maximumBytes: Int {
        get { current.load(ordering: .relaxed) }
        set { current.store(Swift.max(0, newValue), ordering: .relaxed) }
    }

    /// `GRADSTEP_MAX_TENSOR_BYTES` when set to a number, else a quarter of physical memory.
    static func defaultBytes() -> Int {
        if let text = getenv(environmentVariable), let bytes = Int(String(cString: text)), bytes >= 0 {
            return bytes
        }
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return 1 << 32 }
        let (total, overflow) = pages.multipliedReportingOverflow(by: pageSize)
        return overflow ? Int.max / 4 : total / 4
    }

    /// Throws PyTorch's errors when a contiguous `shape` of `dtype` cannot or may not be allocated:
    /// an element count that overflows, or more bytes than the cap.
    static func check(_ shape: [Int], _ dtype: DType) throws(TorchError) {
        var bytes = dtype.itemSize
        for size in shape {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: Swift.max(size, 0))
            if overflow {
                throw .runtime("Storage size calculation overflowed with sizes=[\(shape.map(String.init).joined(separator: ", "))]")
            }
            bytes = product
        }
        if bytes > maximumBytes {
            // PyTorch 2.x's CPU allocator wording, as printed when malloc fails.
            throw .runtime("[enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate \(bytes) bytes. Error code 12 (Cannot allocate memory)")
        }
    }
}

extension Tensor {
    /// A fresh contiguous tensor whose size came from user input: checked against the cap first.
    convenience init(checkedShape shape: [Int], dtype: DType, zeroed: Bool = true) throws(TorchError) {
        try AllocationLimit.check(shape, dtype)
        self.init(shape: shape, dtype: dtype, zeroed: zeroed)
    }
}
