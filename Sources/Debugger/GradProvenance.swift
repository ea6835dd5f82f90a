// What `why` needs to know about the past: which tensors were made with grad mode off, and
// when zero_grad and backward last ran (an answer about `.grad` depends on their order).
import Autograd
import MiniPy

/// A tensor held weakly (an ObjectIdentifier alone may be reused by a later tensor).
struct WeakTensorRef {
    weak var tensor: Tensor?
}

/// Where and when something happened: the lesson line and the trace event number.
struct ProgramMoment {
    let line: Int?
    let event: Int
}

/// Facts for `why`, kept for the current run.
struct GradProvenance {
    /// Tensors assigned by a line that ran with grad mode off, with that line.
    private var madeWithoutGrad: [ObjectIdentifier: (ref: WeakTensorRef, line: Int)] = [:]
    /// The last `zero_grad` call.
    var lastZeroGrad: ProgramMoment?
    /// The start of the last backward pass.
    var lastBackward: ProgramMoment?

    /// Notes a tensor a line made while grad mode was off.
    mutating func noteMadeWithoutGrad(_ t: Tensor, line: Int) {
        if madeWithoutGrad.count > 4096 { madeWithoutGrad = madeWithoutGrad.filter { $0.value.ref.tensor != nil } }
        madeWithoutGrad[ObjectIdentifier(t)] = (WeakTensorRef(tensor: t), line)
    }

    /// The line under `no_grad` that made `t`, if one did.
    func lineMadeWithoutGrad(_ t: Tensor) -> Int? {
        guard let entry = madeWithoutGrad[ObjectIdentifier(t)], entry.ref.tensor === t else { return nil }
        return entry.line
    }
}

extension Frame {
    /// The innermost line of `file` on this frame's stack (the lesson line a library call
    /// came from).
    func line(in file: String) -> Int? {
        var f: Frame? = self
        while let x = f {
            if x.file == file { return x.line }
            f = x.back
        }
        return nil
    }
}
