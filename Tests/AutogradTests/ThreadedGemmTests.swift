import Testing
@testable import Autograd

/// Products split over threads: each band is the right part of C, and the threads compute
/// exactly what the same bands computed one after another would.
@Suite struct ThreadedGemmTests {
    /// A deterministic matrix of `count` values in [-1, 1) that are not all round numbers.
    private static func values(_ count: Int, seed: Int) -> [Float] {
        (0..<count).map { i in Float((i &* 7919 &+ seed &* 104_729) % 2001 - 1000) / 997 }
    }

    /// One product C = 0.75·op(A)·op(B) + beta·C with A, B and C stored in buffers wider than
    /// the matrices (leading dimensions larger than the widths).
    struct Case: CustomStringConvertible, Sendable {
        let m: Int, n: Int, k: Int
        let transA: Bool, transB: Bool
        let beta: Float
        var lda: Int { (transA ? m : k) + 3 }
        var ldb: Int { (transB ? k : n) + 5 }
        var ldc: Int { n + 7 }
        var a: [Float] { ThreadedGemmTests.values((transA ? k : m) * lda, seed: 1) }
        var b: [Float] { ThreadedGemmTests.values((transB ? n : k) * ldb, seed: 2) }
        var c: [Float] { ThreadedGemmTests.values(m * ldc, seed: 3) }
        var description: String { "\(m)x\(n)x\(k) transA \(transA) transB \(transB) beta \(beta)" }

        /// Through `ThreadedGemm` on `threads` threads.
        func threaded(threads: Int) -> [Float] {
            let a = self.a, b = self.b
            var c = self.c
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        ThreadedGemm.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: Float(0.75),
                                           a: ap.baseAddress!, lda: lda, b: bp.baseAddress!, ldb: ldb,
                                           beta: beta, c: cp.baseAddress!, ldc: ldc, threads: threads)
                    }
                }
            }
            return c
        }

        /// Straight through OpenBLAS: the whole product when `parts` is 1, else band by band.
        func direct(parts: Int) -> [Float] {
            let a = self.a, b = self.b
            var c = self.c
            let call = Product(transA: transA, transB: transB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc)
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        for index in 0..<parts {
                            let band = call.band(index, of: parts)
                            Float.blasGemm(transA: transA, transB: transB, m: band.m, n: band.n, k: k,
                                           alpha: 0.75, a: ap.baseAddress! + band.aOffset, lda: lda,
                                           b: bp.baseAddress! + band.bOffset, ldb: ldb, beta: beta,
                                           c: cp.baseAddress! + band.cOffset, ldc: ldc)
                        }
                    }
                }
            }
            return c
        }
    }

    static let cases: [Case] = [(256, 256, 256), (300, 40, 70), (24, 520, 96), (129, 131, 127), (64, 64, 64)]
        .flatMap { shape in
            [false, true].flatMap { transA in
                [false, true].flatMap { transB in
                    [Float(0), 0.5].map { beta in
                        Case(m: shape.0, n: shape.1, k: shape.2, transA: transA, transB: transB, beta: beta)
                    }
                }
            }
        }

    /// On threads, each band holds exactly what OpenBLAS computes for that band alone, and the
    /// whole agrees with the unsplit product to float32 rounding (a misplaced band would not).
    @Test(arguments: cases)
    func bandsOnThreadsMatchOpenBLAS(product: Case) {
        let whole = product.direct(parts: 1)
        let scale = whole.map { abs($0) }.max() ?? 1
        for threads in [1, 2, 3, 5] {
            let parts = Product(transA: product.transA, transB: product.transB, m: product.m, n: product.n,
                                k: product.k, lda: product.lda, ldb: product.ldb, ldc: product.ldc)
                .partCount(threads: threads)
            let threaded = product.threaded(threads: threads)
            let bands = product.direct(parts: parts)
            let differing = zip(threaded, bands).filter { $0.bitPattern != $1.bitPattern }.count
            #expect(differing == 0, "\(product) on \(threads) threads: \(differing) elements differ from the bands")
            let largest = zip(threaded, whole).map { abs($0 - $1) }.max() ?? 0
            #expect(largest <= scale * 1e-5, "\(product) on \(threads) threads: off the whole product by \(largest)")
        }
    }

    @Test func doubleProductsSplitToo() {
        let m = 200, n = 96, k = 150
        let a = Self.values(m * k, seed: 4).map(Double.init), b = Self.values(k * n, seed: 5).map(Double.init)
        func run(threads: Int) -> [Double] {
            var c = [Double](repeating: 0, count: m * n)
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        ThreadedGemm.gemm(transA: false, transB: false, m: m, n: n, k: k, alpha: 1,
                                           a: ap.baseAddress!, lda: k, b: bp.baseAddress!, ldb: n,
                                           beta: 0, c: cp.baseAddress!, ldc: n, threads: threads)
                    }
                }
            }
            return c
        }
        var expected = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k { sum += a[i * k + p] * b[p * n + j] }
                expected[i * n + j] = sum
            }
        }
        let largest = zip(run(threads: 2), expected).map { abs($0 - $1) }.max() ?? 0
        #expect(largest < 1e-12)
    }

    /// Bands tile the longer side of C exactly, in order, on multiples of 16.
    @Test func bandsTileTheLongerSide() {
        for (m, n) in [(256, 256), (300, 40), (24, 520), (129, 131), (33, 17), (1000, 999)] {
            let call = Product(transA: false, transB: false, m: m, n: n, k: 8, lda: 8, ldb: n, ldc: n)
            for threads in 1...6 {
                let parts = call.partCount(threads: threads)
                #expect(parts >= 1 && parts <= threads)
                var next = 0
                for index in 0..<parts {
                    let band = call.band(index, of: parts)
                    let start = m >= n ? band.cOffset / n : band.cOffset
                    let length = m >= n ? band.m : band.n
                    #expect(start == next, "\(m)x\(n) part \(index) of \(parts)")
                    #expect(index == parts - 1 || (start + length) % ThreadedGemm.bandMultiple == 0)
                    #expect(length >= 1)
                    next = start + length
                }
                #expect(next == Swift.max(m, n))
            }
        }
    }

    /// Callers on several threads at once share the workers or run their bands alone; every
    /// result is the same.
    @Test func concurrentCallersGetTheSameProducts() async {
        let product = Case(m: 160, n: 144, k: 96, transA: false, transB: true, beta: 0)
        let expected = product.threaded(threads: 2).map(\.bitPattern)
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<5).allSatisfy { _ in product.threaded(threads: 2).map(\.bitPattern) == expected }
                }
            }
            for await ok in group { #expect(ok) }
        }
    }

    #if os(Linux)
    /// Pinning a thread to one CPU takes effect and the saved mask restores it.
    @Test func pinningToOneCPUAndBack() throws {
        let saved = try #require(CPUAffinity.current())
        let first = try #require(saved.cpus.first)
        #expect(CPUAffinity.apply(try #require(CPUAffinity.Mask.only(first))))
        #expect(CPUAffinity.current()?.cpus == [first])
        #expect(CPUAffinity.apply(saved))
        #expect(CPUAffinity.current()?.cpus == saved.cpus)
        #expect(CPUAffinity.Mask.only(1024) == nil)
    }
    #endif
}
