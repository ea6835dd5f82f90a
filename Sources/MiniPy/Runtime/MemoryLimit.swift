// A sequence too large to build (`[0] * 10**12`) is CPython's MemoryError, not an abort of
// the process: sizes are checked before anything is allocated.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The largest single sequence MiniPy builds: a quarter of physical memory.
enum MemoryLimit {
    static let maximumBytes: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return 1 << 32 }
        let (total, overflow) = pages.multipliedReportingOverflow(by: pageSize)
        return overflow ? Int.max / 4 : total / 4
    }()

    /// Throws `MemoryError` when `count` items of `itemBytes` each exceed the limit or overflow.
    static func check(count: Int, itemBytes: Int) throws {
        let (bytes, overflow) = Swift.max(count, 0).multipliedReportingOverflow(by: Swift.max(itemBytes, 1))
        if overflow || bytes > maximumBytes {
            throw PyExceptionObject(type: BuiltinTypes.memoryError, args: [])
        }
    }

    /// `items.count * n` elements, checked first.
    static func check(repeating count: Int, times n: Int, itemBytes: Int) throws {
        let (total, overflow) = count.multipliedReportingOverflow(by: Swift.max(n, 0))
        if overflow { throw PyExceptionObject(type: BuiltinTypes.memoryError, args: []) }
        try check(count: total, itemBytes: itemBytes)
    }
}
