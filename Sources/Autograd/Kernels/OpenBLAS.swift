import CBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// OpenBLAS, opened at the first matrix product rather than linked.
///
/// A linked OpenBLAS starts its worker threads while the process loads, and they spin for a
/// tenth of a second or more of CPU waiting for work: a lesson that never multiplies two
/// matrices paid that on every run, and every `gradstep` start paid the loading. Opening the
/// library on first use keeps both off programs that do not need it. `CBLAS` supplies the
/// declarations (types and enums); the functions come from `dlsym`.
///
/// Once open, OpenBLAS runs every call on the calling thread: `ThreadedGemm` splits large
/// products over threads of its own, starting with as many threads as OpenBLAS would have
/// used.
public struct OpenBLAS: Sendable {
    typealias Sgemm = @convention(c) (
        CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint,
        Float, UnsafePointer<Float>?, blasint, UnsafePointer<Float>?, blasint,
        Float, UnsafeMutablePointer<Float>?, blasint) -> Void
    typealias Dgemm = @convention(c) (
        CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint,
        Double, UnsafePointer<Double>?, blasint, UnsafePointer<Double>?, blasint,
        Double, UnsafeMutablePointer<Double>?, blasint) -> Void
    typealias GetThreads = @convention(c) () -> Int32
    typealias SetThreads = @convention(c) (Int32) -> Void

    let sgemmFunction: Sgemm
    let dgemmFunction: Dgemm
    let getThreads: GetThreads
    let setThreads: SetThreads
    /// OpenBLAS's thread count as it opened (from `OPENBLAS_NUM_THREADS`, `OMP_NUM_THREADS`
    /// or the CPUs the process may use), before it was set to one.
    let startingThreadCount: Int

    /// The library, opened by the first caller (Swift runs a static initialiser once, and
    /// safely when threads race for it).
    static let shared = OpenBLAS.open()

    /// The number of threads OpenBLAS itself uses for one call (opens the library). GradStep
    /// keeps it at one; benchmarks raise it to compare OpenBLAS's threading with
    /// `ThreadedGemm`'s.
    public static var libraryThreadCount: Int {
        get { Int(shared.getThreads()) }
        set { shared.setThreads(Int32(Swift.max(1, newValue))) }
    }

    /// Opens OpenBLAS and finds its functions. Without them no matrix product can run, so a
    /// missing or broken installation ends the program with the reason and the fix.
    private static func open() -> OpenBLAS {
        #if canImport(Darwin)
        let names = ["libopenblas.dylib", "/opt/homebrew/opt/openblas/lib/libopenblas.dylib"]
        #else
        let names = ["libopenblas.so.0", "libopenblas.so"]
        #endif
        var reasons: [String] = []
        for name in names {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
                reasons.append(dlerror().map { String(cString: $0) } ?? name)
                continue
            }
            if let library = resolve(in: handle) { return library }
            reasons.append("\(name) lacks cblas_sgemm, cblas_dgemm or openblas_set_num_threads")
        }
        let message = "gradstep: cannot load OpenBLAS for matrix products (\(reasons.joined(separator: "; "))).\n"
            + "Install it with: sudo apt-get install libopenblas0\n"
        var bytes = Array(message.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
        exit(1)
    }

    private static func resolve(in handle: UnsafeMutableRawPointer) -> OpenBLAS? {
        guard let sgemm = dlsym(handle, "cblas_sgemm"), let dgemm = dlsym(handle, "cblas_dgemm"),
              let getThreads = dlsym(handle, "openblas_get_num_threads"),
              let setThreads = dlsym(handle, "openblas_set_num_threads") else { return nil }
        let get = unsafeBitCast(getThreads, to: GetThreads.self)
        let set = unsafeBitCast(setThreads, to: SetThreads.self)
        let starting = Swift.max(1, Int(get()))
        set(1)
        return OpenBLAS(sgemmFunction: unsafeBitCast(sgemm, to: Sgemm.self),
                        dgemmFunction: unsafeBitCast(dgemm, to: Dgemm.self),
                        getThreads: get, setThreads: set, startingThreadCount: starting)
    }
}

/// The element types OpenBLAS multiplies: float32 (`cblas_sgemm`) and float64 (`cblas_dgemm`).
public protocol BLASElement: FloatElement {
    /// C = alpha·op(A)·op(B) + beta·C in row-major order, one OpenBLAS call on this thread.
    static func blasGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self,
                         a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                         beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension Float: BLASElement {
    /// `cblas_sgemm`, row-major.
    @inline(__always)
    public static func blasGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        OpenBLAS.shared.sgemmFunction(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
                                      transB ? CblasTrans : CblasNoTrans, blasint(m), blasint(n), blasint(k),
                                      alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
}

extension Double: BLASElement {
    /// `cblas_dgemm`, row-major.
    @inline(__always)
    public static func blasGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                                a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                                beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        OpenBLAS.shared.dgemmFunction(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
                                      transB ? CblasTrans : CblasNoTrans, blasint(m), blasint(n), blasint(k),
                                      alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
}
