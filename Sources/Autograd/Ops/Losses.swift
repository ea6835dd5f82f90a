/// Loss functions as PyTorch defines them (names, reductions, backward nodes).

/// PyTorch's loss reduction (saved on nodes as its enum value: none 0, mean 1, sum 2).
public enum Reduction: String, Sendable {
    case none, mean, sum

    /// Parses `reduction=` with PyTorch's error.
    public init(parsing s: String) throws {
        guard let r = Reduction(rawValue: s) else {
            throw TorchError.value("\(s) is not a valid value for reduction")
        }
        self = r
    }

    /// The integer PyTorch stores (`_saved_reduction`).
    public var code: Int {
        switch self {
        case .none: return 0
        case .mean: return 1
        case .sum: return 2
        }
    }
}

extension Tensor {
    /// `self * number` issued from inside ATen (`mul.Scalar`): PyTorch records MulBackward1,
    /// a one-input node that saves the factor as a number.
    func mulScalarNode(_ factor: Double) throws -> Tensor {
        let out = try Tensor.binaryRaw(self, .wrapped(.double(factor)), .mul)
        record("MulBackward1", inputs: [self], outputs: [out], formula: "grad_self = grad * other",
               save: { $0.save("other", .double(factor)) }) { _, g in
            [try g[0]?.mul(.double(factor))]
        }
        return out
    }

    /// `self / count` issued from inside ATen (`div.Scalar`): DivBackward1, saving the divisor.
    func divScalarNode(_ divisor: Int) throws -> Tensor {
        let out = try Tensor.binaryRaw(self, .wrapped(.int(Int64(divisor))), .div)
        record("DivBackward1", inputs: [self], outputs: [out], formula: "grad_self = grad / other",
               save: { $0.save("other", .int(divisor)) }) { _, g in
            [try g[0]?.div(.int(Int64(divisor)))]
        }
        return out
    }

    /// Applies a reduction to an element-wise loss.
    func reduced(_ r: Reduction) throws -> Tensor {
        switch r {
        case .none: return self
        case .mean: return try mean()
        case .sum: return try sum()
        }
    }

    /// `F.mse_loss(input, target, reduction)`: MseLossBackward0.
    public static func mseLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
        let raw: Tensor = try GradMode.noGrad {
            let d = try binaryRaw(input, target, .sub)
            let sq = try binaryRaw(d, d, .mul)
            switch reduction {
            case .none: return sq
            case .sum: return try sq.sumRaw(dims: [], keepdim: false)
            case .mean: return try binaryRaw(sq.sumRaw(dims: [], keepdim: false), .wrapped(.int(Int64(sq.count))), .div)
            }
        }
        let out = raw.detach()
        record("MseLossBackward0", inputs: [input, target], outputs: [out],
               formula: "grad_self = mse_loss_backward(grad, self, target, reduction), grad_target = -grad_self",
               save: { node in
                   node.save("reduction", .int(reduction.code)); node.save("self", input); node.save("target", target)
               }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let s = try node.savedTensor("self"), t = try node.savedTensor("target")
            // PyTorch's mse_loss_backward: (input - target) * norm * grad, norm = 2 / numel for mean.
            let n = Double(Swift.max(s.count, t.count))
            let gs = try s.sub(t).mul(.double(reduction == .mean ? 2 / n : 2)).mul(grad)
            return [node.needsInputGrad(0) ? gs : nil, node.needsInputGrad(1) ? try gs.neg() : nil]
        }
        return out
    }

    /// `F.l1_loss`: composed as PyTorch does (`(input - target).abs()` then the reduction).
    public static func l1Loss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
        try input.sub(target).abs().reduced(reduction)
    }

    /// `F.smooth_l1_loss(beta=)`: SmoothL1LossBackward0.
    public static func smoothL1Loss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean,
                                    beta: Double = 1) throws -> Tensor {
        if beta == 0 { return try l1Loss(input, target, reduction: reduction) }
        return try pointwiseLoss("SmoothL1LossBackward0", input, target, reduction, param: ("beta", beta),
                                 loss: { d in
                                     let a = Swift.abs(d)
                                     return a < beta ? 0.5 * d * d / beta : a - 0.5 * beta
                                 }, derivative: { d in
                                     Swift.abs(d) < beta ? d / beta : (d > 0 ? 1 : (d < 0 ? -1 : 0))
                                 })
    }

    /// `F.huber_loss(delta=)`: HuberLossBackward0.
    public static func huberLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean,
                                 delta: Double = 1) throws -> Tensor {
        try pointwiseLoss("HuberLossBackward0", input, target, reduction, param: ("delta", delta),
                          loss: { d in
                              let a = Swift.abs(d)
                              return a < delta ? 0.5 * d * d : delta * (a - 0.5 * delta)
                          }, derivative: { d in
                              Swift.abs(d) < delta ? d : (d > 0 ? delta : -delta)
                          })
    }

    /// Shared body of losses that are f(input - target) per element.
    private static func pointwiseLoss(_ name: String, _ input: Tensor, _ target: Tensor, _ reduction: Reduction,
                                      param: (String, Double),
                                      loss: @escaping (Double) -> Double,
                                      derivative: @escaping (Double) -> Double) throws -> Tensor {
        let diff = try binaryRaw(input, target, .sub)
        let values = diff.doubleValues().map(loss)
        let elem = try Tensor.from(values, shape: diff.shape, dtype: diff.dtype)
        let out: Tensor
        switch reduction {
        case .none: out = elem
        case .sum: out = try elem.sumRaw(dims: [], keepdim: false)
        case .mean: out = try binaryRaw(elem.sumRaw(dims: [], keepdim: false), .wrapped(.int(Int64(elem.count))), .div)
        }
        record(name, inputs: [input, target], outputs: [out],
               formula: "grad_self = \(name.prefix(name.count - 9).lowercased())_backward(grad, self, target, reduction, \(param.0)), grad_target = -grad_self",
               save: { node in
                   node.save(param.0, .double(param.1)); node.save("reduction", .int(reduction.code))
                   node.save("self", input); node.save("target", target)
               }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let d = try binaryRaw(node.savedTensor("self"), node.savedTensor("target"), .sub)
            var gs = try grad.mul(Tensor.from(d.doubleValues().map(derivative), shape: d.shape, dtype: d.dtype))
            if reduction == .mean { gs = try gs.div(.int(Int64(d.count))) }
            return [gs, node.needsInputGrad(1) ? try gs.neg() : nil]
        }
        return out
    }

    /// `F.nll_loss(input, target, weight, ignore_index, reduction)`: NllLossBackward0 for
    /// (N, C), (C) and (N, C, d1, ...) inputs.
    public static func nllLoss(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil,
                               ignoreIndex: Int = -100, reduction: Reduction = .mean) throws -> Tensor {
        guard input.ndim >= 1 else { throw TorchError.index("Dimension out of range (expected to be in range of [-1, 0], but got 1)") }
        guard target.dtype == .int64 || target.dtype == .int32 else {
            throw TorchError.runtime("expected scalar type Long but found \(target.dtype.scalarTypeName)")
        }
        let classDim = input.ndim == 1 ? 0 : 1
        let c = input.shape[classDim]
        if input.ndim >= 2 && input.shape[0] != (target.ndim > 0 ? target.shape[0] : 1) {
            throw TorchError.value("Expected input batch_size (\(input.shape[0])) to match target batch_size (\(target.ndim > 0 ? target.shape[0] : 0)).")
        }
        if let weight, weight.count != c {
            throw TorchError.runtime("weight tensor should be defined either for all \(c) classes or no classes but got weight tensor of shape: \(shapeString(weight.shape))")
        }
        // Move classes last and flatten: rows of C scores, one target each.
        let perm = input.ndim <= 2 ? nil : [0] + Array(2..<input.ndim) + [1]
        let rows: Tensor = try GradMode.noGrad {
            let p = try perm.map { try input.detach().permute($0) } ?? input.detach()
            return try p.contiguous().reshape([-1, c])
        }
        let t = target.int64Values()
        guard t.count == rows.shape[0] else {
            throw TorchError.runtime("Expected target size \(shapeString(Array(input.shape.enumerated().filter { $0.offset != classDim }.map { $0.element }))), got \(shapeString(target.shape))")
        }
        let w = weight?.doubleValues() ?? [Double](repeating: 1, count: c)
        let x = rows.doubleValues()
        var losses = [Double](repeating: 0, count: t.count)
        for (n, cls) in t.enumerated() {
            if cls == Int64(ignoreIndex) { continue }
            guard cls >= 0 && cls < Int64(c) else { throw TorchError.index("Target \(cls) is out of bounds.") }
            losses[n] = -x[n * c + Int(cls)] * w[Int(cls)]
        }
        let dt = input.dtype
        // The reduced loss and total weight in the input's precision, summed as ATen sums them.
        let reducedLoss: Double, totalWeight: Double
        if dt == .float32 {
            (reducedLoss, totalWeight) = Self.nllCascade(Float.self, t, x, w, classes: c, weighted: weight != nil, ignoreIndex: ignoreIndex)
        } else {
            (reducedLoss, totalWeight) = Self.nllCascade(Double.self, t, x, w, classes: c, weighted: weight != nil, ignoreIndex: ignoreIndex)
        }
        let out: Tensor
        switch reduction {
        case .none: out = try Tensor.from(losses, shape: target.shape, dtype: dt)
        case .sum: out = try Tensor.from([reducedLoss], shape: [], dtype: dt)
        case .mean: out = try Tensor.from([dt == .float32 ? Double(Float(reducedLoss) / Float(totalWeight)) : reducedLoss / totalWeight],
                                          shape: [], dtype: dt)
        }
        let inShape = input.shape
        record("NllLossBackward0", inputs: [input], outputs: [out],
               formula: "grad_self = nll_loss_backward(grad, self, target, weight, reduction, ignore_index, total_weight)",
               save: { node in
                   node.save("ignore_index", .int(ignoreIndex)); node.save("reduction", .int(reduction.code))
                   node.save("self", input); node.save("target", target)
                   node.save("total_weight", .tensor(SavedTensor(Tensor.scalar(.double(totalWeight), dtype: dt))))
                   if let weight { node.save("weight", weight) } else { node.save("weight", .noTensor) }
               }) { _, g in
            guard let grad = g[0] else { return [nil] }
            let gv = grad.doubleValues()
            var gi = [Double](repeating: 0, count: t.count * c)
            // ATen: grad = -(mean ? g / total_weight : g), then weight * grad, each rounded
            // to the input's precision.
            let round: (Double) -> Double = dt == .float32 ? { Double(Float($0)) } : { $0 }
            for (n, cls) in t.enumerated() where cls != Int64(ignoreIndex) {
                let scale: Double
                switch reduction {
                case .none: scale = gv[n]
                case .sum: scale = gv[0]
                case .mean: scale = round(gv[0] / totalWeight)
                }
                gi[n * c + Int(cls)] = weight == nil ? -scale : round(w[Int(cls)] * -scale)
            }
            var r = try Tensor.from(gi, shape: [t.count, c], dtype: dt)
            if let perm {
                let permShape = [inShape[0]] + Array(inShape[2...]) + [c]
                var inverse = [Int](repeating: 0, count: perm.count)
                for (i, p) in perm.enumerated() { inverse[p] = i }
                r = try r.reshape(permShape).permute(inverse).contiguous()
            } else {
                r = try r.reshape(inShape)
            }
            return [r]
        }
        return out
    }

    /// ATen's nll_loss reduction: the picked `-x * w` values
    /// go into the first of 8 partial sums, which cascade upward every 16 rows, then the
    /// partials are added in order. Returns the sum and the total weight.
    private static func nllCascade<T: FloatElement>(_: T.Type, _ t: [Int64], _ x: [Double], _ w: [Double], classes c: Int,
                                                   weighted: Bool, ignoreIndex: Int) -> (Double, Double) {
        let levels = 8
        let n = t.count
        let ceilLog2 = n <= 2 ? 1 : Int.bitWidth - (n - 1).leadingZeroBitCount
        let power = Swift.max(4, ceilLog2 / levels)
        let mask = (1 << power) - 1
        var lossParts = [T](repeating: 0, count: levels), weightParts = [T](repeating: 0, count: levels)
        var ignored = 0
        for (b, cls) in t.enumerated() {
            if cls == Int64(ignoreIndex) { ignored += 1; continue }
            let v = T(x[b * c + Int(cls)])
            if weighted {
                let wv = T(w[Int(cls)])
                lossParts[0] -= v * wv
                weightParts[0] += wv
            } else {
                lossParts[0] -= v
            }
            for j in 0..<(levels - 1) {
                if b & (mask << (j * power)) != 0 { break }
                weightParts[j + 1] += weightParts[j]
                lossParts[j + 1] += lossParts[j]
                weightParts[j] = 0
                lossParts[j] = 0
            }
        }
        let total: T = weighted ? weightParts.reduce(0, +) : T(n - ignored)
        return (Double(lossParts.reduce(0, +)), Double(total))
    }

    /// `F.cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing)`:
    /// `nll_loss(log_softmax(input, 1), ...)`, class-probability targets when target is float.
    public static func crossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil,
                                    ignoreIndex: Int = -100, reduction: Reduction = .mean,
                                    labelSmoothing: Double = 0) throws -> Tensor {
        guard labelSmoothing >= 0 && labelSmoothing <= 1 else {
            throw TorchError.runtime("label_smoothing must be between 0.0 and 1.0. Got: \(formatPythonFloat(labelSmoothing))")
        }
        let classDim = input.ndim == 1 ? 0 : 1
        let logp = try input.logSoftmax(dim: classDim)
        let c = input.shape[classDim]
        // Weight shaped to broadcast along the class dim.
        func weightView(_ w: Tensor) throws -> Tensor {
            var sh = [Int](repeating: 1, count: input.ndim)
            sh[classDim] = c
            return try w.reshape(sh)
        }
        if target.dtype.isFloatingPoint {
            guard target.shape == input.shape else {
                throw TorchError.runtime("Expected target size \(shapeString(input.shape)), got \(shapeString(target.shape))")
            }
            var tgt = target
            if labelSmoothing > 0 { tgt = try target.mul(.double(1 - labelSmoothing)).add(.double(labelSmoothing / Double(c))) }
            var prod = try logp.mul(tgt)
            if let weight { prod = try prod.mul(weightView(weight)) }
            switch reduction {
            case .none: return try prod.sum(dim: classDim).neg()
            case .sum: return try prod.sum().neg()
            // The batch mean is ATen's division by a count (DivBackward1), not a tensor division.
            case .mean: return try prod.sum().neg().divScalarNode(input.count / Swift.max(c, 1))
            }
        }
        let nll = try nllLoss(logp, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
        if labelSmoothing == 0 { return nll }
        let ignoreMask = try target.eq(.int(Int64(ignoreIndex)))
        var smooth = try weight.map { try logp.mul(weightView($0)).sum(dim: classDim).neg() } ?? logp.sum(dim: classDim).neg()
        smooth = try smooth.maskedFill(ignoreMask, .double(0))
        switch reduction {
        case .none: break
        case .sum: smooth = try smooth.sum()
        case .mean:
            if let weight {
                let keep = ignoreMask.logicalNot()
                let kept = try target.getItem([.tensor(keep)])
                smooth = try smooth.sum().div(weight.indexSelect(dim: 0, index: kept.reshape([-1])).sum())
            } else {
                let kept = ignoreMask.logicalNot().converted(to: .int64).int64Values().reduce(0, +)
                smooth = try smooth.sum().div(.int(kept))
            }
        }
        // Both blend factors are ATen scalar products (MulBackward1 nodes).
        return try nll.mulScalarNode(1 - labelSmoothing).add(smooth.mulScalarNode(labelSmoothing / Double(c)))
    }

    /// `F.binary_cross_entropy(input, target, weight, reduction)`: BinaryCrossEntropyBackward0.
    public static func binaryCrossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil,
                                          reduction: Reduction = .mean) throws -> Tensor {
        guard input.shape == target.shape else {
            throw TorchError.value("Using a target size (torch.Size(\(shapeString(target.shape)))) that is different to the input size (torch.Size(\(shapeString(input.shape)))) is deprecated. Please ensure they have the same size.")
        }
        let x = input.doubleValues(), t = target.doubleValues()
        if x.contains(where: { !($0 >= 0 && $0 <= 1) }) {
            throw TorchError.runtime("all elements of input should be between 0 and 1")
        }
        let w = try weight.map { try $0.expand(input.shape).doubleValues() }
        var values = [Double](repeating: 0, count: x.count)
        for i in 0..<x.count {
            let lx = Swift.max(Double.log(x[i]), -100), l1 = Swift.max(Double.log(1 - x[i]), -100)
            values[i] = -(t[i] * lx + (1 - t[i]) * l1) * (w?[i] ?? 1)
        }
        let out = try reduceValues(values, shape: input.shape, dtype: input.dtype, reduction)
        record("BinaryCrossEntropyBackward0", inputs: [input, target], outputs: [out],
               formula: "grad_self = binary_cross_entropy_backward(grad, self, target, weight, reduction), grad_target = binary_cross_entropy_target_backward(grad, self, target, weight, reduction)",
               save: { node in
                   node.save("reduction", .int(reduction.code)); node.save("self", input); node.save("target", target)
                   if let weight { node.save("weight", weight) } else { node.save("weight", .noTensor) }
               }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let gv = try grad.expand(input.shape).doubleValues()
            let n = Double(x.count)
            var gs = [Double](repeating: 0, count: x.count), gt = gs
            for i in 0..<x.count {
                let scale = (reduction == .mean ? gv[i] / n : gv[i]) * (w?[i] ?? 1)
                gs[i] = scale * (x[i] - t[i]) / Swift.max((1 - x[i]) * x[i], 1e-12)
                gt[i] = scale * (Swift.max(Double.log(1 - x[i]), -100) - Swift.max(Double.log(x[i]), -100))
            }
            return [try Tensor.from(gs, shape: input.shape, dtype: input.dtype),
                    node.needsInputGrad(1) ? try Tensor.from(gt, shape: input.shape, dtype: input.dtype) : nil]
        }
        return out
    }

    /// `F.binary_cross_entropy_with_logits(input, target, weight, reduction, pos_weight)`:
    /// BinaryCrossEntropyWithLogitsBackward0.
    public static func binaryCrossEntropyWithLogits(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil,
                                                    posWeight: Tensor? = nil, reduction: Reduction = .mean) throws -> Tensor {
        guard input.shape == target.shape else {
            throw TorchError.value("Target size (torch.Size(\(shapeString(target.shape)))) must be the same as input size (torch.Size(\(shapeString(input.shape))))")
        }
        let x = input.doubleValues(), t = target.doubleValues()
        let w = try weight.map { try $0.expand(input.shape).doubleValues() }
        let pw = try posWeight.map { try $0.expand(input.shape).doubleValues() }
        func logSigmoid(_ v: Double) -> Double { Swift.min(v, 0) - Double.log(onePlus: Double.exp(-Swift.abs(v))) }
        var values = [Double](repeating: 0, count: x.count)
        for i in 0..<x.count {
            let lw = pw.map { ($0[i] - 1) * t[i] + 1 } ?? 1
            values[i] = ((1 - t[i]) * x[i] - lw * logSigmoid(x[i])) * (w?[i] ?? 1)
        }
        let out = try reduceValues(values, shape: input.shape, dtype: input.dtype, reduction)
        record("BinaryCrossEntropyWithLogitsBackward0", inputs: [input, target], outputs: [out],
               formula: "grad_self = binary_cross_entropy_with_logits_backward(grad, self, target, weight, pos_weight, reduction)",
               save: { node in
                   if let posWeight { node.save("pos_weight", posWeight) } else { node.save("pos_weight", .noTensor) }
                   node.save("reduction", .int(reduction.code)); node.save("self", input); node.save("target", target)
                   if let weight { node.save("weight", weight) } else { node.save("weight", .noTensor) }
               }) { node, g in
            guard let grad = g[0] else { return [nil, nil] }
            let gv = try grad.expand(input.shape).doubleValues()
            let n = Double(x.count)
            var gs = [Double](repeating: 0, count: x.count), gt = gs
            for i in 0..<x.count {
                let scale = (reduction == .mean ? gv[i] / n : gv[i]) * (w?[i] ?? 1)
                let s = 1 / (1 + Double.exp(-x[i]))
                let p = pw?[i] ?? 1
                gs[i] = scale * (((p - 1) * t[i] + 1) * s - p * t[i])
                gt[i] = scale * (-x[i] - (p - 1) * logSigmoid(x[i]))
            }
            return [try Tensor.from(gs, shape: input.shape, dtype: input.dtype),
                    node.needsInputGrad(1) ? try Tensor.from(gt, shape: input.shape, dtype: input.dtype) : nil]
        }
        return out
    }

    /// `F.kl_div(input, target, reduction, log_target)`, composed as PyTorch composes it;
    /// `batchmean` divides the sum by the batch size.
    public static func klDiv(_ input: Tensor, _ target: Tensor, reduction: String = "mean",
                             logTarget: Bool = false) throws -> Tensor {
        let out: Tensor
        if logTarget {
            out = try target.exp().mul(target.sub(input))
        } else {
            let xlogy = try Tensor.where(target.eq(.int(0)), Tensor.zerosLike(target), target.mul(target.log()))
            out = try xlogy.sub(target.mul(input))
        }
        switch reduction {
        case "batchmean": return try out.sum().div(.int(Int64(input.ndim > 0 ? input.shape[0] : 1)))
        default: return try out.reduced(Reduction(parsing: reduction))
        }
    }

    private static func reduceValues(_ values: [Double], shape: [Int], dtype: DType, _ r: Reduction) throws -> Tensor {
        switch r {
        case .none: return try Tensor.from(values, shape: shape, dtype: dtype)
        case .sum: return try Tensor.from([values.reduce(0, +)], shape: [], dtype: dtype)
        case .mean: return try Tensor.from([values.reduce(0, +) / Double(values.count)], shape: [], dtype: dtype)
        }
    }
}
