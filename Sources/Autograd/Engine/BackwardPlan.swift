/// What the backward engine reports while it runs. Nobody listening costs nothing.
public enum BackwardEvent {
    /// A node has all its incoming gradients (summed over fan-in, after hooks) and runs next.
    case nodeReady(node: Node, grads: [Tensor?])
    /// A node ran; `outputs` pairs each next edge with the gradient sent along it.
    case nodeRan(node: Node, outputs: [(edge: Edge, grad: Tensor?)])
    /// A leaf's `.grad` changed; `before` is a snapshot of the old value (nil when unset).
    case gradAccumulated(tensor: Tensor, before: Tensor?, after: Tensor)
}

/// The backward pass as a plan that runs one node per `step()`, as PyTorch's engine does:
/// dependency counts over the reachable graph, a ready queue ordered by sequence number
/// (higher first; AccumulateGrad first of all), and per-node input buffers that sum fan-in.
public final class BackwardPlan {
    /// Whether saved tensors survive this backward.
    public let retainGraph: Bool
    /// Whether backward formulas record a graph themselves (higher-order gradients).
    public let createGraph: Bool
    /// Receives events (defaults to the thread's `AutogradState.backwardObserver`).
    public var observer: ((BackwardEvent) -> Void)?

    private var dependencies: [ObjectIdentifier: Int] = [:]
    private var buffers: [ObjectIdentifier: [Tensor?]] = [:]
    private var ready: [Node] = []
    private var needed: Set<ObjectIdentifier>?
    private var captureLeaf: [ObjectIdentifier: Int] = [:]
    private var captureNonLeaf: [ObjectIdentifier: [(outputNr: Int, slot: Int)]] = [:]
    /// Gradients captured for `autograd.grad` inputs, in input order.
    public private(set) var capturedGrads: [Tensor?] = []
    /// Nodes in the order they ran.
    public private(set) var executed: [Node] = []

    /// Plans backward from `roots` seeded with `gradients` (ones for scalar roots when nil).
    /// With `inputs`, gradients are captured for them instead of accumulated into leaves.
    public init(roots: [Tensor], gradients: [Tensor?], retainGraph: Bool = false,
                createGraph: Bool = false, inputs: [Tensor]? = nil, allowUnused: Bool = false) throws {
        self.retainGraph = retainGraph
        self.createGraph = createGraph
        observer = AutogradState.current.backwardObserver
        var rootEdges: [(Edge, Tensor)] = []
        for (i, root) in roots.enumerated() {
            guard root.requiresGrad else {
                throw TorchError.runtime("element \(i) of tensors does not require grad and does not have a grad_fn")
            }
            let g: Tensor
            if i < gradients.count, let given = gradients[i] {
                if given.shape != root.shape {
                    throw TorchError.runtime("Mismatch in shape: grad_output[\(i)] has a shape of torch.Size(\(shapeString(given.shape))) and output[\(i)] has a shape of torch.Size(\(shapeString(root.shape))).")
                }
                g = given
            } else {
                if root.count != 1 {
                    throw TorchError.runtime("grad can be implicitly created only for scalar outputs")
                }
                g = Tensor.onesLike(root)
            }
            rootEdges.append((root.gradientEdge(), g))
        }
        // Count dependencies over everything reachable from the roots.
        var stack: [Node] = []
        var seen = Set<ObjectIdentifier>()
        for (edge, _) in rootEdges {
            if let n = edge.node, seen.insert(ObjectIdentifier(n)).inserted { stack.append(n) }
        }
        var order: [Node] = []
        while let node = stack.popLast() {
            order.append(node)
            for edge in node.nextEdges {
                guard let next = edge.node else { continue }
                let id = ObjectIdentifier(next)
                dependencies[id, default: 0] += 1
                if seen.insert(id).inserted { stack.append(next) }
            }
        }
        if let inputs {
            capturedGrads = Array(repeating: nil, count: inputs.count)
            var targets = Set<ObjectIdentifier>()
            for (slot, t) in inputs.enumerated() {
                if let fn = t.gradFn {
                    captureNonLeaf[ObjectIdentifier(fn), default: []].append((t.outputNr, slot))
                    targets.insert(ObjectIdentifier(fn))
                } else if let acc = t.gradAccumulatorRef {
                    captureLeaf[ObjectIdentifier(acc)] = slot
                    targets.insert(ObjectIdentifier(acc))
                } else if !t.requiresGrad {
                    throw TorchError.runtime("One of the differentiated Tensors does not require grad")
                }
            }
            needed = Self.neededNodes(order, targets: targets)
            let unused = inputs.contains { t in
                if let fn = t.gradFn { return !seen.contains(ObjectIdentifier(fn)) }
                return t.gradAccumulatorRef.map { !seen.contains(ObjectIdentifier($0)) } ?? true
            }
            if unused && !allowUnused {
                throw TorchError.runtime("One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.")
            }
        }
        for (edge, g) in rootEdges {
            guard let node = edge.node else { continue }
            try addToBuffer(node, edge.inputNr, g)
        }
        for (edge, _) in rootEdges {
            guard let node = edge.node else { continue }
            if dependencies[ObjectIdentifier(node), default: 0] == 0 && !ready.contains(where: { $0 === node }) {
                ready.append(node)
            }
        }
    }

    /// Nodes from which some target is reachable (the only ones autograd.grad must run).
    private static func neededNodes(_ order: [Node], targets: Set<ObjectIdentifier>) -> Set<ObjectIdentifier> {
        var memo: [ObjectIdentifier: Bool] = [:]
        func visit(_ n: Node) -> Bool {
            let id = ObjectIdentifier(n)
            if let m = memo[id] { return m }
            memo[id] = false
            var result = targets.contains(id)
            for e in n.nextEdges { if let c = e.node, visit(c) { result = true } }
            memo[id] = result
            return result
        }
        var out = Set<ObjectIdentifier>()
        for n in order where visit(n) { out.insert(ObjectIdentifier(n)) }
        return out
    }

    private func addToBuffer(_ node: Node, _ slot: Int, _ grad: Tensor) throws {
        let id = ObjectIdentifier(node)
        var buf = buffers[id] ?? Array(repeating: nil, count: Swift.max(node.numInputs, slot + 1))
        if slot >= buf.count { buf.append(contentsOf: Array(repeating: nil, count: slot + 1 - buf.count)) }
        if let existing = buf[slot] {
            buf[slot] = try GradMode.with(enabled: createGraph) { try existing.add(grad) }
        } else {
            buf[slot] = grad
        }
        buffers[id] = buf
    }

    /// True when no node is left to run.
    public var isFinished: Bool { ready.isEmpty }

    /// The node that `step()` would run next.
    public var nextNode: Node? {
        var best: Node?
        for n in ready where n.sequenceNr > (best?.sequenceNr ?? Int.min) { best = n }
        return best
    }

    /// Nodes whose inputs are complete, in no particular order (`nextNode` picks among them).
    public var readyNodes: [Node] { ready }

    /// The gradients gathered so far for `node`'s inputs (summed over fan-in), if any arrived.
    public func pendingGradients(for node: Node) -> [Tensor?]? {
        buffers[ObjectIdentifier(node)]
    }

    /// How many of `node`'s incoming edges have not delivered their gradient yet.
    public func remainingDependencies(of node: Node) -> Int {
        dependencies[ObjectIdentifier(node)] ?? 0
    }

    /// Runs the plan to the end.
    public func run() throws {
        while try step() != nil {}
    }

    /// Runs one node and returns it (nil when finished).
    @discardableResult
    public func step() throws -> Node? {
        guard !ready.isEmpty else { return nil }
        var bestIndex = 0
        for i in 1..<ready.count where ready[i].sequenceNr > ready[bestIndex].sequenceNr { bestIndex = i }
        let node = ready.remove(at: bestIndex)
        let id = ObjectIdentifier(node)
        var grads = buffers.removeValue(forKey: id) ?? Array(repeating: nil, count: node.numInputs)
        if let needed, !needed.contains(id) { return node }
        executed.append(node)

        if let acc = node as? AccumulateGrad {
            try runAccumulate(acc, grads.first ?? nil)
            return node
        }
        // Tensor hooks of this node's outputs, then retain_grad, then node pre-hooks.
        for hook in node.tensorPreHooks where hook.outputNr < grads.count {
            if let g = grads[hook.outputNr], let replaced = try hook.fn(g) { grads[hook.outputNr] = replaced }
        }
        for (nr, weak) in node.retainedOutputs {
            guard nr < grads.count, let g = grads[nr], let t = weak.tensor else { continue }
            t.grad = try GradMode.noGrad { try t.grad.map { try $0.add(g) } ?? g.clone_raw() }
        }
        for hook in node.preHooks {
            if let replaced = try hook.fn(grads) { grads = replaced }
        }
        if let targets = captureNonLeaf[id] {
            for (nr, slot) in targets where nr < grads.count { capturedGrads[slot] = grads[nr] }
        }
        observer?(.nodeReady(node: node, grads: grads))

        var outputs: [Tensor?]
        if grads.allSatisfy({ $0 == nil }) {
            outputs = Array(repeating: nil, count: node.nextEdges.count)
        } else {
            outputs = try GradMode.with(enabled: createGraph) { try node.apply(grads) }
        }
        if outputs.count < node.nextEdges.count {
            outputs.append(contentsOf: Array(repeating: nil, count: node.nextEdges.count - outputs.count))
        }
        if AnomalyMode.isEnabled {
            for (i, out) in outputs.enumerated() {
                if let out, out.dtype.isFloatingPoint, out.doubleValues().contains(where: { $0.isNaN }) {
                    throw TorchError.runtime("Function '\(node.name)' returned nan values in its \(i)th output.")
                }
            }
        }
        // PyTorch's validate_outputs: reduce broadcast gradients and match input dtypes.
        for i in outputs.indices where i < node.inputMeta.count {
            guard let g = outputs[i], let meta = node.inputMeta[i] else { continue }
            var fixed = g
            if fixed.shape != meta.shape {
                fixed = try GradMode.with(enabled: createGraph) { try fixed.sumTo(meta.shape) }
            }
            if fixed.dtype != meta.dtype { fixed = fixed.converted(to: meta.dtype) }
            outputs[i] = fixed
        }
        for hook in node.postHooks {
            if let replaced = try hook.fn(outputs, grads) { outputs = replaced }
        }
        if !retainGraph { node.releaseSaved() }
        observer?(.nodeRan(node: node, outputs: zip(node.nextEdges, outputs).map { ($0, $1) }))

        for (edge, grad) in zip(node.nextEdges, outputs) {
            guard let next = edge.node else { continue }
            let nid = ObjectIdentifier(next)
            if let grad { try addToBuffer(next, edge.inputNr, grad) }
            let left = (dependencies[nid] ?? 1) - 1
            dependencies[nid] = left
            if left == 0 { ready.append(next) }
        }
        return node
    }

    /// AccumulateGrad: leaf hooks, then `.grad += grad` (or capture for autograd.grad), then
    /// post-accumulate hooks.
    private func runAccumulate(_ acc: AccumulateGrad, _ incoming: Tensor?) throws {
        guard var grad = incoming else { return }
        let variable = acc.variable
        for hook in variable.leafHooks {
            if let replaced = try hook.fn(grad) { grad = replaced }
        }
        observer?(.nodeReady(node: acc, grads: [grad]))
        if let slot = captureLeaf[ObjectIdentifier(acc)] {
            capturedGrads[slot] = grad
            observer?(.nodeRan(node: acc, outputs: []))
            return
        }
        if needed != nil { return }
        let before = observer == nil ? nil : variable.grad?.clone_raw()
        if let existing = variable.grad {
            if createGraph {
                variable.grad = try existing.add(grad)
            } else {
                try GradMode.noGrad { try existing.addInPlaceRaw(grad) }
            }
        } else {
            variable.grad = GradMode.with(enabled: createGraph) {
                createGraph ? grad : grad.clone_raw()
            }
        }
        if let observer, let after = variable.grad {
            observer(.gradAccumulated(tensor: variable, before: before, after: after))
        }
        for hook in variable.postAccumulateHooks { try hook.fn(variable) }
        observer?(.nodeRan(node: acc, outputs: []))
    }
}

extension Tensor {
    /// `tensor.backward(gradient=, retain_graph=, create_graph=)`.
    public func backward(gradient: Tensor? = nil, retainGraph: Bool? = nil,
                         createGraph: Bool = false) throws {
        let plan = try BackwardPlan(roots: [self], gradients: [gradient],
                                    retainGraph: retainGraph ?? createGraph, createGraph: createGraph)
        try plan.run()
    }
}

/// `torch.autograd` functions.
public enum Autograd {
    /// `torch.autograd.backward(tensors, grad_tensors)`.
    public static func backward(_ tensors: [Tensor], gradTensors: [Tensor?] = [],
                                retainGraph: Bool? = nil, createGraph: Bool = false) throws {
        let plan = try BackwardPlan(roots: tensors, gradients: gradTensors,
                                    retainGraph: retainGraph ?? createGraph, createGraph: createGraph)
        try plan.run()
    }

    /// `torch.autograd.grad(outputs, inputs, grad_outputs=, retain_graph=, create_graph=,
    /// allow_unused=)`: gradients of outputs with respect to inputs, leaving `.grad` alone.
    public static func grad(outputs: [Tensor], inputs: [Tensor], gradOutputs: [Tensor?] = [],
                            retainGraph: Bool? = nil, createGraph: Bool = false,
                            allowUnused: Bool = false) throws -> [Tensor?] {
        for t in inputs where !t.requiresGrad {
            throw TorchError.runtime("One of the differentiated Tensors does not require grad")
        }
        // Make sure leaf inputs have a sink the plan can find, even if unused.
        let sinks = inputs.compactMap { $0.isLeaf ? $0.gradAccumulator() : nil }
        defer { _ = sinks }
        let plan = try BackwardPlan(roots: outputs, gradients: gradOutputs,
                                    retainGraph: retainGraph ?? createGraph, createGraph: createGraph,
                                    inputs: inputs, allowUnused: allowUnused)
        try plan.run()
        if !allowUnused, plan.capturedGrads.contains(where: { $0 == nil }) {
            throw TorchError.runtime("One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.")
        }
        return plan.capturedGrads
    }
}
