// Looking at training state: grads, params, diff, optim, lr.
import Autograd
import MiniPy

/// Parameter values and gradients as they were when the program last ran on.
struct ParameterState {
    struct Entry {
        let name: String
        let tensor: Tensor
        let values: [Double]
        let version: Int
        let grad: [Double]?
        let gradIdentity: ObjectIdentifier?
    }
    var entries: [Entry]
    /// Optimizer state as `optimizer.state[name]['field']` → a short text of its value.
    var optimizer: [(key: String, text: String)] = []
}

/// Simple statistics of a tensor's values.
struct TensorStats {
    let norm: Double
    let meanAbs: Double
    let maxAbs: Double
    let hasNaN: Bool
    let hasInf: Bool
    let allZero: Bool

    init(_ values: [Double]) {
        var sq = 0.0, sumAbs = 0.0, maxAbs = 0.0
        var nan = false, inf = false, zero = true
        for v in values {
            if v.isNaN { nan = true; continue }
            if v.isInfinite { inf = true; continue }
            let a = Swift.abs(v)
            sq += v * v
            sumAbs += a
            if a > maxAbs { maxAbs = a }
            if v != 0 { zero = false }
        }
        norm = sq.squareRoot()
        meanAbs = values.isEmpty ? 0 : sumAbs / Double(values.count)
        self.maxAbs = maxAbs
        hasNaN = nan
        hasInf = inf
        allZero = zero && !nan && !inf
    }
}

/// A number in 4 significant digits, as the tables show them.
func short(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d > 0 ? "inf" : "-inf" }
    if d == 0 { return "0" }
    let a = Swift.abs(d)
    if a >= 1e-3 && a < 1e5 {
        var s = formatFixed(d, digits: max(0, 3 - Int((a).log10Floor())))
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
    let exponent = Int(a.log10Floor())
    let mantissa = d / pow10(exponent)
    return formatFixed(mantissa, digits: 3) + "e" + (exponent < 0 ? "-" : "+") + (Swift.abs(exponent) < 10 ? "0" : "") + String(Swift.abs(exponent))
}

private func pow10(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<Swift.abs(n) { r *= 10 }
    return n < 0 ? 1 / r : r
}

/// `d` with exactly `digits` digits after the point (round half away from zero).
private func formatFixed(_ d: Double, digits: Int) -> String {
    let scale = pow10(digits)
    let scaled = (Swift.abs(d) * scale).rounded()
    let whole = Int(scaled / scale)
    var text = String(whole)
    if digits > 0 {
        let frac = Int(scaled - Double(whole) * scale)
        var f = String(frac)
        while f.count < digits { f = "0" + f }
        text += "." + f
    }
    return (d < 0 && scaled != 0 ? "-" : "") + text
}

extension Double {
    /// ⌊log10(self)⌋ for positive finite values.
    func log10Floor() -> Int {
        var n = 0
        var x = self
        while x >= 10 { x /= 10; n += 1 }
        while x < 1 && x > 0 { x *= 10; n -= 1 }
        return n
    }
}

/// Lays out rows as aligned columns.
func table(_ header: [String], _ rows: [[String]]) -> String {
    var widths = header.map(\.count)
    for row in rows {
        for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, c in
            i == cells.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count)
        }.joined(separator: "  ")
    }
    return ([line(header)] + rows.map(line)).joined(separator: "\n")
}

extension Session {
    /// The commands beyond pdb's, by name.
    var inspectionCommands: [String: (Session, String) -> Void] {
        [
            "grads": { s, _ in s.showGrads() },
            "params": { s, _ in s.showParams() },
            "diff": { s, _ in s.showDiff() },
            "optim": { s, _ in s.showOptimizers() },
            "lr": { s, _ in s.showLearningRates() },
            "tree": { s, arg in s.showTree(arg) },
            "node": { s, _ in s.showNode() },
            "why": { s, arg in s.explainMissingGrad(arg) },
            "anomaly": { s, arg in s.setAnomaly(arg) },
            "graph": { s, arg in s.drawGraph(arg) },
            "check": { s, arg in s.gradientCheck(arg) },
            "live": { s, arg in s.setLiveGraph(arg) },
        ]
    }

    /// `grads`: one row per parameter with gradient statistics and flags.
    func showGrads() {
        let params = discoverParameters()
        guard !params.isEmpty else {
            say("No parameters in scope (no model, optimizer or tensor with requires_grad=True).")
            return
        }
        var rows: [[String]] = []
        for p in params {
            let shape = TensorFormatter.sizeRepr(p.tensor.shape)
            guard let g = p.tensor.grad else {
                rows.append([p.name, shape, "None", "", "", "", "none"])
                continue
            }
            let s = TensorStats(g.doubleValues())
            var ratio = ""
            if let lr = learningRate(for: p.tensor) {
                let w = TensorStats(p.tensor.doubleValues()).norm
                ratio = w > 0 ? short(lr * s.norm / w) : "inf"
            }
            var flags: [String] = []
            if s.hasNaN { flags.append("NaN") }
            if s.hasInf { flags.append("Inf") }
            if s.allZero { flags.append("zero") } else if s.norm < 1e-7 { flags.append("vanishing") }
            if s.norm > 1e3 { flags.append("exploding") }
            rows.append([p.name, shape, short(s.norm), short(s.meanAbs), short(s.maxAbs), ratio, flags.joined(separator: ",")])
        }
        say(table(["parameter", "shape", "grad norm", "mean |g|", "max |g|", "lr·|g|/|w|", "flags"], rows))
    }

    /// `params`: every parameter with its shape and value.
    func showParams() {
        let params = discoverParameters()
        guard !params.isEmpty else {
            say("No parameters in scope.")
            return
        }
        var out: [String] = []
        for p in params {
            let prefix = "\(p.name) = "
            out.append(prefix + hangingIndent(shortTensorRepr(p.tensor), width: prefix.count))
        }
        say(out.joined(separator: "\n"))
    }

    /// Remembers parameter values and grads as the program runs on (for `diff`).
    func rememberParameterState() {
        guard interp.modules["torch"] != nil else { return }
        let entries = discoverParameters().map { p in
            ParameterState.Entry(name: p.name, tensor: p.tensor, values: p.tensor.doubleValues(),
                                 version: p.tensor.version, grad: p.tensor.grad?.doubleValues(),
                                 gradIdentity: p.tensor.grad.map(ObjectIdentifier.init))
        }
        lastParameterState = ParameterState(entries: entries, optimizer: optimizerStateSummary())
    }

    /// Every optimizer's per-parameter state, one short text per field.
    func optimizerStateSummary() -> [(key: String, text: String)] {
        quietly {
            var out: [(key: String, text: String)] = []
            for opt in optimizersInScope() {
                guard let state = try? interp.getAttribute(opt.value, "state"),
                      case .object(let d as PyDict) = state else { continue }
                for (key, value) in d.storage {
                    let name = tensorValue(key.value).flatMap(nameOf) ?? "param"
                    guard case .object(let entry as PyDict) = value else { continue }
                    for (k, v) in entry.storage {
                        guard case .str(let field) = k.value else { continue }
                        let text: String
                        if let t = tensorValue(v) {
                            let values = t.doubleValues()
                            text = values.count <= 8 ? listText(values) : "norm \(short(TensorStats(values).norm))"
                        } else {
                            text = interp.shortRepr(v, maxLines: 1)
                        }
                        out.append(("\(opt.name).state[\(name)]['\(field)']", text))
                    }
                }
            }
            return out
        }
    }

    /// `diff`: parameters and gradients that changed since the last stop.
    func showDiff() {
        guard let before = lastParameterState else {
            say("Nothing to compare with yet: `diff` compares with the previous stop.")
            return
        }
        var out: [String] = []
        for e in before.entries {
            let t = e.tensor
            let now = t.doubleValues()
            if now != e.values {
                let delta = zip(now, e.values).map { $0 - $1 }
                let stats = TensorStats(delta)
                out.append("\(e.name): changed, |Δw| max \(short(stats.maxAbs)), norm \(short(stats.norm))")
                if t.count <= 12 {
                    out.append("    before: " + listText(e.values))
                    out.append("    after:  " + listText(now))
                    out.append("    Δw:     " + listText(delta))
                }
            }
            let gradNow = t.grad?.doubleValues()
            switch (e.grad, gradNow) {
            case (nil, nil): break
            case (.some, nil): out.append("\(e.name).grad: tensor → None")
            case (nil, .some(let g)): out.append("\(e.name).grad: None → " + (g.count <= 12 ? listText(g) : "norm \(short(TensorStats(g).norm))"))
            case (.some(let a), .some(let b)):
                if a != b {
                    if b.allSatisfy({ $0 == 0 }) {
                        out.append("\(e.name).grad: zeroed")
                    } else {
                        out.append("\(e.name).grad: norm \(short(TensorStats(a).norm)) → \(short(TensorStats(b).norm))")
                    }
                }
            }
        }
        let previous = Dictionary(before.optimizer.map { ($0.key, $0.text) }, uniquingKeysWith: { a, _ in a })
        for (key, text) in optimizerStateSummary() where previous[key] != text {
            out.append("\(key): \(previous[key] ?? "(none)") → \(text)")
        }
        say(out.isEmpty ? "No parameter, gradient or optimizer state changed since the last stop."
                        : out.joined(separator: "\n"))
    }

    /// Values as `[a, b, c]` in short form.
    func listText(_ values: [Double]) -> String {
        "[" + values.map(short).joined(separator: ", ") + "]"
    }

    /// `optim`: each optimizer's hyper-parameters and per-parameter state.
    func showOptimizers() {
        let optimizers = optimizersInScope()
        guard !optimizers.isEmpty else {
            say("No optimizer in scope.")
            return
        }
        var out: [String] = []
        quietly {
            for opt in optimizers {
                let typeName: String
                if case .object(let o) = opt.value { typeName = o.type.name } else { typeName = "?" }
                out.append("\(opt.name): \(typeName)")
                for (g, group) in optimizerGroups(opt.value).enumerated() {
                    let options = group.options.map { "\($0.0)=\(interp.shortRepr($0.1, maxLines: 1))" }
                    out.append("  group \(g): \(group.params.count) tensors; " + options.joined(separator: ", "))
                }
                guard let state = try? interp.getAttribute(opt.value, "state"),
                      case .object(let d as PyDict) = state else { continue }
                for (key, value) in d.storage {
                    let name = tensorValue(key.value).flatMap(nameOf) ?? "param"
                    guard case .object(let entry as PyDict) = value else { continue }
                    for (k, v) in entry.storage {
                        guard case .str(let field) = k.value else { continue }
                        let prefix = "  \(name)[\(field)] = "
                        out.append(prefix + hangingIndent(interp.shortRepr(v, maxLines: 4), width: prefix.count))
                    }
                }
            }
        }
        say(out.joined(separator: "\n"))
    }

    /// Notes the optimizers' learning rates after a scheduler step.
    func recordLearningRates() {
        let text = quietly {
            optimizersInScope().map { opt in
                "\(opt.name): " + optimizerGroups(opt.value).map { g in
                    g.options.first { $0.0 == "lr" }.map { interp.shortRepr($0.1, maxLines: 1) } ?? "?"
                }.joined(separator: ", ")
            }.joined(separator: "; ")
        }
        learningRateHistory.append((recordedSchedulerSteps, text))
    }

    /// `lr`: the learning rates after each scheduler step so far, each scheduler's last
    /// values, and each optimizer's current ones.
    func showLearningRates() {
        var out: [String] = []
        if !learningRateHistory.isEmpty {
            out.append("after each scheduler.step() call so far (constructors make the first):")
            for entry in learningRateHistory.suffix(20) {
                out.append("  \(entry.step): \(entry.text)")
            }
        }
        quietly {
            for s in schedulersInScope() {
                if let v = try? interp.callMethod(s.value, "get_last_lr", []) {
                    out.append("\(s.name).get_last_lr() = " + interp.shortRepr(v, maxLines: 1))
                }
            }
            for opt in optimizersInScope() {
                let lrs = optimizerGroups(opt.value).map { g in
                    g.options.first { $0.0 == "lr" }.map { interp.shortRepr($0.1, maxLines: 1) } ?? "?"
                }
                out.append("\(opt.name) lr: " + lrs.joined(separator: ", "))
            }
        }
        say(out.isEmpty ? "No optimizer or scheduler in scope." : out.joined(separator: "\n"))
    }

}
