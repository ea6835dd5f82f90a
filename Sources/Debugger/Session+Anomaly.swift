// `anomaly on`: stop at the first NaN or Inf, naming the node and the lesson line that made
// it, as PyTorch's anomaly mode names the failing node and prints its forward traceback.
import Autograd
import MiniPy

/// Which lesson line created the nodes numbered from each sequence number on.
struct NodeOrigins {
    /// (first sequence number, lesson line), in increasing sequence numbers.
    private var starts: [(sequence: Int, line: Int)] = []

    /// Notes that the nodes from `sequence` on are made by `line` (until the next note).
    mutating func note(sequence: Int, line: Int) {
        if let last = starts.last, last.sequence == sequence {
            starts[starts.count - 1].line = line
        } else {
            starts.append((sequence, line))
        }
    }

    /// The lesson line that created the node with this sequence number.
    func line(of sequence: Int) -> Int? {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid].sequence <= sequence { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : starts[lo - 1].line
    }
}

extension Session {
    /// `anomaly on|off`.
    func setAnomaly(_ argument: String) {
        switch argument {
        case "on": watchAnomalies = true
        case "off": watchAnomalies = false
        case "": break
        default:
            say("*** usage: anomaly on|off")
            return
        }
        say("anomaly watch is \(watchAnomalies ? "on: the program stops at the first NaN or Inf, in forward or in backward" : "off")")
    }

    /// Notes where the next nodes come from (called at each line of the lesson).
    func noteNodeOrigin(_ frame: Frame) {
        nodeOrigins.note(sequence: AutogradState.current.nextSequenceNumber, line: frame.line)
    }

    /// "created by line N: source" for a node, when the line is known.
    func originText(_ node: Node) -> String {
        guard !(node is AccumulateGrad), let line = nodeOrigins.line(of: node.sequenceNr) else { return "" }
        return "\n  \(node.name) was created in forward by line \(line): \(sourceLine(program.file, line))"
    }

    /// Backward: the first node whose output gradient holds NaN or Inf; the next event stops.
    func checkAnomaly(_ node: Node, _ outputs: [Tensor?]) {
        guard anomalyNote == nil else { return }
        for (i, g) in outputs.enumerated() {
            guard let g, g.dtype.isFloatingPoint, let kind = nonFiniteKind(g) else { continue }
            anomalyNote = "anomaly: Function '\(node.name)' returned \(kind) values in its \(i)th output." + originText(node)
            return
        }
    }

    /// Forward: a tensor the line just run bound to a variable holds NaN or Inf.
    func checkForwardAnomaly(_ frame: Frame, before: Set<ObjectIdentifier>, line: Int) {
        guard anomalyNote == nil else { return }
        for (name, value) in frame.locals {
            guard let t = tensorValue(value), !before.contains(ObjectIdentifier(t)), t.dtype.isFloatingPoint,
                  let kind = nonFiniteKind(t) else { continue }
            let made = t.gradFn.map { " (grad_fn=<\($0.name)>)" } ?? ""
            anomalyNote = "anomaly: \(name) holds \(kind) values\(made), made in forward by line \(line): \(sourceLine(frame.file, line))"
            return
        }
    }

    /// "nan" or "inf" when the tensor holds such a value.
    private func nonFiniteKind(_ t: Tensor) -> String? {
        let values = t.doubleValues()
        if values.contains(where: { $0.isNaN }) { return "nan" }
        if values.contains(where: { $0.isInfinite }) { return "inf" }
        return nil
    }
}
