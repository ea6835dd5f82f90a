/// Batched, grouped 2-D convolution as im2col + GEMM, and its three gradients. Several
/// images are unfolded side by side so each group needs one GEMM per chunk of the batch,
/// not one per image (small images would otherwise pay BLAS call overhead per image).
/// All tensors here are contiguous and share one floating dtype.
enum Conv2dKernels {
    /// Upper bound, in elements, of each scratch matrix (columns, gathered outputs).
    static let scratchBudget = 1 << 20

    /// Sizes that describe one grouped convolution call.
    struct Plan {
        let batch: Int
        let inChannels: Int
        let outChannels: Int
        let groups: Int
        /// The window sweep over one group's input channels.
        let geometry: WindowGeometry
        /// Scratch bound for this call (tests lower it to force several chunks).
        var scratchBudget = Conv2dKernels.scratchBudget

        var inPerGroup: Int { inChannels / groups }
        var outPerGroup: Int { outChannels / groups }
        /// Columns of the weight matrix of one group: (C/groups)·kH·kW.
        var reduction: Int { geometry.columnRows }
        /// Output positions per image.
        var positions: Int { geometry.columnCount }
        /// Images per GEMM, bounded by the scratch budget (at least one).
        var imagesPerChunk: Int {
            let perImage = Swift.max(Swift.max(reduction, outPerGroup) * positions, 1)
            return Swift.max(1, Swift.min(batch, scratchBudget / perImage))
        }
    }

    /// `out = weight ⋆ input (+ bias)` into the contiguous (N, O, outH, outW) `out`.
    static func forward<T: FloatElement>(_ plan: Plan, input: Tensor, weight: Tensor, bias: Tensor?,
                                         out: Tensor, _: T.Type) {
        let g = plan.geometry
        let x = input.storage.typed(T.self) + input.offset
        let w = weight.storage.typed(T.self) + weight.offset
        let b = bias.map { $0.storage.typed(T.self) + $0.offset }
        let y = out.storage.typed(T.self) + out.offset
        let k = plan.reduction, l = plan.positions, og = plan.outPerGroup, chunk = plan.imagesPerChunk
        let columns = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(k * l * chunk, 1))
        let product = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(og * l * chunk, 1))
        defer { columns.deallocate(); product.deallocate() }
        var first = 0
        while first < plan.batch {
            let count = Swift.min(chunk, plan.batch - first), wide = count * l
            for grp in 0..<plan.groups {
                for i in 0..<count {
                    let image = x + ((first + i) * plan.inChannels + grp * plan.inPerGroup) * g.planeSize
                    Im2Col.unfold(image, g, into: columns + i * l, rowStride: wide)
                }
                RawGemm.gemm(transA: false, transB: false, m: og, n: wide, k: k,
                             a: w + grp * og * k, lda: k, b: columns, ldb: wide,
                             beta: 0, c: product, ldc: wide)
                // Scatter the (O/groups) × (images·positions) product back to (N, O, L),
                // adding the bias on the way.
                for i in 0..<count {
                    for o in 0..<og {
                        let dst = y + ((first + i) * plan.outChannels + grp * og + o) * l
                        let src = product + o * wide + i * l
                        if let b {
                            let shift = b[grp * og + o]
                            for p in 0..<l { dst[p] = src[p] + shift }
                        } else {
                            dst.update(from: src, count: l)
                        }
                    }
                }
            }
            first += count
        }
    }

    /// The gradients of input, weight and bias from the output gradient; each requested one
    /// is accumulated into its zeroed contiguous tensor.
    static func backward<T: FloatElement>(_ plan: Plan, gradOutput: Tensor, input: Tensor, weight: Tensor,
                                          gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?, _: T.Type) {
        let g = plan.geometry
        let go = gradOutput.storage.typed(T.self) + gradOutput.offset
        let x = input.storage.typed(T.self) + input.offset
        let w = weight.storage.typed(T.self) + weight.offset
        let gi = gradInput.map { $0.storage.typed(T.self) + $0.offset }
        let gw = gradWeight.map { $0.storage.typed(T.self) + $0.offset }
        let gb = gradBias.map { $0.storage.typed(T.self) + $0.offset }
        let k = plan.reduction, l = plan.positions, og = plan.outPerGroup, chunk = plan.imagesPerChunk
        let columns = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(k * l * chunk, 1))
        let gathered = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(og * l * chunk, 1))
        defer { columns.deallocate(); gathered.deallocate() }
        var first = 0
        while first < plan.batch {
            let count = Swift.min(chunk, plan.batch - first), wide = count * l
            for grp in 0..<plan.groups {
                // dY of this group as one (O/groups) × (images·positions) matrix.
                for i in 0..<count {
                    for o in 0..<og {
                        let src = go + ((first + i) * plan.outChannels + grp * og + o) * l
                        (gathered + o * wide + i * l).update(from: src, count: l)
                    }
                }
                if let gw {
                    // dW_g += dY_g · colsᵀ, summed over the images of the chunk by the GEMM.
                    for i in 0..<count {
                        let image = x + ((first + i) * plan.inChannels + grp * plan.inPerGroup) * g.planeSize
                        Im2Col.unfold(image, g, into: columns + i * l, rowStride: wide)
                    }
                    RawGemm.gemm(transA: false, transB: true, m: og, n: k, k: wide,
                                 a: gathered, lda: wide, b: columns, ldb: wide,
                                 beta: 1, c: gw + grp * og * k, ldc: k)
                }
                if let gi {
                    // dCols = W_gᵀ · dY_g, folded back onto each image.
                    RawGemm.gemm(transA: true, transB: false, m: k, n: wide, k: og,
                                 a: w + grp * og * k, lda: k, b: gathered, ldb: wide,
                                 beta: 0, c: columns, ldc: wide)
                    for i in 0..<count {
                        let image = gi + ((first + i) * plan.inChannels + grp * plan.inPerGroup) * g.planeSize
                        Im2Col.fold(columns + i * l, g, addingInto: image, rowStride: wide)
                    }
                }
                if let gb {
                    for o in 0..<og {
                        let row = gathered + o * wide
                        var s = T.zeroValue
                        for p in 0..<wide { s += row[p] }
                        gb[grp * og + o] += s
                    }
                }
            }
            first += count
        }
    }
}
