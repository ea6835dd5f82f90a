// The backward tree as text (`tree`), the current node in detail (`node`), and `why`.
import Autograd
import MiniPy

extension Session {
    /// Evaluates an expression at the stop to a tensor, reporting problems.
    func tensorArgument(_ source: String, defaultName: String = "loss") -> Tensor? {
        let expression = source.isEmpty ? defaultName : source
        guard let frame = selectedFrame ?? stack.last else {
            say("*** The program is not running")
            return nil
        }
        return quietly {
            do {
                let v = try interp.evaluate(expression: expression, in: frame)
                guard let t = tensorValue(v) else {
                    say("*** \(expression) is not a tensor")
                    return nil
                }
                return t
            } catch let e as PyExceptionObject {
                say("*** " + exceptionLine(e))
            } catch {
                say("*** \(error)")
            }
            return nil
        }
    }

    /// `tree [EXPR]`: the grad_fn tree of a tensor (`loss` by default), or inside backward
    /// the tree below the current node.
    func showTree(_ argument: String) {
        let root: Node
        if argument.isEmpty, case .node(let node, _) = place {
            root = node
        } else {
            guard let t = tensorArgument(argument) else { return }
            guard let fn = t.gradFn else {
                say(t.requiresGrad ? "a leaf tensor (requires_grad=True): its gradient collects in .grad"
                                   : "no grad_fn: the tensor is not part of a graph")
                return
            }
            root = fn
        }
        var out: [String] = []
        var seen = Set<ObjectIdentifier>()
        func visit(_ node: Node, prefix: String, label: String, isLast: Bool, isRoot: Bool) {
            let branch = isRoot ? "" : (isLast ? "└─ " : "├─ ")
            let name = node is AccumulateGrad ? "AccumulateGrad (\(leafName(node)))" : node.name
            let again = !seen.insert(ObjectIdentifier(node)).inserted
            out.append(prefix + branch + label + name + (again ? "  (shared, shown above)" : ""))
            guard !again else { return }
            let childPrefix = isRoot ? "" : prefix + (isLast ? "   " : "│  ")
            let edges = node.nextEdges
            for (i, e) in edges.enumerated() {
                let last = i == edges.count - 1
                if let next = e.node {
                    visit(next, prefix: childPrefix, label: "[\(i)] ", isLast: last, isRoot: false)
                } else {
                    out.append(childPrefix + (last ? "└─ " : "├─ ") + "[\(i)] None")
                }
            }
        }
        visit(root, prefix: "", label: "", isLast: true, isRoot: true)
        say(out.joined(separator: "\n"))
    }

    /// `node`: the current backward node with its formula, edges and saved values.
    func showNode() {
        guard case .node(let node, let grads) = place else {
            say("*** `node` works inside backward (step into a line that calls backward)")
            return
        }
        var out = ["\(node.name)  (sequence number \(node.sequenceNr == Int.max ? "max" : String(node.sequenceNr)))"]
        if !node.formula.isEmpty { out.append("formula: \(node.formula)") }
        for (i, g) in grads.enumerated() {
            let prefix = "incoming grad[\(i)] = "
            out.append(prefix + hangingIndent(shortTensorRepr(g), width: prefix.count))
        }
        for (i, e) in node.nextEdges.enumerated() {
            let target = e.node.map { $0 is AccumulateGrad ? "AccumulateGrad (\(leafName($0)))" : $0.name } ?? "None"
            out.append("next_functions[\(i)] = (\(target), \(e.inputNr))")
        }
        if let acc = node as? AccumulateGrad {
            out.append("variable = " + hangingIndent(shortTensorRepr(acc.variable), width: 11))
            out.append("variable.grad = " + hangingIndent(shortTensorRepr(acc.variable.grad), width: 16))
        }
        for (name, value) in node.saved {
            let prefix = "_saved_\(name) = "
            out.append(prefix + hangingIndent(savedText(value), width: prefix.count))
        }
        say(out.joined(separator: "\n"))
    }

    private func savedText(_ value: SavedValue) -> String {
        switch value {
        case .tensor(let s):
            do { return shortTensorRepr(try s.unpack()) } catch { return "<freed after backward>" }
        case .tensors(let list): return "[\(list.count) tensors]"
        case .int(let i): return String(i)
        case .ints(let l): return "(" + l.map(String.init).joined(separator: ", ") + (l.count == 1 ? ",)" : ")")
        case .double(let d): return String(d)
        case .scalar(let s): return "\(s)"
        case .bool(let b): return b ? "True" : "False"
        case .string(let s): return "'\(s)'"
        case .none, .noTensor: return "None"
        }
    }

    /// `why EXPR`: why a tensor has no gradient (or what it has).
    func explainMissingGrad(_ argument: String) {
        guard !argument.isEmpty else {
            say("usage: why EXPR   (why EXPR.grad is None)")
            return
        }
        guard let t = tensorArgument(argument) else { return }
        let zeroGradAfterBackward = provenance.lastZeroGrad.map { z in
            provenance.lastBackward.map { z.event > $0.event } ?? true
        } ?? false
        if let g = t.grad {
            let stats = TensorStats(g.doubleValues())
            if stats.allZero && zeroGradAfterBackward, let z = provenance.lastZeroGrad {
                say("""
                    \(argument).grad is all zeros: zero_grad(set_to_none=False)\(at(z.line)) zeroed it after the
                    last backward. The next backward fills it again.
                    """)
            } else {
                say("\(argument).grad is set: norm \(short(stats.norm)), shape \(TensorFormatter.sizeRepr(g.shape)).")
            }
            return
        }
        if !t.requiresGrad {
            say(noGradReason(argument, t))
            return
        }
        if let fn = t.gradFn {
            say("""
                \(argument) is not a leaf (grad_fn=<\(fn.name)>) and does not retain its gradient: backward
                passes the gradient on to the leaves without keeping it. Call \(argument).retain_grad() before
                backward to keep it.
                """)
            return
        }
        var reasons: [String] = []
        if let z = provenance.lastZeroGrad, zeroGradAfterBackward, provenance.lastBackward != nil {
            reasons.append("zero_grad()\(at(z.line)) set .grad to None after the last backward (set_to_none=True is the default); the next backward fills it again")
        } else if provenance.lastBackward == nil {
            reasons.append("backward has not run yet: .grad stays None until a backward pass reaches it")
        } else {
            if let loss = quietly({ try? selectedFrame.map { try interp.evaluate(expression: "loss", in: $0) } }),
               let l = tensorValue(loss), let fn = l.gradFn, !graph(from: fn, reaches: t) {
                reasons.append("it is not used in the graph of `loss`, so loss.backward() does not reach it")
            }
            if reasons.isEmpty {
                reasons.append("the last backward\(at(provenance.lastBackward?.line)) did not reach it: it was not used to compute that output")
            }
        }
        say("\(argument) is a leaf that requires grad, but .grad is None:\n" + reasons.map { "  - " + $0 }.joined(separator: "\n"))
    }

    /// " (line N)" when the line is known.
    private func at(_ line: Int?) -> String {
        line.map { " (line \($0))" } ?? ""
    }

    /// Why a tensor that does not require grad has none: detached from a tensor that does,
    /// made under `no_grad`, or plain data that never needed one.
    private func noGradReason(_ argument: String, _ t: Tensor) -> String {
        if let source = gradTensorSharingStorage(with: t) {
            return """
                \(argument) is detached: it shares its data with \(source), which requires grad, but it was
                cut out of the graph (.detach() or .data), so backward never reaches it. Use \(source) itself
                where the gradient should flow.
                """
        }
        if let line = provenance.lineMadeWithoutGrad(t) {
            return """
                \(argument) was created under torch.no_grad() (line \(line)): operations there record no graph,
                so it has no grad_fn and requires_grad=False. Compute it outside the no_grad block for a gradient.
                """
        }
        if !GradMode.isEnabled {
            return """
                \(argument) does not require grad, and grad mode is off here (inside torch.no_grad() or
                torch.inference_mode()): nothing computed now is recorded for backward.
                """
        }
        return """
            \(argument) needs no grad: it was made without requires_grad=True and from no tensor that
            requires grad (data, labels, constants), so backward never computes a gradient for it.
            """
    }

    /// The name of a tensor in scope that requires grad and shares `t`'s storage.
    private func gradTensorSharingStorage(with t: Tensor) -> String? {
        var candidates: [(String, Tensor)] = discoverParameters().map { ($0.name, $0.tensor) }
        for v in quietly({ variablesInScope() }) {
            if let x = tensorValue(v.value) { candidates.append((v.name, x)) }
        }
        return candidates.first { $0.1 !== t && $0.1.requiresGrad && $0.1.storage === t.storage }?.0
    }

    /// True when the graph below `root` accumulates into `leaf`.
    private func graph(from root: Node, reaches leaf: Tensor) -> Bool {
        var seen = Set<ObjectIdentifier>()
        var stack = [root]
        while let n = stack.popLast() {
            if let acc = n as? AccumulateGrad, acc.variable === leaf { return true }
            for e in n.nextEdges {
                if let next = e.node, seen.insert(ObjectIdentifier(next)).inserted { stack.append(next) }
            }
        }
        return false
    }
}
