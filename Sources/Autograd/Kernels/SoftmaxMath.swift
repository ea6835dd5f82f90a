/// exp (single and double precision) and single-precision log evaluated the way PyTorch's
/// AVX2 CPU kernels evaluate them (SLEEF's 1.0-ULP vector routines with fused multiply-adds),
/// so softmax results agree bit for bit rather than merely to within an ulp.
enum VectorMath {
    /// `2^q` for an exponent inside the normal range, built from its bit pattern.
    @inline(__always) static func pow2i(_ q: Int32) -> Float {
        Float(bitPattern: UInt32(bitPattern: (q &+ 0x7f) << 23))
    }

    /// `d * 2^e` split in two steps so intermediate scales never overflow.
    @inline(__always) static func ldexp2(_ d: Float, _ e: Int32) -> Float {
        let half = e >> 1
        return d * pow2i(half) * pow2i(e &- half)
    }

    /// The vector exp of PyTorch's `Vectorized<float>::exp()` (SLEEF expf, 1.0 ULP).
    @inline(__always) static func exp(_ d: Float) -> Float {
        if d.isNaN { return d }
        // Out-of-range inputs saturate exactly where the vector routine masks them.
        if d < -104 { return 0 }
        if d > 100 { return .infinity }
        let q = Int32((d * 1.442695040888963407359924681001892137426645954152985934135449406931 as Float)
            .rounded(.toNearestOrEven))
        let qf = Float(q)
        var s = d.addingProduct(qf, -0.693145751953125)
        s = s.addingProduct(qf, -1.428606765330187045e-06)
        var u: Float = 0.000198527617612853646278381
        u = Float(0.00139304355252534151077271).addingProduct(u, s)
        u = Float(0.00833336077630519866943359).addingProduct(u, s)
        u = Float(0.0416664853692054748535156).addingProduct(u, s)
        u = Float(0.166666671633720397949219).addingProduct(u, s)
        u = Float(0.5).addingProduct(u, s)
        u = 1 + s.addingProduct(s * s, u)
        return ldexp2(u, q)
    }

    /// `2^q` as a double for an exponent inside the normal range.
    @inline(__always) static func pow2i(_ q: Int64) -> Double {
        Double(bitPattern: UInt64(bitPattern: (q &+ 0x3ff) << 52))
    }

    /// The vector exp of PyTorch's `Vectorized<double>::exp()` (SLEEF exp, 1.0 ULP): an
    /// Estrin-evaluated degree-10 polynomial finished by three fused steps.
    @inline(__always) static func exp(_ d: Double) -> Double {
        if d.isNaN { return d }
        if d > 0x1.62e42fefa39efp+9 { return .infinity }
        if d < -1000 { return 0 }
        let u0 = (d * 1.442695040888963407359924681001892137426645954152985934135449406931).rounded(.toNearestOrEven)
        let q = Int64(u0)
        var s = d.addingProduct(u0, -0.69314718055966295651160180568695068359375)
        s = s.addingProduct(u0, -0.28235290563031577122588448175013436025525412068e-12)
        let s2 = s * s, s4 = s2 * s2, s8 = s4 * s4
        func mla(_ x: Double, _ y: Double, _ z: Double) -> Double { z.addingProduct(x, y) }
        var u = mla(s8, mla(s, 0.2081276378237164457e-8, 0.2511210703042288022e-7),
                    mla(s4, mla(s2, mla(s, 0.2755762628169491192e-6, 0.2755723402025388239e-5),
                                mla(s, 0.2480158687479686264e-4, 0.1984126989855865850e-3)),
                        mla(s2, mla(s, 0.1388888888914497797e-2, 0.8333333333314938210e-2),
                            mla(s, 0.4166666666666602598e-1, 0.1666666666666669072e+0))))
        u = mla(u, s, 0.5)
        u = mla(u, s, 1)
        u = mla(u, s, 1)
        let half = q >> 1
        return u * pow2i(half) * pow2i(q - half)
    }

    /// A float pair carrying about twice float's precision (value = hi + lo).
    struct Pair {
        var hi: Float
        var lo: Float
    }

    /// Exact sum of two floats as a pair (no ordering of magnitudes required).
    @inline(__always) static func add2(_ x: Float, _ y: Float) -> Pair {
        let s = x + y
        let v = s - x
        return Pair(hi: s, lo: (x - (s - v)) + (y - v))
    }

    /// Pair + pair, assuming |x| >= |y|.
    @inline(__always) static func add(_ x: Pair, _ y: Pair) -> Pair {
        let s = x.hi + y.hi
        return Pair(hi: s, lo: (((x.hi - s) + y.hi) + x.lo) + y.lo)
    }

    /// Pair + float, assuming |x| >= |y|.
    @inline(__always) static func add(_ x: Pair, _ y: Float) -> Pair {
        let s = x.hi + y
        return Pair(hi: s, lo: ((x.hi - s) + y) + x.lo)
    }

    /// Pair times float; the product's rounding error is recovered with a fused multiply-add.
    @inline(__always) static func mul(_ x: Pair, _ y: Float) -> Pair {
        let s = x.hi * y
        return Pair(hi: s, lo: (-s).addingProduct(x.hi, y).addingProduct(x.lo, y))
    }

    /// Pair divided by pair with a fused-multiply-add correction of the reciprocal.
    @inline(__always) static func div(_ n: Pair, _ d: Pair) -> Pair {
        let t = 1 / d.hi
        let s = n.hi * t
        let u = (-s).addingProduct(t, n.hi)
        let v = Float(1).addingProduct(-d.hi, t).addingProduct(-d.lo, t)
        return Pair(hi: s, lo: u.addingProduct(n.lo, t).addingProduct(s, v))
    }

    /// The vector log of PyTorch's `Vectorized<float>::log()` (SLEEF logf, 1.0 ULP).
    static func log(_ input: Float) -> Float {
        if input.isNaN || input < 0 { return .nan }
        if input == 0 { return -.infinity }
        if input == .infinity { return .infinity }
        var d = input
        let tiny = d < Float.leastNormalMagnitude
        if tiny { d *= Float(UInt64(1) << 32) * Float(UInt64(1) << 32) }
        // Exponent of d / 0.75 read from its bits, so the mantissa lands in [0.75, 1.5).
        var e = Int32(bitPattern: ((d * (1 / 0.75 as Float)).bitPattern >> 23) & 0xff) - 0x7f
        let m = Float(bitPattern: UInt32(bitPattern: Int32(bitPattern: d.bitPattern) &- (e << 23)))
        if tiny { e -= 64 }
        var s = mul(Pair(hi: 0.69314718246459960938, lo: -1.904654323148236017e-09), Float(e))
        let x = div(add2(-1, m), add2(1, m))
        let x2 = x.hi * x.hi
        var t: Float = 0.3027294874
        t = Float(0.3996108174).addingProduct(t, x2)
        t = Float(0.6666694880).addingProduct(t, x2)
        s = add(s, Pair(hi: x.hi * 2, lo: x.lo * 2))
        s = add(s, x2 * x.hi * t)
        return s.hi + s.lo
    }
}
