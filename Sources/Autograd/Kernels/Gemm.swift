/// Matrix products through OpenBLAS (split over threads by `ThreadedGemm`): transposed views
/// are passed with the transpose flag instead of being copied.
enum Gemm {
    /// How a 2-D strided tensor can be handed to BLAS: row-major with leading dimension `ld`,
    /// possibly as the transpose of a row-major matrix. Nil when a copy is needed.
    static func layout(_ t: Tensor) -> (trans: Bool, ld: Int)? {
        let m = t.shape[0], k = t.shape[1]
        var s0 = t.strides[0], s1 = t.strides[1]
        if k == 1 { s1 = 1 }
        if m == 1 { s0 = Swift.max(k, 1) }
        if s1 == 1 && s0 >= Swift.max(k, 1) { return (false, s0) }
        s0 = t.strides[0]; s1 = t.strides[1]
        if m == 1 { s0 = 1 }
        if k == 1 { s1 = Swift.max(m, 1) }
        if s0 == 1 && s1 >= Swift.max(m, 1) { return (true, s1) }
        return nil
    }

    /// C = alpha * A·B + beta * C for 2-D A (m×k), B (k×n) and a contiguous m×n C whose
    /// storage starts at `cOffset`. All three share one floating dtype.
    static func gemm(_ a0: Tensor, _ b0: Tensor, into c: Tensor, cOffset: Int = 0,
                     alpha: Double = 1, beta: Double = 0) {
        let m = a0.shape[0], k = a0.shape[1], n = b0.shape[1]
        if m == 0 || n == 0 { return }
        if k == 0 {
            if beta == 0 { scaleC(c, cOffset, m * n, 0) } else if beta != 1 { scaleC(c, cOffset, m * n, beta) }
            return
        }
        let a = layout(a0) == nil ? a0.contiguousData() : a0
        let b = layout(b0) == nil ? b0.contiguousData() : b0
        guard let la = layout(a), let lb = layout(b) else { return }
        func product<T: BLASElement>(_: T.Type) {
            ThreadedGemm.gemm(transA: la.trans, transB: lb.trans, m: m, n: n, k: k, alpha: T(alpha),
                              a: a.storage.typed(T.self) + a.offset, lda: la.ld,
                              b: b.storage.typed(T.self) + b.offset, ldb: lb.ld,
                              beta: T(beta), c: c.storage.typed(T.self) + cOffset, ldc: n)
        }
        switch c.dtype {
        case .float32: product(Float.self)
        case .float64: product(Double.self)
        default:
            integerGemm(a, b, c, cOffset, alpha: alpha, beta: beta)
        }
    }

    private static func scaleC(_ c: Tensor, _ off: Int, _ count: Int, _ factor: Double) {
        switch c.dtype {
        case .float32: let p = c.storage.typed(Float.self) + off; for i in 0..<count { p[i] *= Float(factor) }
        case .float64: let p = c.storage.typed(Double.self) + off; for i in 0..<count { p[i] *= factor }
        default: break
        }
    }

    /// Integer matrices have no BLAS routine: a plain triple loop in Int64.
    private static func integerGemm(_ a: Tensor, _ b: Tensor, _ c: Tensor, _ off: Int, alpha: Double, beta: Double) {
        let m = a.shape[0], k = a.shape[1], n = b.shape[1]
        let av = a.int64Values(), bv = b.int64Values()
        let al = Int64(alpha), be = Int64(beta)
        func run<T: TensorElement>(_: T.Type) {
            let pc = c.storage.typed(T.self) + off
            for i in 0..<m {
                for j in 0..<n {
                    var s: Int64 = 0
                    for p in 0..<k { s = s &+ av[i * k + p] &* bv[p * n + j] }
                    let prev = be == 0 ? 0 : pc[i * n + j].asInt64 &* be
                    pc[i * n + j] = T(fromInt64: prev &+ al &* s)
                }
            }
        }
        switch c.dtype {
        case .int64: run(Int64.self)
        case .int32: run(Int32.self)
        default: break
        }
    }
}
