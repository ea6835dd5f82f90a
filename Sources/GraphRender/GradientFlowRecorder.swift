import Autograd

/// A gradient reduced to what a picture shows, taken when the gradient is produced (later
/// in-place updates, such as accumulation into `.grad`, do not change it).
public struct GradientSummary: Equatable, Sendable {
    /// The gradient's shape.
    public let shape: [Int]
    /// Its L2 (Frobenius) norm; NaN or infinite when an element is.
    public let norm: Double
    /// All elements, for tensors of at most `GradientSummary.valueLimit` elements.
    public let values: [Double]?

    /// Tensors up to this many elements show their values.
    public static let valueLimit = 4

    /// Summarises `tensor`.
    public init(_ tensor: Tensor) {
        let elements = tensor.doubleValues()
        var sumOfSquares = 0.0
        var largest = 0.0
        for x in elements { largest = Swift.max(largest, Swift.abs(x)) }
        // Scaling by the largest element keeps huge or tiny gradients from overflowing.
        if largest.isFinite, largest > 0 {
            for x in elements { let r = x / largest; sumOfSquares += r * r }
            norm = largest * sumOfSquares.squareRoot()
        } else {
            norm = elements.contains { $0.isNaN } ? .nan : largest
        }
        shape = tensor.shape
        values = elements.count <= Self.valueLimit ? elements : nil
    }

    /// Creates a summary from its parts.
    public init(shape: [Int], norm: Double, values: [Double]?) {
        self.shape = shape
        self.norm = norm
        self.values = values
    }
}

/// Listens to a `BackwardPlan` and remembers what the pictures need: which nodes ran, which
/// one is running, the gradient sent along every edge and what each node received.
///
/// Nodes are kept alive while recorded, so their identities cannot be reused by new nodes.
public final class GradientFlowRecorder {
    /// A node's edge by the node's identity and the edge's index in `nextEdges`.
    public struct EdgeKey: Hashable, Sendable {
        let node: ObjectIdentifier
        let edgeIndex: Int
    }

    /// Gradients sent along each edge; nil values mark edges that received no gradient.
    public private(set) var edgeGradients: [EdgeKey: GradientSummary?] = [:]
    /// The gradients each node received (summed over fan-in), by input position.
    public private(set) var receivedGradients: [ObjectIdentifier: [GradientSummary?]] = [:]
    /// A leaf's `.grad` after each accumulation, by the leaf tensor's identity.
    public private(set) var leafGradients: [ObjectIdentifier: GradientSummary] = [:]
    /// Nodes in the order they finished running.
    public private(set) var ranNodes: [Node] = []
    /// The node that received its gradients and has not finished yet.
    public private(set) var runningNode: Node?
    private var ranSet: Set<ObjectIdentifier> = []
    private var kept: [Tensor] = []

    /// Creates an empty recorder.
    public init() {}

    /// Subscribes to `plan`'s events, passing them on to the observer it already had.
    public func attach(to plan: BackwardPlan) {
        let previous = plan.observer
        plan.observer = { [self] event in
            record(event)
            previous?(event)
        }
    }

    /// Records one event; call it from an observer that the caller installed itself.
    public func record(_ event: BackwardEvent) {
        switch event {
        case .nodeReady(let node, let grads):
            runningNode = node
            receivedGradients[ObjectIdentifier(node)] = grads.map { $0.map(GradientSummary.init) }
        case .nodeRan(let node, let outputs):
            for (index, output) in outputs.enumerated() {
                edgeGradients[EdgeKey(node: ObjectIdentifier(node), edgeIndex: index)] = .some(output.grad.map(GradientSummary.init))
            }
            if ranSet.insert(ObjectIdentifier(node)).inserted { ranNodes.append(node) }
            if runningNode === node { runningNode = nil }
        case .gradAccumulated(let tensor, _, let after):
            leafGradients[ObjectIdentifier(tensor)] = GradientSummary(after)
            kept.append(tensor)
        }
    }

    /// True once `node` finished running.
    public func hasRun(_ node: Node) -> Bool {
        ranSet.contains(ObjectIdentifier(node))
    }

    /// The gradient `node` sent along its edge `edgeIndex`: nil when it has not run,
    /// `.some(nil)` when it ran and sent nothing there.
    public func gradient(sentBy node: Node, edgeIndex: Int) -> GradientSummary?? {
        edgeGradients[EdgeKey(node: ObjectIdentifier(node), edgeIndex: edgeIndex)]
    }

    /// The gradient `node` received at input `inputNr`, once it became ready.
    public func gradient(receivedBy node: Node, inputNr: Int) -> GradientSummary? {
        guard let grads = receivedGradients[ObjectIdentifier(node)], inputNr < grads.count else { return nil }
        return grads[inputNr]
    }

    /// The last recorded `.grad` of a leaf tensor.
    public func leafGradient(of tensor: Tensor) -> GradientSummary? {
        leafGradients[ObjectIdentifier(tensor)]
    }
}
