/// Strided loops over tensor elements: the innermost dimension is a plain counted loop, outer
/// dimensions advance an index counter, so no per-element work beyond the body.

/// Calls `body` with the storage offset of every element, in row-major order.
@inline(__always)
func forEachOffset(_ shape: [Int], _ strides: [Int], _ start: Int, _ body: (Int) -> Void) {
    let n = shape.count
    if n == 0 { body(start); return }
    for s in shape where s == 0 { return }
    let inner = shape[n - 1], innerStride = strides[n - 1]
    var index = [Int](repeating: 0, count: n)
    var base = start
    while true {
        var o = base
        for _ in 0..<inner { body(o); o += innerStride }
        var d = n - 2
        while d >= 0 {
            index[d] += 1
            base += strides[d]
            if index[d] < shape[d] { break }
            base -= strides[d] * shape[d]
            index[d] = 0
            d -= 1
        }
        if d < 0 { return }
    }
}

/// Calls `body` with paired offsets into two operands iterated over one shape.
@inline(__always)
func forEachOffset2(_ shape: [Int], _ sa: [Int], _ oa: Int, _ sb: [Int], _ ob: Int,
                    _ body: (Int, Int) -> Void) {
    let n = shape.count
    if n == 0 { body(oa, ob); return }
    for s in shape where s == 0 { return }
    let inner = shape[n - 1], ia = sa[n - 1], ib = sb[n - 1]
    var index = [Int](repeating: 0, count: n)
    var baseA = oa, baseB = ob
    while true {
        var a = baseA, b = baseB
        for _ in 0..<inner { body(a, b); a += ia; b += ib }
        var d = n - 2
        while d >= 0 {
            index[d] += 1
            baseA += sa[d]; baseB += sb[d]
            if index[d] < shape[d] { break }
            baseA -= sa[d] * shape[d]; baseB -= sb[d] * shape[d]
            index[d] = 0
            d -= 1
        }
        if d < 0 { return }
    }
}

/// Calls `body` with offsets into three operands iterated over one shape.
@inline(__always)
func forEachOffset3(_ shape: [Int], _ sa: [Int], _ oa: Int, _ sb: [Int], _ ob: Int,
                    _ sc: [Int], _ oc: Int, _ body: (Int, Int, Int) -> Void) {
    let n = shape.count
    if n == 0 { body(oa, ob, oc); return }
    for s in shape where s == 0 { return }
    let inner = shape[n - 1], ia = sa[n - 1], ib = sb[n - 1], ic = sc[n - 1]
    var index = [Int](repeating: 0, count: n)
    var baseA = oa, baseB = ob, baseC = oc
    while true {
        var a = baseA, b = baseB, c = baseC
        for _ in 0..<inner { body(a, b, c); a += ia; b += ib; c += ic }
        var d = n - 2
        while d >= 0 {
            index[d] += 1
            baseA += sa[d]; baseB += sb[d]; baseC += sc[d]
            if index[d] < shape[d] { break }
            baseA -= sa[d] * shape[d]; baseB -= sb[d] * shape[d]; baseC -= sc[d] * shape[d]
            index[d] = 0
            d -= 1
        }
        if d < 0 { return }
    }
}

/// Calls `body(offset, outIndex)` once per slice along `dim`: `offset` is where the slice
/// starts in storage, `outIndex` counts slices row-major over the other dimensions.
@inline(__always)
func forEachLane(_ t: Tensor, dim: Int, _ body: (Int, Int) -> Void) {
    var shape = t.shape, strides = t.strides
    shape.remove(at: dim); strides.remove(at: dim)
    var k = 0
    forEachOffset(shape, strides, t.offset) { o in body(o, k); k += 1 }
}
