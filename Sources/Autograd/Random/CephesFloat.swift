/// Float32 `log` and `sincos` computed as PyTorch's AVX2 normal kernel computes them
/// (the Cephes polynomials of `avx_mathfun.h`), one lane at a time.
///
/// PyTorch compiles that kernel with FMA enabled, and the compiler contracts each multiply
/// whose only use is an add into a fused multiply-add (the first such multiply in program
/// order when both operands of the add are products). Reproducing exactly those fusions is
/// what makes these results agree with PyTorch bit for bit; unfused, about 1% of samples
/// differ in the last bit.
enum CephesFloat {
    @inline(__always)
    private static func madd(_ a: Float, _ b: Float, _ c: Float) -> Float {
        c.addingProduct(a, b)
    }

    /// Natural logarithm of a positive normal float (the kernel only sees `(0, 1]`).
    static func log(_ input: Float) -> Float {
        if input.isNaN || input <= 0 { return .nan }
        let x0 = max(input, Float.leastNormalMagnitude)
        let bits = x0.bitPattern
        // The mantissa scaled into [0.5, 1), and the matching exponent.
        var x = Float(bitPattern: (bits & ~0x7f80_0000) | Float(0.5).bitPattern)
        var e = Float(Int32(bitPattern: bits >> 23) - 0x7f) + 1
        let below = x < 0.707106781186547524
        let tmp: Float = below ? x : 0
        x = x - 1
        e = e - (below ? 1 : 0)
        x = x + tmp
        let z = x * x
        var y: Float = 7.0376836292E-2
        y = madd(y, x, -1.1514610310E-1)
        y = madd(y, x, 1.1676998740E-1)
        y = madd(y, x, -1.2420140846E-1)
        y = madd(y, x, 1.4249322787E-1)
        y = madd(y, x, -1.6668057665E-1)
        y = madd(y, x, 2.0000714765E-1)
        y = madd(y, x, -2.4999993993E-1)
        y = madd(y, x, 3.3333331174E-1)
        y = y * x
        y = madd(y, z, e * -2.12194440e-4)
        y = madd(-z, 0.5, y)
        x = x + y
        return madd(e, 0.693359375, x)
    }

    /// Sine and cosine of a non-negative float of moderate size (the kernel passes `[0, 2π)`).
    static func sincos(_ input: Float) -> (sin: Float, cos: Float) {
        // The octant below must fit an integer; the kernel never passes anything this large.
        guard abs(input) < 1.0e9 else { return (.nan, .nan) }
        var x = abs(input)
        let sinSign = input.sign == .minus
        // 4/π times x, truncated, rounded up to even: the octant.
        var j = Int32((x * 1.27323954473516).rounded(.towardZero))
        j = (j &+ 1) & ~1
        let y = Float(j)
        let swapSin = (j & 4) != 0
        let usesSinPolynomial = (j & 2) == 0
        let cosNegative = (~(j &- 2) & 4) != 0
        x = madd(y, -0.78515625, x)
        x = madd(y, -2.4187564849853515625e-4, x)
        x = madd(y, -3.77489497744594108e-8, x)
        let z = x * x
        var c: Float = 2.443315711809948E-005
        c = madd(c, z, -1.388731625493765E-003)
        c = madd(c, z, 4.166664568298827E-002)
        c = c * z
        c = madd(c, z, -(z * 0.5))
        c = c + 1
        var s: Float = -1.9515295891E-4
        s = madd(s, z, 8.3321608736E-3)
        s = madd(s, z, -1.6666654611E-1)
        s = s * z
        s = madd(s, x, x)
        var sine = usesSinPolynomial ? s : c
        var cosine = usesSinPolynomial ? c : s
        if sinSign != swapSin { sine = -sine }
        if cosNegative { cosine = -cosine }
        return (sine, cosine)
    }
}
