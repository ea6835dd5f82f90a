import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Row-major matrix products split over `ProductThreads`, each part one single-threaded
/// OpenBLAS call on a band of rows (or columns) of C.
///
/// OpenBLAS's own threads are left at one. On two cores its threading reached 45–53 GFLOP/s
/// on a 256² float32 product where two single-threaded calls on halves reach 62–68. As with
/// OpenBLAS's threading, the last bits of an element can depend on the split (OpenBLAS
/// picks a kernel by the shape of the band an element falls in); the split depends only on
/// the shape and the thread count.
public enum ThreadedGemm {
    /// Products smaller than this many multiply-adds stay on the calling thread (OpenBLAS's
    /// own threshold for using threads).
    static let minimumMultiplyAdds = 64 * 64 * 64
    /// Band boundaries fall on multiples of this many rows or columns, so that no band starts
    /// inside a register tile of OpenBLAS's x86 kernels (4 to 16 wide).
    static let bandMultiple = 16

    static let workers = ProductThreads()
    private static let requestedThreads = Atomic<Int>(0)
    /// How many threads' OpenBLAS buffers have been warmed for each element type
    /// (`warmBuffers`); held while warming, so a second caller waits for the first.
    private static let warmedThreads = Mutex<[DType: Int]>([:])

    /// How many threads one product is split over: OpenBLAS's own count when it was opened
    /// (which follows `OPENBLAS_NUM_THREADS`, `OMP_NUM_THREADS` and the CPUs the process may
    /// use) until set.
    public static var threadCount: Int {
        get {
            let requested = requestedThreads.load(ordering: .relaxed)
            return requested > 0 ? requested : OpenBLAS.shared.startingThreadCount
        }
        set { requestedThreads.store(Swift.max(1, newValue), ordering: .relaxed) }
    }

    /// C = alpha·op(A)·op(B) + beta·C in row-major order (`cblas_sgemm` or `cblas_dgemm`),
    /// split over `threads` (default `threadCount`) threads when large enough.
    public static func gemm<T: BLASElement>(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: T,
                                            a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
                                            beta: T, c: UnsafeMutablePointer<T>, ldc: Int, threads: Int? = nil) {
        let call = Product(transA: transA, transB: transB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc)
        run(T.self, call, threads: threads ?? threadCount) { band in
            T.blasGemm(transA: transA, transB: transB, m: band.m, n: band.n, k: k, alpha: alpha,
                       a: a + band.aOffset, lda: lda, b: b + band.bOffset, ldb: ldb,
                       beta: beta, c: c + band.cOffset, ldc: ldc)
        }
    }

    /// Splits `call` into bands and runs `compute` on each, on the threads; the bands one
    /// after another on the caller when the threads are in use (another caller) or cannot
    /// start; the whole product on the caller when it is small or one thread is asked for.
    private static func run<T: BLASElement>(_: T.Type, _ call: Product, threads threadCount: Int,
                                            compute: (Band) -> Void) {
        let whole = Band(m: call.m, n: call.n, aOffset: 0, bOffset: 0, cOffset: 0)
        let (mn, overflowA) = call.m.multipliedReportingOverflow(by: call.n)
        let (mnk, overflowB) = mn.multipliedReportingOverflow(by: call.k)
        guard overflowA || overflowB || mnk >= minimumMultiplyAdds else { compute(whole); return }
        warmedThreads.withLock { warmed in
            guard warmed[T.dtype, default: 0] < threadCount else { return }
            warmBuffers(T.self, threads: threadCount)
            warmed[T.dtype] = threadCount
        }
        let parts = call.partCount(threads: threadCount)
        guard parts > 1 else { compute(whole); return }
        let done = workers.run(parts: parts) { index in compute(call.band(index, of: parts)) }
        // The same bands one after another: a product's digits depend on its bands (OpenBLAS
        // picks kernels by a band's shape), never on whether the threads were free.
        if !done { for index in 0..<parts { compute(call.band(index, of: parts)) } }
    }

    // MARK: - First touch of OpenBLAS's packing buffers

    /// Runs a small product on every thread at once, each thread pinned to its own CPU for the
    /// moment, so that each packing buffer OpenBLAS hands out has the start of its packed-B
    /// space written (the first 80 KiB; the slow products below reach 40 KiB at most).
    ///
    /// OpenBLAS's Zen/Haswell SGEMM kernel prefetches past the B panel it is working on. For
    /// products whose other side fits one block (256² included), every panel is packed at
    /// the same place, so the prefetches land on pages of the 128 MiB buffer that nothing
    /// ever wrote: pages that are not mapped at all. Each such prefetch costs a page-table
    /// walk that finds nothing, and on a virtual machine a 256² product ran at 9.7 GFLOP/s
    /// instead of 35 until those pages were touched. A product whose rows exceed a block
    /// packs B across the buffer and touches them.
    ///
    /// OpenBLAS gives each call in progress its own buffer (the first free one), so the
    /// warming calls must be in progress together to reach the buffers that concurrent
    /// bands will use. Two threads on one CPU take turns and finish one call before the next
    /// starts (measured: both halves then stay slow), hence the pinning and the barrier.
    private static func warmBuffers<T: BLASElement>(_: T.Type, threads threadCount: Int) {
        guard threadCount > 1 else { warm(T.self); return }
        #if os(Linux)
        let cpus = CPUAffinity.current()?.cpus ?? []
        #endif
        warmArrivals.store(0, ordering: .relaxed)
        let done = workers.run(parts: threadCount) { index in
            #if os(Linux)
            let saved = cpus.isEmpty ? nil : CPUAffinity.current()
            if saved != nil, let one = CPUAffinity.Mask.only(cpus[index % cpus.count]) { CPUAffinity.apply(one) }
            defer { if let saved { CPUAffinity.apply(saved) } }
            #endif
            warmArrivals.add(1, ordering: .acquiringAndReleasing)
            var spins = 0
            while warmArrivals.load(ordering: .acquiring) < threadCount {
                spins += 1
                if spins > 4096 { sched_yield() }
            }
            warm(T.self)
        }
        if !done { warm(T.self) }
    }

    /// Threads that have reached the warming barrier.
    private static let warmArrivals = Atomic<Int>(0)

    /// Rows × columns × depth of the warming product. Its columns are OpenBLAS's rows after
    /// the row-major swap and exceed one block on every x86 kernel; depth × rows elements
    /// (80 KiB of float32 with Zen's 320-deep blocks) is the packed B it writes.
    private static let warmShape = (m: 64, n: 1024, k: 320)

    /// One product of the warming shape for `T`. A and B are fresh anonymous pages, all
    /// zeros, that OpenBLAS only reads: they map the kernel's shared zero page and add
    /// nothing to the process's resident memory; only C (64 × 1024) is written.
    private static func warm<T: BLASElement>(_: T.Type) {
        let (m, n, k) = warmShape
        let count = m * k + k * n + m * n
        let bytes = count * MemoryLayout<T>.stride
        guard let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              raw != UnsafeMutableRawPointer(bitPattern: -1) else { return }
        defer { munmap(raw, bytes) }
        let a = raw.bindMemory(to: T.self, capacity: count)
        let b = a + m * k, c = b + k * n
        T.blasGemm(transA: false, transB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: n,
                   beta: 0, c: c, ldc: n)
    }
}

/// The shape of one row-major product C (m×n) = op(A) (m×k) · op(B) (k×n).
struct Product {
    let transA: Bool, transB: Bool
    let m: Int, n: Int, k: Int
    let lda: Int, ldb: Int, ldc: Int

    /// Bands along the longer side of C, at most one per thread, none thinner than
    /// `bandMultiple`.
    func partCount(threads: Int) -> Int {
        Swift.max(1, Swift.min(threads, Swift.max(m, n) / ThreadedGemm.bandMultiple))
    }

    /// Band `index` of `parts`: rows of C (and of op(A)) when C is at least as tall as wide,
    /// else columns of C (and of op(B)). Boundaries fall on multiples of `bandMultiple`.
    func band(_ index: Int, of parts: Int) -> Band {
        let alongRows = m >= n
        let length = alongRows ? m : n
        func boundary(_ i: Int) -> Int {
            if i >= parts { return length }
            let even = length * i / parts
            return Swift.min(length, (even + ThreadedGemm.bandMultiple / 2) / ThreadedGemm.bandMultiple
                             * ThreadedGemm.bandMultiple)
        }
        let start = boundary(index), end = boundary(index + 1)
        if alongRows {
            return Band(m: end - start, n: n, aOffset: transA ? start : start * lda, bOffset: 0,
                        cOffset: start * ldc)
        }
        return Band(m: m, n: end - start, aOffset: 0, bOffset: transB ? start * ldb : start, cOffset: start)
    }
}

/// One part of a product: its size and where its A, B and C start in the whole call's.
struct Band {
    let m: Int, n: Int
    let aOffset: Int, bOffset: Int, cOffset: Int
}
