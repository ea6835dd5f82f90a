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
    case tensor(SavedTensor)
    case tensors([SavedTensor])
    case int(Int)
    case ints([Int])
    case double(Double)
    case scalar(Scalar)
    case bool(Bool)
    case string(String)
    case none
}

/// A tensor saved for backward together with the version it had, so backward can detect
/// in-place changes and refuse to run on freed data.
public final class SavedTensor {
    /// The saved data, nil once released.
    var data: Tensor?
    let savedVersion: Int
    /// The saved tensor's producer and output number, for the in-place error message.
    weak var producer: Node?
    let producerName: String?
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
            producerName = node.name
            outputNr = 0
        } else {
            producerName = t.gradFn?.name
            outputNr = t.outputNr
        }
    }

    /// The saved tensor, checking it was neither freed nor changed in place.
    public func unpack() throws -> Tensor {
        guard let t = data, !released else {
            throw TorchError.runtime(TorchError.backwardTwiceMessage)
        }
        if t.versionCounter.value != savedVersion {
            var msg = "one of the variables needed for gradient computation has been modified by an inplace operation: [\(t.dtype.legacyTypeName) \(shapeString(t.shape))]"
            if let producerName { msg += ", which is output \(outputNr) of \(producerName)," }
            msg += " is at version \(t.versionCounter.value); expected version \(savedVersion) instead."
            if AnomalyMode.isEnabled {
                msg += " Hint: the backtrace further above shows the operation that failed to compute its gradient. The variable in question was changed in there or anywhere later. Good luck!"
            } else {
                msg += " Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True)."
            }
            throw TorchError.runtime(msg)
        }
        return t
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
            case .tensor(let s): s.released = true; s.data = nil
            case .tensors(let list): for s in list { s.released = true; s.data = nil }
            default: break
            }
        }
    }

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

    /// Runs the closure.
    public override func apply(_ grads: [Tensor?]) throws -> [Tensor?] {
        if savedReleased && !saved.isEmpty {
            throw TorchError.runtime(TorchError.backwardTwiceMessage)
        }
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
