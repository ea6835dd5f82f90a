import Autograd

/// float32 GEMM throughput through `Tensor.mm` on GradStep's default thread count (wall time)
/// and on one thread (thread CPU time), with OpenBLAS called directly beside each: on its own
/// threads, and on one.
let sgemmWorkload = Workload("sgemm") { r in
    let defaultThreads = ThreadedGemm.threadCount
    r.heading("sgemm float32 (GFLOP/s; default threads on wall time, one thread on CPU time)")
    for n in [256, 1024] {
        let m1 = try filled([n, n]), m2 = try filled([n, n])
        let pa = m1.doubleValues().map { Float($0) }, pb = m2.doubleValues().map { Float($0) }
        var pc = [Float](repeating: 0, count: n * n)
        let flops = 2 * Double(n) * Double(n) * Double(n)
        func direct() {
            pa.withUnsafeBufferPointer { ap in
                pb.withUnsafeBufferPointer { bp in
                    pc.withUnsafeMutableBufferPointer { cp in
                        guard let a = ap.baseAddress, let b = bp.baseAddress, let c = cp.baseAddress else { return }
                        Float.blasGemm(transA: false, transB: false, m: n, n: n, k: n, alpha: 1,
                                       a: a, lda: n, b: b, ldb: n, beta: 0, c: c, ldc: n)
                    }
                }
            }
        }
        for (threads, suffix, clock) in [(defaultThreads, "threads", BenchClock.wall), (1, "single", .cpu)] {
            ThreadedGemm.threadCount = threads
            let what = "sgemm \(n)x\(n), \(threads) thread\(threads == 1 ? "" : "s")"
            let name = "sgemm.\(n).\(suffix)"
            if r.wants(name) {
                r.record(name, flops / (try measure(clock: clock) { _ = try m1.mm(m2) }),
                         unit: "GFLOP/s", clock: clock, label: what)
            }
            if r.wants(name + ".openblas") {
                OpenBLAS.libraryThreadCount = threads
                r.record(name + ".openblas", flops / measure(clock: clock) { direct() },
                         unit: "GFLOP/s", clock: clock, label: what + (threads == 1 ? ", cblas_sgemm direct" : ", cblas_sgemm on OpenBLAS's own threads"))
                OpenBLAS.libraryThreadCount = 1
            }
        }
        ThreadedGemm.threadCount = defaultThreads
    }
}
