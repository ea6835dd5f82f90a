// The phase of the training loop a line belongs to, judged from what the line did.
import MiniPy

/// A phase of the training loop.
public enum Phase: String, Sendable, CaseIterable {
    case forward, loss, backward
    case zeroGrad = "zero_grad"
    case step, schedule
    case noGrad = "eval/no_grad"

    /// The label shown at a stop.
    public var label: String { rawValue }
}

/// What was observed while one line ran: counts of telling calls and backward nodes.
public struct LineFacts: Equatable, Sendable {
    /// Calls of `nn.Module.__call__` (a model or layer ran forward).
    public var moduleCalls = 0
    /// Calls into a loss module or loss function.
    public var lossCalls = 0
    /// Backward nodes that ran.
    public var backwardNodes = 0
    /// Calls of `zero_grad`.
    public var zeroGradCalls = 0
    /// Calls of an optimizer's `step`.
    public var optimizerSteps = 0
    /// Calls of a learning-rate scheduler's `step`.
    public var schedulerSteps = 0

    /// Empty facts.
    public init() {}

    /// What happened between two snapshots of running totals.
    public static func - (a: LineFacts, b: LineFacts) -> LineFacts {
        var d = LineFacts()
        d.moduleCalls = a.moduleCalls - b.moduleCalls
        d.lossCalls = a.lossCalls - b.lossCalls
        d.backwardNodes = a.backwardNodes - b.backwardNodes
        d.zeroGradCalls = a.zeroGradCalls - b.zeroGradCalls
        d.optimizerSteps = a.optimizerSteps - b.optimizerSteps
        d.schedulerSteps = a.schedulerSteps - b.schedulerSteps
        return d
    }

    /// Counts a Python call by the file and function it enters (library files are named by
    /// their path inside the bundled library, e.g. `torch/nn/modules/loss.py`).
    public mutating func noteCall(file: String, function: String) {
        guard file.hasPrefix("torch/") else { return }
        if file == "torch/nn/modules/loss.py" {
            if function == "forward" { lossCalls += 1 }
        } else if file == "torch/nn/functional.py" {
            if Self.lossFunctions.contains(function) { lossCalls += 1 }
        } else if function == "zero_grad" {
            zeroGradCalls += 1
        } else if function == "step" && file == "torch/optim/lr_scheduler.py" {
            schedulerSteps += 1
        } else if function == "step" && file.hasPrefix("torch/optim/") {
            optimizerSteps += 1
        } else if function == "__call__" && file == "torch/nn/modules/module.py" {
            moduleCalls += 1
        }
    }

    /// `torch.nn.functional` functions that compute a loss.
    static let lossFunctions: Set<String> = [
        "cross_entropy", "nll_loss", "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss",
        "binary_cross_entropy", "binary_cross_entropy_with_logits", "kl_div", "cosine_embedding_loss",
        "margin_ranking_loss", "hinge_embedding_loss", "soft_margin_loss", "poisson_nll_loss",
        "gaussian_nll_loss", "triplet_margin_loss", "multi_margin_loss", "multilabel_margin_loss",
        "multilabel_soft_margin_loss", "ctc_loss",
    ]
}

/// Classifies lines by the facts observed while they ran.
public enum PhaseRules {
    /// The phase of a line: the most specific fact wins (a backward node beats the module
    /// calls a hook might make; an optimizer step beats the grad mode it switches off).
    /// `createdGraph`: the line made a tensor with a `grad_fn`; `createdScalarGraph`: one of
    /// those is a single number (a hand-written loss); `gradEnabled`: grad mode while it ran.
    public static func classify(_ f: LineFacts, createdGraph: Bool, createdScalarGraph: Bool,
                                gradEnabled: Bool) -> Phase? {
        if f.backwardNodes > 0 { return .backward }
        if f.zeroGradCalls > 0 { return .zeroGrad }
        if f.schedulerSteps > 0 { return .schedule }
        if f.optimizerSteps > 0 { return .step }
        if !gradEnabled { return .noGrad }
        if f.lossCalls > 0 { return .loss }
        if f.moduleCalls > 0 { return .forward }
        if createdScalarGraph { return .loss }
        if createdGraph { return .forward }
        return nil
    }
}
