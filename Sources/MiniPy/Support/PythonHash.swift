/// CPython's numeric hashes (`Python/pyhash.c`), which make `hash(1) == hash(1.0)` and
/// which `random.seed(float)` feeds to the generator.

/// The modulus of CPython's numeric hash on 64-bit builds: the Mersenne prime 2**61 - 1.
let pythonHashModulus: UInt64 = (1 << 61) - 1

/// `hash(n)` for an int.
public func pythonIntHash(_ n: Int) -> Int {
    var h = Int(UInt64(n.magnitude) % pythonHashModulus)
    if n < 0 { h = -h }
    return h == -1 ? -2 : h
}

/// `hash(x)` for a float: equal to the int hash for integral values, 314159 for inf;
/// nan hashes by identity in CPython, so 0 stands in here.
public func pythonFloatHash(_ x: Double) -> Int {
    if x.isNaN { return 0 }
    if x.isInfinite { return x > 0 ? 314_159 : -314_159 }
    let bits = 61
    var mantissa = x.magnitude.significand
    // frexp's mantissa lies in [0.5, 1); Swift's significand in [1, 2).
    var exponent = Int(x.magnitude.exponent) + 1
    mantissa /= 2
    if x == 0 { return 0 }
    var h: UInt64 = 0
    while mantissa != 0 {
        h = ((h << 28) & pythonHashModulus) | (h >> UInt64(bits - 28))
        mantissa *= 268_435_456.0
        exponent -= 28
        let digit = UInt64(mantissa)
        mantissa -= Double(digit)
        h += digit
        if h >= pythonHashModulus { h -= pythonHashModulus }
    }
    let shift = exponent >= 0 ? exponent % bits : bits - 1 - ((-1 - exponent) % bits)
    h = ((h << UInt64(shift)) & pythonHashModulus) | (h >> UInt64(bits - shift))
    var result = Int(h)
    if x < 0 { result = -result }
    return result == -1 ? -2 : result
}
