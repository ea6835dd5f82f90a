/// Batched, grouped 2-D convolution as im2col + GEMM per (image, group), and its three
/// gradients. All tensors here are contiguous and share one floating dtype.
enum Conv2dKernels {
    /// Sizes that describe one grouped convolution call.
    struct Plan {
        let batch: Int
        let inChannels: Int
        let outChannels: Int
        let groups: Int
        /// The window sweep over one group's input channels.
        let geometry: WindowGeometry

        var inPerGroup: Int { inChannels / groups }
        var outPerGroup: Int { outChannels / groups }
        /// Columns of the weight matrix of one group: (C/groups)·kH·kW.
        var reduction: Int { geometry.columnRows }
        /// Output positions per image.
        var positions: Int { geometry.columnCount }
    }

    /// `out = weight ⋆ input (+ bias)` into the contiguous (N, O, outH, outW) `out`.
    static func forward<T: FloatElement>(_ plan: Plan, input: Tensor, weight: Tensor, bias: Tensor?,
                                         out: Tensor, _: T.Type) {
        let g = plan.geometry
        let x = input.storage.typed(T.self) + input.offset
        let w = weight.storage.typed(T.self) + weight.offset
        let b = bias.map { $0.storage.typed(T.self) + $0.offset }
        let y = out.storage.typed(T.self) + out.offset
        let k = plan.reduction, l = plan.positions, og = plan.outPerGroup
        let buffer = UnsafeMutablePointer<T>.allocate(capacity: g.isIdentityUnfold ? 1 : Swift.max(k * l, 1))
        defer { buffer.deallocate() }
        for n in 0..<plan.batch {
            for grp in 0..<plan.groups {
                let image = x + (n * plan.inChannels + grp * plan.inPerGroup) * g.planeSize
                let columns: UnsafePointer<T>
                if g.isIdentityUnfold {
                    columns = UnsafePointer(image)
                } else {
                    Im2Col.unfold(image, g, into: buffer)
                    columns = UnsafePointer(buffer)
                }
                let dst = y + (n * plan.outChannels + grp * og) * l
                // As PyTorch's slow path: the output starts as the bias, GEMM accumulates onto it.
                if let b {
                    for o in 0..<og { (dst + o * l).update(repeating: b[grp * og + o], count: l) }
                }
                RawGemm.gemm(transA: false, transB: false, m: og, n: l, k: k,
                             a: w + grp * og * k, lda: k, b: columns, ldb: l,
                             beta: b == nil ? 0 : 1, c: dst, ldc: l)
            }
        }
    }

    /// The gradients of input, weight and bias from the output gradient; each requested one
    /// is written into its zeroed contiguous tensor.
    static func backward<T: FloatElement>(_ plan: Plan, gradOutput: Tensor, input: Tensor, weight: Tensor,
                                          gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?, _: T.Type) {
        let g = plan.geometry
        let go = gradOutput.storage.typed(T.self) + gradOutput.offset
        let x = input.storage.typed(T.self) + input.offset
        let w = weight.storage.typed(T.self) + weight.offset
        let gi = gradInput.map { $0.storage.typed(T.self) + $0.offset }
        let gw = gradWeight.map { $0.storage.typed(T.self) + $0.offset }
        let gb = gradBias.map { $0.storage.typed(T.self) + $0.offset }
        let k = plan.reduction, l = plan.positions, og = plan.outPerGroup
        let buffer = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(k * l, 1))
        defer { buffer.deallocate() }
        for n in 0..<plan.batch {
            for grp in 0..<plan.groups {
                let gradOut = UnsafePointer(go + (n * plan.outChannels + grp * og) * l)
                let planeOffset = (n * plan.inChannels + grp * plan.inPerGroup) * g.planeSize
                if let gw {
                    // dW_g += dY_g · colsᵀ, summed over the batch.
                    let columns: UnsafePointer<T>
                    if g.isIdentityUnfold {
                        columns = UnsafePointer(x + planeOffset)
                    } else {
                        Im2Col.unfold(x + planeOffset, g, into: buffer)
                        columns = UnsafePointer(buffer)
                    }
                    RawGemm.gemm(transA: false, transB: true, m: og, n: k, k: l,
                                 a: gradOut, lda: l, b: columns, ldb: l,
                                 beta: 1, c: gw + grp * og * k, ldc: k)
                }
                if let gi {
                    // dCols = W_gᵀ · dY_g, folded back onto the image.
                    if g.isIdentityUnfold {
                        RawGemm.gemm(transA: true, transB: false, m: k, n: l, k: og,
                                     a: w + grp * og * k, lda: k, b: gradOut, ldb: l,
                                     beta: 0, c: gi + planeOffset, ldc: l)
                    } else {
                        RawGemm.gemm(transA: true, transB: false, m: k, n: l, k: og,
                                     a: w + grp * og * k, lda: k, b: gradOut, ldb: l,
                                     beta: 0, c: buffer, ldc: l)
                        Im2Col.fold(buffer, g, addingInto: gi + planeOffset)
                    }
                }
                if let gb {
                    for o in 0..<og {
                        let row = gradOut + o * l
                        var s = T.zeroValue
                        for p in 0..<l { s += row[p] }
                        gb[grp * og + o] += s
                    }
                }
            }
        }
    }
}
