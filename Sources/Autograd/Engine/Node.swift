/// One input slot of a backward node: which node receives the gradient and in which of its
/// input positions. `node == nil` where the forward input needed no gradient.
public struct Edge {
    /// The receiving node, nil for inputs that need no grad.
    public let node: Node?
    /// The receiving node's input position (the forward output number).
    public let inputNr: Int

    /// Creates an edge.
    public init(node: Node?, inputNr: Int) {
        self.node = node
        self.inputNr = inputNr
    }

    /// True when a node receives the gradient.
    public var isValid: Bool { node != nil }
}

/// A value a node saved for backward, inspectable as PyTorch's `_saved_<name>`.
public enum SavedValue {
    /// A tensor (unpacked with version checks).
    case tensor(SavedTensor)
    /// A list of tensors (e.g. `_saved_indices`).
    case tensors([SavedTensor])
    /// An int (`_saved_dim`, `_saved_reduction`).
    case int(Int)
    /// A list of ints (`_saved_self_sym_sizes`).
    case ints([Int])
    /// A float (`_saved_eps`).
    case double(Double)
    /// A Python number (`_saved_alpha`, `_saved_exponent`).
    case scalar(Scalar)
    /// A bool (`_saved_keepdim`).
    case bool(Bool)
    /// A string (`_saved_approximate`).
    case string(String)
    /// Python's None.
    case none
    /// A tensor slot holding no tensor (an optional tensor not given, or a factor no gradient
    /// needs): reads None, and still has a `_raw_saved_` entry, as a PyTorch SavedVariable does.
    case noTensor
}

/// A tensor saved for backward together with the version it had, so backward can detect
/// in-place changes and refuse to run on freed data.
public final class SavedTensor {
    /// The saved data, nil once released.
    var data: Tensor?
    let savedVersion: Int
    /// The producer of a saved output (weak: the node owns this value, a strong link would
    /// be a cycle) or of a saved input (strong: it lies upstream).
    weak var outputProducer: Node?
    var inputProducer: Node?
    /// A saved leaf that requires grad is handed back as itself, so higher-order graphs reach it.
    var leaf: Tensor?
    let producerName: String?
    /// A saved input as the caller holds it, so the in-place message can name the node that
    /// produces it now (an in-place op rebases its history), as PyTorch reads `grad_fn()`.
    weak var original: Tensor?
    let outputNr: Int
    /// True once the owning graph's saved values were freed.
    var released = false

    /// Saves `t` (an alias without graph links, so nodes do not keep themselves alive).
    init(_ t: Tensor, isOutputOf node: Node? = nil) {
        let alias = t.detach()
        alias.isWrappedNumber = t.isWrappedNumber
        data = alias
        savedVersion = t.versionCounter.value
        if let node {
            outputProducer = node
            producerName = node.name
            outputNr = 0
        } else {
            inputProducer = t.gradFn
            producerName = t.gradFn?.name
            original = t
            outputNr = t.outputNr
            if t.gradFn == nil && t.leafRequiresGrad { leaf = t }
        }
    }

    /// How the version-counter message names a node: generated nodes lose their
    /// `Backward<n>` suffix (`ExpBackward0` is `Exp`), engine nodes carry their C++ namespace.
    static func messageName(_ name: String) -> String {
        if name == "CopySlices" || name == "AccumulateGrad" { return "torch::autograd::" + name }
        let digits = name.reversed().prefix { $0.isNumber }.count
        let stem = name.dropLast(digits)
        guard digits > 0, stem.hasSuffix("Backward"), stem.count > "Backward".count else { return name }
        return String(stem.dropLast("Backward".count))
    }

    /// Frees the data (after a backward without retain_graph).
    func release() {
        released = true
        data = nil
        leaf = nil
        inputProducer = nil
    }

    /// The saved tensor, checking it was neither freed nor changed in place. It carries its
    /// original history, so backward formulas can themselves be differentiated.
    public func unpack() throws -> Tensor {
        guard let t = data, !released else {
            throw TorchError.runtime(TorchError.backwardTwiceMessage)
        }
        if t.versionCounter.value != savedVersion {
            var msg = "one of the variables needed for gradient computation has been modified by an inplace operation: [\(t.dtype.legacyTypeName) \(shapeString(t.shape))]"
            let current = outputProducer == nil ? (original.map { $0.gradFn?.name } ?? producerName) : producerName
            if let current { msg += ", which is output \(outputNr) of \(Self.messageName(current))," }
            msg += " is at version \(t.versionCounter.value); expected version \(savedVersion) instead."
            if AnomalyMode.isEnabled {
                msg += " Hint: the backtrace further above shows the operation that failed to compute its gradient. The variable in question was changed in there or anywhere later. Good luck!"
            } else {
                msg += " Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."
            }
            throw TorchError.runtime(msg)
        }
        if let leaf { return leaf }
        guard let producer = outputProducer ?? inputProducer else { return t }
        let linked = t.detach()
        linked.isWrappedNumber = t.isWrappedNumber
        linked.gradFn = producer
        linked.outputNr = outputNr
        return linked
    }
}

/// A node of the backward graph (PyTorch's `torch::autograd::Node`). Subclass it, or use
/// `FunctionNode` whose backward is a closure.
open class Node {
    /// PyTorch's class name, e.g. `AddmmBackward0`.
    public let name: String
    /// Creation order; the engine runs higher numbers first.
    public let sequenceNr: Int
    /// Where each gradient this node produces goes, in PyTorch's input order.
    public internal(set) var nextEdges: [Edge]
    /// How many gradients flow into this node (the forward op's output count).
    public let numInputs: Int
    /// Saved values by PyTorch's attribute names (without the `_saved_` prefix).
    public internal(set) var saved: [(name: String, value: SavedValue)] = []
    /// The backward formula, one line, for display.
    public var formula: String
    /// Free-form metadata (`grad_fn.metadata`).
    public var metadata: [String: String] = [:]
    /// Tensor hooks of this node's outputs (non-leaf `register_hook`), in registration order.
    var tensorPreHooks: [(id: Int, outputNr: Int, fn: (Tensor) throws -> Tensor?)] = []
    /// Node pre-hooks (`grad_fn.register_prehook`): may replace incoming gradients.
    var preHooks: [(id: Int, fn: ([Tensor?]) throws -> [Tensor?]?)] = []
    /// Node post-hooks (`grad_fn.register_hook`): see inputs and outputs.
    var postHooks: [(id: Int, fn: ([Tensor?], [Tensor?]) throws -> [Tensor?]?)] = []
    /// Non-leaf outputs that asked to retain their gradient.
    var retainedOutputs: [Int: WeakTensor] = [:]
    /// Shape and dtype of each forward input (aligned with `nextEdges`): the engine sums a
    /// broadcast gradient back to the input's shape and casts it to the input's dtype.
    var inputMeta: [(shape: [Int], dtype: DType)?] = []
    /// True after saved values were released by a backward without retain_graph.
    public internal(set) var savedReleased = false

    /// Creates a node connected to the given edges.
    public init(name: String, nextEdges: [Edge], numInputs: Int = 1, formula: String = "") {
        self.name = name
        self.nextEdges = nextEdges
        self.numInputs = numInputs
        self.formula = formula
        sequenceNr = AutogradState.current.nextSequenceNr()
    }

    /// Initialiser for sinks that sort before everything (PyTorch gives AccumulateGrad UINT64_MAX).
    init(name: String, nextEdges: [Edge], sequenceNr: Int, formula: String) {
        self.name = name
        self.nextEdges = nextEdges
        self.numInputs = 1
        self.formula = formula
        self.sequenceNr = sequenceNr
    }

    /// Computes the gradients for `nextEdges` from the gradients of this node's outputs.
    open func apply(_ grads: [Tensor?]) throws -> [Tensor?] {
        throw TorchError(.notImplementedError, "\(name) has no backward")
    }

    /// Frees saved tensors (after a backward without `retain_graph`).
    open func releaseSaved() {
        savedReleased = true
        for (_, value) in saved {
            switch value {
            case .tensor(let s): s.release()
            case .tensors(let list): for s in list { s.release() }
            default: break
            }
        }
    }

    /// `Name: formula`, one line for display.
    public var formulaLine: String { formula.isEmpty ? name : "\(name): \(formula)" }

    /// `next_functions`: the edges as (node, input_nr) pairs.
    public var nextFunctions: [(Node?, Int)] { nextEdges.map { ($0.node, $0.inputNr) } }

    /// A saved value by name, e.g. `savedValue("self")` for `_saved_self`.
    public func savedValue(_ name: String) -> SavedValue? {
        saved.first { $0.name == name }?.value
    }

    /// The saved tensor named `name`, unpacked with version and release checks.
    public func savedTensor(_ name: String) throws -> Tensor {
        guard let value = savedValue(name) else {
            throw TorchError.runtime("\(name) was not saved by \(self.name)")
        }
        guard case .tensor(let s) = value else {
            throw TorchError.runtime("\(name) is not a tensor")
        }
        return try s.unpack()
    }

    /// Registers a node pre-hook; returns its handle id.
    @discardableResult
    public func registerPrehook(_ fn: @escaping ([Tensor?]) throws -> [Tensor?]?) -> Int {
        let id = AutogradState.current.nextHookId()
        preHooks.append((id: id, fn: fn))
        return id
    }

    /// Registers a node post-hook; returns its handle id.
    @discardableResult
    public func registerHook(_ fn: @escaping ([Tensor?], [Tensor?]) throws -> [Tensor?]?) -> Int {
        let id = AutogradState.current.nextHookId()
        postHooks.append((id: id, fn: fn))
        return id
    }

    /// Removes a node hook by id.
    public func removeHook(_ id: Int) {
        preHooks.removeAll { $0.id == id }
        postHooks.removeAll { $0.id == id }
        tensorPreHooks.removeAll { $0.id == id }
    }
}

/// A node whose backward is a closure: used by every built-in op and by custom
/// `autograd.Function` layers (named `<ClassName>Backward`).
public final class FunctionNode: Node {
    /// Computes input gradients from output gradients; reads saved values through the node.
    public typealias Backward = (_ node: FunctionNode, _ grads: [Tensor?]) throws -> [Tensor?]
    let backward: Backward

    /// Creates a closure-backed node.
    public init(name: String, nextEdges: [Edge], numInputs: Int = 1, formula: String = "",
                backward: @escaping Backward) {
        self.backward = backward
        super.init(name: name, nextEdges: nextEdges, numInputs: numInputs, formula: formula)
    }

    /// Creates a closure-backed node whose edges lead to `inputs` (nil or non-requiring inputs
    /// get empty edges); returned gradients are summed to each input's shape and cast to its
    /// dtype by the engine, as PyTorch's `validate_outputs` does.
    public convenience init(name: String, inputs: [Tensor?], numInputs: Int = 1, formula: String = "",
                            backward: @escaping Backward) {
        let edges = inputs.map { t -> Edge in
            guard let t, t.requiresGrad else { return Edge(node: nil, inputNr: 0) }
            return t.gradientEdge()
        }
        self.init(name: name, nextEdges: edges, numInputs: numInputs, formula: formula, backward: backward)
        inputMeta = inputs.map { t in t.map { ($0.shape, $0.dtype) } }
    }

    /// Runs the closure.
    public override func apply(_ grads: [Tensor?]) throws -> [Tensor?] {
        // Freed saved tensors raise PyTorch's message when unpacked; nodes that saved only
        // sizes or numbers can run again, as in PyTorch.
        return try backward(self, grads)
    }

    /// Saves a tensor under PyTorch's attribute name.
    public func save(_ name: String, _ t: Tensor, isOutput: Bool = false) {
        saved.append((name, .tensor(SavedTensor(t, isOutputOf: isOutput ? self : nil))))
    }

    /// Saves a non-tensor value.
    public func save(_ name: String, _ value: SavedValue) {
        saved.append((name, value))
    }

    /// Saves `t` when backward will read it, else None: PyTorch's `_saved_<name>` of a
    /// factor kept only for another input's gradient reads None, it is never missing.
    func save(_ name: String, _ t: Tensor, when needed: Bool) {
        if needed { save(name, t) } else { save(name, .noTensor) }
    }
}

/// The sink for a leaf: adds incoming gradients into `variable.grad`.
public final class AccumulateGrad: Node {
    /// The leaf tensor this node accumulates into.
    public let variable: Tensor

    init(variable: Tensor) {
        self.variable = variable
        super.init(name: "AccumulateGrad", nextEdges: [], sequenceNr: Int.max,
                   formula: "variable.grad += grad")
    }

    /// Accumulation itself is done by the engine so it can report before/after values.
    public override func apply(_ grads: [Tensor?]) throws -> [Tensor?] { [] }
}
