/// PyTorch's CPU floating-point sum (`cascade_sum` in ATen's SumKernel.cpp), reproduced in the
/// same order of additions so float32 and float64 sums come out bit for bit.
///
/// The iteration follows TensorIterator for a reduction: dims are ordered with reduced dims
/// innermost (then by strides), adjacent dims are coalesced, and the first two dims form a 2-D
/// inner loop run once per position of the outer dims, each call adding its partial sums into
/// the zero-filled output. Inside a call, rows are summed in a multi-level cascade: chunks of
/// `1 << levelPower` loads feed level 0, which spills upward every chunk, with four
/// interleaved accumulators (`ilp_factor`) per row and 32-byte vectors (AVX2: 8 floats,
/// 4 doubles), each vector lane being an independent accumulator. A reduction to one value
/// of `grainSize` elements or more is summed in per-thread slices first (`two_pass_reduction`).
/// Reductions to several values that large would be split by output columns in PyTorch
/// (`parallel_dim_reduction`); they are summed serially here.
enum CascadeSum {
    /// Levels of the cascade (`num_levels`).
    static let levels = 4
    /// Interleaved accumulators per row (`ilp_factor`) and rows summed at once (`nrows`).
    static let ilp = 4

    /// One dimension of the reduction iteration: its size and strides (in elements).
    struct Dim {
        var size: Int
        var outStride: Int
        var inStride: Int
    }

    /// Lanes of a 32-byte vector of `T`.
    static func lanes<T: FloatElement>(_: T.Type) -> Int { 32 / MemoryLayout<T>.stride }

    /// `CeilLog2` of ATen's cpu utils.
    static func ceilLog2(_ x: Int) -> Int {
        if x <= 2 { return 1 }
        return (Int.bitWidth - (x - 1).leadingZeroBitCount - 1) + 1
    }

    /// Orders and coalesces dims as TensorIterator does for a reduction.
    static func plan(shape: [Int], inStrides: [Int], outStrides: [Int]) -> [Dim] {
        let n = shape.count
        if n == 0 { return [] }
        // perm[0] is the innermost dim; start from reversed (C) order.
        var perm = Array((0..<n).reversed())
        func shouldSwap(_ d0: Int, _ d1: Int) -> Int {
            // Operand 0 is the output, operand 1 the input.
            for op in 0..<2 {
                let s = op == 0 ? outStrides : inStrides
                let s0 = s[d0], s1 = s[d1]
                if op == 0, (s0 == 0) != (s1 == 0) { return s1 == 0 ? 1 : -1 }
                if s0 == 0 || s1 == 0 { continue }
                if s0 < s1 { return -1 }
                if s0 > s1 { return 1 }
                if shape[d0] > shape[d1] { return 1 }
            }
            return 0
        }
        if n > 1 {
            for i in 1..<n {
                var d1 = i
                var d0 = i - 1
                while d0 >= 0 {
                    let c = shouldSwap(perm[d0], perm[d1])
                    if c > 0 {
                        perm.swapAt(d0, d1)
                        d1 = d0
                    } else if c < 0 {
                        break
                    }
                    d0 -= 1
                }
            }
        }
        var dims = perm.map { Dim(size: shape[$0], outStride: outStrides[$0], inStride: inStrides[$0]) }
        var prev = 0
        for d in 1..<n {
            let a = dims[prev], b = dims[d]
            let canCoalesce = a.size == 1 || b.size == 1
                || (a.size * a.outStride == b.outStride && a.size * a.inStride == b.inStride)
            if canCoalesce {
                if a.size == 1 { dims[prev].outStride = b.outStride; dims[prev].inStride = b.inStride }
                dims[prev].size *= b.size
            } else {
                prev += 1
                if prev != d { dims[prev] = b }
            }
        }
        dims.removeLast(n - prev - 1)
        return dims
    }

    /// Intra-op threads of the reference machine (`torch.get_num_threads()` on two cores):
    /// a full reduction of `grainSize` elements or more is split into that many partial sums.
    static let referenceThreads = 2
    /// `at::internal::GRAIN_SIZE`: below this many elements a reduction runs serially.
    static let grainSize = 32768

    /// Sums `input` into the zero-filled `output` over the planned dims, as `parallel_reduce`
    /// does on the reference machine.
    static func run<T: FloatElement>(_ dims: [Dim], outputCount: Int, input: UnsafePointer<T>, output: UnsafeMutablePointer<T>) {
        let v = lanes(T.self)
        // Accumulators for the cascade: levels x rows x lanes.
        let scratch = UnsafeMutablePointer<T>.allocate(capacity: levels * ilp * v)
        defer { scratch.deallocate() }
        let k = Kernel<T>(acc: scratch, lanes: v)
        let numel = dims.reduce(1) { $0 * $1.size }
        guard numel >= grainSize, referenceThreads > 1, outputCount == 1 else {
            walk(dims, k, input: input, output: output, begin: 0, end: numel)
            return
        }
        // Two passes: each thread's slice of the iteration into its own zeroed slot, then the
        // slots summed (as a short row) into the output.
        let used = Swift.min(referenceThreads, (numel + grainSize - 1) / grainSize)
        let chunk = (numel + used - 1) / used
        let buffer = UnsafeMutablePointer<T>.allocate(capacity: referenceThreads)
        defer { buffer.deallocate() }
        buffer.initialize(repeating: 0, count: referenceThreads)
        for t in 0..<used where t * chunk < numel {
            walk(dims, k, input: input, output: buffer + t, begin: t * chunk, end: Swift.min(numel, (t + 1) * chunk))
        }
        k.loop2d(buffer, output, size0: referenceThreads, size1: 1, in0: 1, out0: 0, in1: 0, out1: 0)
    }

    /// Runs the 2-D loop over iteration positions `begin..<end` (dim 0 fastest).
    static func walk<T: FloatElement>(_ dims: [Dim], _ k: Kernel<T>, input: UnsafePointer<T>, output: UnsafeMutablePointer<T>,
                                      begin: Int, end: Int) {
        let in0 = dims.first?.inStride ?? 0, out0 = dims.first?.outStride ?? 0
        let in1 = dims.count > 1 ? dims[1].inStride : 0, out1 = dims.count > 1 ? dims[1].outStride : 0
        blocks(dims, begin: begin, end: end) { inOff, outOff, size0, size1 in
            k.loop2d(input + inOff, output + outOff, size0: size0, size1: size1, in0: in0, out0: out0, in1: in1, out1: out1)
        }
    }

    /// Splits iteration positions `begin..<end` into the 2-D blocks TensorIterator's
    /// `serial_for_each` hands its loop (the steps of its `DimCounter`), giving each block's
    /// input and output offsets and sizes.
    static func blocks(_ dims: [Dim], begin: Int, end: Int, _ body: (Int, Int, Int, Int) -> Void) {
        if dims.count <= 1 {
            body(begin * (dims.first?.inStride ?? 0), begin * (dims.first?.outStride ?? 0), end - begin, 1)
            return
        }
        var values = [Int](repeating: 0, count: dims.count)
        var rest = begin
        for d in 0..<dims.count {
            values[d] = rest % dims[d].size
            rest /= dims[d].size
        }
        var offset = begin
        while offset < end {
            var inOff = 0, outOff = 0
            for d in 0..<dims.count {
                inOff += values[d] * dims[d].inStride
                outOff += values[d] * dims[d].outStride
            }
            let step0 = Swift.min(dims[0].size - values[0], end - offset)
            var step1 = 1
            if step0 == dims[0].size { step1 = Swift.min(dims[1].size - values[1], (end - offset) / dims[0].size) }
            body(inOff, outOff, step0, step1)
            offset += step0 * step1
            // Carry the step through the counter, starting at dim 1 when whole rows were taken.
            var d = step1 != 1 ? 1 : 0
            var overflow = step1 != 1 ? step1 : step0
            while d < dims.count && overflow > 0 {
                var value = values[d] + overflow
                if value >= dims[d].size {
                    overflow = 1
                    value -= dims[d].size
                } else {
                    overflow = 0
                }
                values[d] = value
                d += 1
            }
        }
    }

    /// `std_var_all_cpu`'s sum of squared deviations from `mean`, in Double: each thread's
    /// slice summed block by block, the slices then added in thread order.
    static func squaredDeviations<T: FloatElement>(_ dims: [Dim], input: UnsafePointer<T>, mean: Double) -> Double {
        let numel = dims.reduce(1) { $0 * $1.size }
        func slice(_ begin: Int, _ end: Int) -> Double {
            var threadSum = 0.0
            let in0 = dims.first?.inStride ?? 0, in1 = dims.count > 1 ? dims[1].inStride : 0
            blocks(dims, begin: begin, end: end) { inOff, _, size0, size1 in
                var local = 0.0
                for i in 0..<size1 {
                    let row = input + inOff + i * in1
                    for j in 0..<size0 {
                        let dx = Double(row[j * in0]) - mean
                        local += dx * dx
                    }
                }
                threadSum += local
            }
            return threadSum
        }
        if numel <= grainSize || referenceThreads == 1 { return slice(0, numel) }
        let used = Swift.min(referenceThreads, (numel + grainSize - 1) / grainSize)
        let chunk = (numel + used - 1) / used
        var total = 0.0
        for t in 0..<used where t * chunk < numel { total += slice(t * chunk, Swift.min(numel, (t + 1) * chunk)) }
        return total
    }

    /// The 2-D inner loop of `cascade_sum` with its four strategies.
    struct Kernel<T: FloatElement> {
        let acc: UnsafeMutablePointer<T>
        let lanes: Int

        func loop2d(_ input: UnsafePointer<T>, _ output: UnsafeMutablePointer<T>, size0 s0: Int, size1 s1: Int,
                    in0 i0: Int, out0 o0: Int, in1 i1: Int, out1 o1: Int) {
            var size0 = s0, size1 = s1, in0 = i0, in1 = i1, out0 = o0, out1 = o1
            if out0 != 0 && out1 == 0 {
                swap(&in0, &in1); swap(&out0, &out1); swap(&size0, &size1)
            }
            if out0 != 0 && out1 != 0 {
                // Nothing is reduced: out = out + in, elementwise.
                for j in 0..<size1 {
                    for i in 0..<size0 {
                        let o = output + j * out1 + i * out0
                        o.pointee = o.pointee + input[j * in1 + i * in0]
                    }
                }
                return
            }
            let outStride = out1
            if in0 == 1 && size0 >= lanes {
                innerVectorized(input, output, rowStride: in1, outStride: outStride, size0: size0, size1: size1)
            } else if in1 == 1 && size1 >= lanes {
                outerVectorized(input, output, inner: in0, outStride: outStride, size0: size0, size1: size1)
            } else if in0 < in1 {
                for j in 0..<size1 {
                    rowSum(input + j * in1, stride: in0, size: size0, lanes: 1)
                    output[j * outStride] += acc[0]
                }
            } else {
                var j = 0
                while j + (ilp - 1) < size1 {
                    multiRowSum(input + j * in1, rowStride: in0, colStride: in1, size: size0, rows: ilp, lanes: 1)
                    for r in 0..<ilp { output[(j + r) * outStride] += acc[r] }
                    j += ilp
                }
                while j < size1 {
                    rowSum(input + j * in1, stride: in0, size: size0, lanes: 1)
                    output[j * outStride] += acc[0]
                    j += 1
                }
            }
        }

        /// Rows contiguous along the reduced dim: vector partial sums, then the scalar tail,
        /// then the lanes in order.
        func innerVectorized(_ input: UnsafePointer<T>, _ output: UnsafeMutablePointer<T>,
                             rowStride: Int, outStride: Int, size0: Int, size1: Int) {
            let vecSize = size0 / lanes
            for j in 0..<size1 {
                let row = input + j * rowStride
                rowSum(row, stride: lanes, size: vecSize, lanes: lanes)
                var final = T(0)
                for k in (vecSize * lanes)..<size0 { final += row[k] }
                for l in 0..<lanes { final += acc[l] }
                output[j * outStride] += final
            }
        }

        /// Output contiguous along the kept dim: columns summed a vector (or four) at a time.
        func outerVectorized(_ input: UnsafePointer<T>, _ output: UnsafeMutablePointer<T>,
                             inner: Int, outStride: Int, size0: Int, size1: Int) {
            var j = 0
            while j + ilp * lanes <= size1 {
                multiRowSum(input + j, rowStride: inner, colStride: lanes, size: size0, rows: ilp, lanes: lanes)
                for c in 0..<(ilp * lanes) { output[(j + c) * outStride] += acc[c] }
                j += ilp * lanes
            }
            while j + lanes <= size1 {
                rowSum(input + j, stride: inner, size: size0, lanes: lanes)
                for c in 0..<lanes { output[(j + c) * outStride] += acc[c] }
                j += lanes
            }
            while j < size1 {
                rowSum(input + j, stride: inner, size: size0, lanes: 1)
                output[j * outStride] += acc[0]
                j += 1
            }
        }

        /// `row_sum`: the row seen as (-1, 4) for four interleaved partial sums, then the
        /// leftover loads, then the partials folded in order. Result in `acc[0..<lanes]`.
        func rowSum(_ base: UnsafePointer<T>, stride: Int, size: Int, lanes: Int) {
            let sizeIlp = size / ilp
            multiRowSum(base, rowStride: stride * ilp, colStride: stride, size: sizeIlp, rows: ilp, lanes: lanes)
            for i in (sizeIlp * ilp)..<size {
                let p = base + i * stride
                for l in 0..<lanes { acc[l] += p[l] }
            }
            for r in 1..<ilp {
                for l in 0..<lanes { acc[l] += acc[r * lanes + l] }
            }
        }

        /// `multi_row_sum`: `rows` sums (each of `lanes` lanes) over `size` steps; load `i` of
        /// row `r` starts at `base + i * rowStride + r * colStride`. Results in
        /// `acc[0..<rows * lanes]` (level 0).
        func multiRowSum(_ base: UnsafePointer<T>, rowStride: Int, colStride: Int, size: Int, rows: Int, lanes: Int) {
            let width = rows * lanes
            let levelPower = Swift.max(4, CascadeSum.ceilLog2(size) / levels)
            let levelStep = 1 << levelPower
            let levelMask = levelStep - 1
            acc.update(repeating: 0, count: levels * width)
            /// Adds step `i` of every row into level 0.
            @inline(__always) func addStep(_ i: Int) {
                let p = base + i * rowStride
                for r in 0..<rows {
                    let q = p + r * colStride, a = acc + r * lanes
                    for l in 0..<lanes { a[l] += q[l] }
                }
            }
            var i = 0
            while i + levelStep <= size {
                for _ in 0..<levelStep {
                    addStep(i)
                    i += 1
                }
                for j in 1..<levels {
                    let lower = acc + (j - 1) * width, upper = acc + j * width
                    for c in 0..<width {
                        upper[c] += lower[c]
                        lower[c] = 0
                    }
                    if i & (levelMask << (j * levelPower)) != 0 { break }
                }
            }
            while i < size {
                addStep(i)
                i += 1
            }
            for j in 1..<levels {
                let upper = acc + j * width
                for c in 0..<width { acc[c] += upper[c] }
            }
        }
    }
}
