// Walking a backward pass node by node: the engine's events arrive here, and the prompt
// runs inside them as it runs inside the interpreter's trace events.
import Autograd
import GraphRender
import MiniPy

/// What the debugger tracks about the backward pass running now.
final class BackwardWatch {
    /// The Python frame that called backward; an event back in it means the pass ended.
    let callerFrame: Frame?
    /// Nodes reachable from the first node (the plan's size, for "node 3 of 9").
    let total: Int
    /// Nodes that ran so far.
    var ran = 0
    /// Gradients delivered to each node's input slots, to show fan-in sums.
    var deliveries: [ObjectIdentifier: [Int: [Tensor]]] = [:]
    /// What the node that ran last did, as text lines.
    var lastRan: [String] = []
    /// The gradients that flowed, for `graph`.
    let flow = GradientFlowRecorder()

    init(callerFrame: Frame?, first: Node) {
        self.callerFrame = callerFrame
        var seen = Set<ObjectIdentifier>([ObjectIdentifier(first)])
        var stack = [first]
        while let n = stack.popLast() {
            for e in n.nextEdges {
                guard let next = e.node, seen.insert(ObjectIdentifier(next)).inserted else { continue }
                stack.append(next)
            }
        }
        total = seen.count
    }
}

extension Session {
    /// One event of the backward engine.
    func backwardEvent(_ event: BackwardEvent) {
        if inPrompt || pendingControl != nil { return }
        if case .nodeReady(let node, _) = event, backward == nil {
            backward = BackwardWatch(callerFrame: interp.currentFrame, first: node)
            provenance.lastBackward = ProgramMoment(line: interp.currentFrame?.line(in: program.file), event: eventCount)
        }
        backward?.flow.record(event)
        switch event {
        case .nodeReady(let node, let grads):
            totals.backwardNodes += 1
            let watch = backward ?? BackwardWatch(callerFrame: interp.currentFrame, first: node)
            backward = watch
            let breakpoint = breakpoints.isEmpty ? nil : breakpoints.hit(node: node.name)
            let forced = anomalyNote != nil
            guard breakpoint != nil || forced || stepper.shouldStop(atNode: node.name) else { return }
            stepper.enteredBackward()
            do {
                try stop(.node(node, grads), frame: watch.callerFrame, breakpoint: breakpoint)
            } catch {
                // A quit or restart: the engine cannot be interrupted, so the pass runs to
                // its end quietly and the next Python event carries the request on.
            }
        case .nodeRan(let node, let outputs):
            guard let watch = backward else { return }
            watch.ran += 1
            if watchAnomalies { checkAnomaly(node, outputs.map(\.grad)) }
            for pair in outputs {
                guard let next = pair.edge.node, let g = pair.grad else { continue }
                watch.deliveries[ObjectIdentifier(next), default: [:]][pair.edge.inputNr, default: []].append(g)
            }
            // Text only while the learner walks the pass (formatting tensors is not free).
            guard stepper.insideBackward else {
                watch.lastRan = []
                return
            }
            var lines: [String] = []
            let named = outputs.contains { $0.edge.node != nil }
            if !(node is AccumulateGrad) {
                lines.append("ran \(node.name)" + (named ? ", sending:" : " (no gradient goes further)"))
            }
            for (slot, pair) in outputs.enumerated() {
                guard let next = pair.edge.node else { continue }
                let target = next is AccumulateGrad ? "AccumulateGrad(\(leafName(next)))" : next.name
                let label = "  [\(slot)] → \(target): "
                lines.append(label + hangingIndent(shortTensorRepr(pair.grad), width: label.count))
            }
            watch.lastRan.append(contentsOf: lines)
            pendingBackwardReport = watch.lastRan
            watch.lastRan = []
        case .gradAccumulated(let tensor, let before, let after):
            guard let watch = backward, stepper.insideBackward else { return }
            let name = nameOf(tensor) ?? "leaf"
            watch.lastRan.append("ran AccumulateGrad: \(name).grad")
            watch.lastRan.append(hangingIndent("  before: " + shortTensorRepr(before), width: 10))
            watch.lastRan.append(hangingIndent("  after:  " + shortTensorRepr(after), width: 10))
        }
    }

    /// Ends the watch when a Python event shows the pass is over (an event in the frame that
    /// called backward, or further out).
    func noteBackwardEnded(at frame: Frame) {
        guard let watch = backward else { return }
        if let caller = watch.callerFrame, frame !== caller, frame.chain.contains(where: { $0 === caller }) {
            return
        }
        backward = nil
        lastFlow = watch.flow
        if stepper.insideBackward && stepper.mode != .proceed {
            pendingBackwardReport.append("backward finished: \(watch.ran) node\(watch.ran == 1 ? "" : "s") ran")
        } else {
            pendingBackwardReport = []
        }
        stepper.leftBackward()
    }

    /// The text shown at a stop before a backward node runs.
    func nodeStopText(_ node: Node, _ grads: [Tensor?]) -> [String] {
        var lines = pendingBackwardReport
        pendingBackwardReport = []
        let position = backward.map { " (node \($0.ran + 1) of \($0.total))" } ?? ""
        let title = node is AccumulateGrad ? "AccumulateGrad(\(leafName(node)))" : node.name
        lines.append(">> \(title)\(position)   [backward]")
        if !node.formula.isEmpty { lines.append("   formula: \(node.formula)") }
        let arrived = backward?.deliveries[ObjectIdentifier(node)] ?? [:]
        for (slot, g) in grads.enumerated() {
            let label = grads.count == 1 ? "grad" : "grad[\(slot)]"
            let prefix = "   incoming \(label) = "
            lines.append(prefix + hangingIndent(shortTensorRepr(g), width: prefix.count))
            if let parts = arrived[slot], parts.count > 1 {
                lines.append("   (the sum of \(parts.count) branches that fan in here:)")
                for p in parts {
                    lines.append(hangingIndent("     + " + shortTensorRepr(p), width: 7))
                }
            }
        }
        return lines
    }

    /// The name of the leaf an AccumulateGrad node feeds.
    func leafName(_ node: Node) -> String {
        guard let acc = node as? AccumulateGrad else { return node.name }
        return nameOf(acc.variable) ?? "leaf \(TensorFormatter.sizeRepr(acc.variable.shape))"
    }
}
