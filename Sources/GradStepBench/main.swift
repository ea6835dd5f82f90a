import Autograd
import CBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Release-build benchmarks: per-op overhead on small tensors and GEMM throughput beside
/// OpenBLAS called directly.

/// Nanoseconds of CPU time this thread has used: on a machine shared with other builds,
/// wall time mostly measures the scheduler, thread CPU time measures the code.
func threadCPUNanoseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}

/// Runs `body` `iterations` times after a warm-up and returns nanoseconds per call, in
/// thread CPU time (per-op overhead) or wall time (multi-threaded GEMM).
func measure(_ iterations: Int, wall: Bool = false, _ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<Swift.max(iterations / 10, 1) { try body() }
    if !wall {
        let start = threadCPUNanoseconds()
        for _ in 0..<iterations { try body() }
        return (threadCPUNanoseconds() - start) / Double(iterations)
    }
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<iterations { try body() }
    let elapsed = clock.now - start
    let ns = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
    return ns / Double(iterations)
}

/// A tensor with varied values.
func filled(_ shape: [Int]) throws -> Tensor {
    let n = shape.reduce(1, *)
    return try Tensor.from((0..<n).map { Double(($0 * 7919) % 1000) / 500 - 1 }, shape: shape)
}

/// `GRADSTEP_BENCH=name` runs only the benchmarks whose name starts with it (for profiling).
let only: String? = getenv("GRADSTEP_BENCH").map { String(cString: $0) }

/// Whether a benchmark is selected.
func selected(_ name: String) -> Bool { only.map { name.hasPrefix($0) } ?? true }

func report(_ name: String, _ ns: Double) {
    let padded = name + String(repeating: " ", count: Swift.max(0, 40 - name.count))
    print("\(padded)\(String(Int(ns.rounded()))) ns")
}

func run() throws {
    print("GradStep benchmarks (thread CPU time per call)")
    let a = try filled([32, 64]), b = try filled([32, 64]), w = try filled([64, 64])
    if selected("add") { report("add 32x64", try measure(200_000) { _ = try a.add(b) }) }
    if selected("matmul") { report("matmul 32x64 @ 64x64", try measure(50_000) { _ = try a.matmul(w) }) }
    if selected("relu") { report("relu 32x64", try measure(200_000) { _ = try a.relu() }) }
    let logits = try filled([32, 10])
    try logits.setRequiresGrad(true)
    let target = try Tensor.from(ints: (0..<32).map { Int64($0 % 10) })
    if selected("cross") {
        report("cross_entropy 32x10 fwd+bwd", try measure(20_000) {
            let loss = try Tensor.crossEntropy(logits, target)
            try loss.backward()
        })
    }
    let x = try filled([32, 64])
    try x.setRequiresGrad(true)
    if selected("graph") { report("add 32x64 with graph", try measure(200_000) { _ = try x.add(b) }) }
    if !selected("sgemm") { return }

    print("")
    print("sgemm GFLOP/s    Tensor.mm   cblas_sgemm   ratio")
    for n in [256, 1024] {
        let m1 = try filled([n, n]), m2 = try filled([n, n])
        let c = [Float](repeating: 0, count: n * n)
        let pa = m1.doubleValues().map { Float($0) }, pb = m2.doubleValues().map { Float($0) }
        let iters = n == 256 ? 200 : 10
        let tMine = try measure(iters, wall: true) { _ = try m1.mm(m2) }
        var cc = c
        let tBlas = measure(iters, wall: true) {
            pa.withUnsafeBufferPointer { ap in
                pb.withUnsafeBufferPointer { bp in
                    cc.withUnsafeMutableBufferPointer { cp in
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(n), blasint(n), blasint(n), 1,
                                    ap.baseAddress, blasint(n), bp.baseAddress, blasint(n), 0, cp.baseAddress, blasint(n))
                    }
                }
            }
        }
        let flops = 2 * Double(n) * Double(n) * Double(n)
        let gMine = flops / tMine, gBlas = flops / tBlas
        func f(_ v: Double) -> String { String(Double(Int(v * 10)) / 10) }
        print("  \(n)x\(n)       \(f(gMine))        \(f(gBlas))          \(f(gMine / gBlas * 100) + "%")")
    }
}

do { try run() } catch { print("benchmark failed: \(error)") }
if selected("render") { do { try runGraphBenchmarks().forEach { print($0) } } catch { print("graph benchmark failed: \(error)") } }
runDebuggerBenchmarks()
