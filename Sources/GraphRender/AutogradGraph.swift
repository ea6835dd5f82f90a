import Autograd

/// A backward graph as a picture sees it: the output tensors, the `grad_fn` nodes reachable
/// from them, the leaves their gradients reach and the inputs that needed no gradient.
///
/// Identifiers come from sequence numbers, never from addresses: operations are numbered in
/// the order backward runs them (highest sequence number first), and leaves and no-grad
/// inputs in the order they are first met from there. The same graph therefore always gives
/// the same identifiers, and the same DOT text byte for byte.
public struct AutogradGraph {
    /// What a vertex stands for.
    public enum VertexKind: String, Equatable, Sendable {
        /// A tensor backward starts from (the loss).
        case output
        /// A backward node such as `AddmmBackward0`.
        case operation
        /// An `AccumulateGrad` sink, i.e. a leaf tensor that requires grad (a parameter).
        case leaf
        /// A forward input that needed no gradient, so its edge leads nowhere.
        case noGradInput
    }

    /// A saved value of a backward node, as `_saved_<name>` and a short description.
    public struct SavedEntry: Equatable, Sendable {
        /// The attribute name, e.g. `_saved_self`.
        public let name: String
        /// A shape such as `(2, 3)`, a number, or why the tensor is gone.
        public let text: String
    }

    /// One box of the picture.
    public struct Vertex {
        /// Stable DOT identifier, e.g. `op0`, `leaf2`.
        public let id: String
        /// What the vertex stands for.
        public let kind: VertexKind
        /// The backward node's class name for operations and leaves (`AccumulateGrad`).
        public let nodeName: String?
        /// The caller's name for the tensor: a parameter, the loss, a named intermediate output.
        public let tensorName: String?
        /// The tensor's shape when known.
        public let shape: [Int]?
        /// Module path (`fc1`) whose cluster holds the vertex.
        public internal(set) var module: String?
        /// The backward node (operations and leaves).
        public let node: Node?
        /// The tensor shown: an output, a leaf's variable, an operation's named output.
        public let tensor: Tensor?
        /// Saved values of an operation, in the node's order.
        public let saved: [SavedEntry]
    }

    /// A gradient path: from `from` (which sends the gradient) to `to` (which receives it).
    public struct Link: Equatable, Sendable {
        /// Index of the sending vertex.
        public let from: Int
        /// Index of the receiving vertex.
        public let to: Int
        /// Index into the sending node's `nextEdges`; nil for an output's link to its `grad_fn`.
        public let edgeIndex: Int?
        /// Which input of the receiving node the gradient fills.
        public let inputNr: Int
    }

    /// Every vertex: outputs, then operations in run order, then leaves, then no-grad inputs.
    public private(set) var vertices: [Vertex] = []
    /// Every gradient path, in the order of the senders and their edges.
    public private(set) var links: [Link] = []
    /// The output tensors backward starts from.
    public let roots: [Tensor]
    private var indexByNode: [ObjectIdentifier: Int] = [:]

    /// Extracts the graph reachable from `roots`, naming tensors and modules through `names`.
    public init(roots: [Tensor], names: GraphNames = GraphNames()) {
        self.roots = roots
        let operations = Self.reachableOperations(from: roots)
        let namedOutputs = names.namedOutputs()

        for (k, root) in roots.enumerated() {
            vertices.append(Vertex(id: "out\(k)", kind: .output, nodeName: nil,
                                   tensorName: names.name(of: root) ?? (roots.count == 1 ? "output" : "output \(k)"),
                                   shape: root.shape, module: nil, node: nil, tensor: root, saved: []))
        }
        for (k, node) in operations.enumerated() {
            let output = namedOutputs[ObjectIdentifier(node)]?.min { $0.outputNr < $1.outputNr }
            indexByNode[ObjectIdentifier(node)] = vertices.count
            vertices.append(Vertex(id: "op\(k)", kind: .operation, nodeName: node.name, tensorName: output?.name,
                                   shape: output?.tensor.shape, module: names.nodeModule?(node), node: node,
                                   tensor: output?.tensor, saved: Self.savedEntries(of: node)))
        }
        for (k, root) in roots.enumerated() {
            if let fn = root.gradFn, let target = indexByNode[ObjectIdentifier(fn)] {
                links.append(Link(from: k, to: target, edgeIndex: nil, inputNr: root.outputNr))
            }
        }
        addEdgesOfOperations(operations, names: names)
        if names.inferNodeModules { inferModules(operations) }
    }

    /// The vertex index of a backward node in this graph.
    public func index(of node: Node) -> Int? {
        indexByNode[ObjectIdentifier(node)]
    }

    /// Indices of the vertices sending gradients to each vertex.
    public var senders: [[Int]] {
        var result = Array(repeating: [Int](), count: vertices.count)
        for link in links where !result[link.to].contains(link.from) { result[link.to].append(link.from) }
        return result
    }

    /// Backward nodes other than leaves reachable from the roots, highest sequence number first.
    private static func reachableOperations(from roots: [Tensor]) -> [Node] {
        var seen = Set<ObjectIdentifier>()
        var stack = roots.compactMap(\.gradFn)
        var found: [Node] = []
        while let node = stack.popLast() {
            guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
            if !(node is AccumulateGrad) { found.append(node) }
            for edge in node.nextEdges { if let next = edge.node { stack.append(next) } }
        }
        return found.sorted { $0.sequenceNr > $1.sequenceNr }
    }

    /// Adds leaves, no-grad inputs and the links out of every operation.
    private mutating func addEdgesOfOperations(_ operations: [Node], names: GraphNames) {
        var leafCount = 0
        var inputCount = 0
        for node in operations {
            guard let from = indexByNode[ObjectIdentifier(node)] else { continue }
            var usedAliases: Set<String> = []
            for (edgeIndex, edge) in node.nextEdges.enumerated() {
                let to: Int
                if let next = edge.node {
                    if let known = indexByNode[ObjectIdentifier(next)] {
                        to = known
                    } else if let sink = next as? AccumulateGrad {
                        to = vertices.count
                        indexByNode[ObjectIdentifier(sink)] = to
                        let variable = sink.variable
                        vertices.append(Vertex(id: "leaf\(leafCount)", kind: .leaf, nodeName: sink.name,
                                               tensorName: names.name(of: variable), shape: variable.shape,
                                               module: names.module(ofLeaf: variable), node: sink, tensor: variable,
                                               saved: []))
                        leafCount += 1
                    } else {
                        continue
                    }
                } else {
                    let input = Self.noGradInput(of: node, names: names, excluding: &usedAliases)
                    to = vertices.count
                    vertices.append(Vertex(id: "in\(inputCount)", kind: .noGradInput, nodeName: nil,
                                           tensorName: input?.name, shape: input?.shape, module: nil, node: nil,
                                           tensor: nil, saved: []))
                    inputCount += 1
                }
                links.append(Link(from: from, to: to, edgeIndex: edgeIndex, inputNr: edge.inputNr))
            }
        }
    }

    /// A named tensor without grad that `node` saved, standing for one of its no-grad inputs.
    private static func noGradInput(of node: Node, names: GraphNames,
                                    excluding used: inout Set<String>) -> (name: String, shape: [Int])? {
        for (savedName, value) in node.saved where !used.contains(savedName) {
            guard case .tensor = value, let alias = try? node.savedTensor(savedName),
                  let name = names.nameOfNoGradTensor(aliasedBy: alias) else { continue }
            used.insert(savedName)
            return (name, alias.shape)
        }
        return nil
    }

    /// The `_saved_*` values of a node, described briefly.
    private static func savedEntries(of node: Node) -> [SavedEntry] {
        node.saved.map { name, value in
            let text: String
            switch value {
            case .tensor:
                if let t = try? node.savedTensor(name) {
                    text = NumberText.shape(t.shape)
                } else {
                    text = node.savedReleased ? "freed" : "changed in place"
                }
            case .tensors(let list): text = "\(list.count) tensors"
            case .int(let v): text = String(v)
            case .ints(let v): text = NumberText.shape(v)
            case .double(let v): text = NumberText.value(v)
            case .scalar(let v): text = v.description
            case .bool(let v): text = v ? "True" : "False"
            case .string(let v): text = v
            case .none, .noTensor: text = "None"
            }
            return SavedEntry(name: "_saved_" + name, text: text)
        }
    }

    /// Gives module-less operations the module of their parameters: an operation joins module
    /// `M` when its leaf inputs with a module (directly, or through a transpose or view that
    /// joined `M` this way) all belong to `M`. Activations between layers have no such inputs
    /// and stay outside. Inputs are numbered before their users, so one pass suffices.
    private mutating func inferModules(_ operations: [Node]) {
        var receivers = Array(repeating: [Int](), count: vertices.count)
        for link in links { receivers[link.from].append(link.to) }
        var inferredFromParameters = Set<Int>()
        for node in operations.reversed() {
            guard let index = indexByNode[ObjectIdentifier(node)], vertices[index].module == nil else { continue }
            let parameterModules = Set(receivers[index].compactMap { receiver -> String? in
                let vertex = vertices[receiver]
                let isParameterLike = vertex.kind == .leaf || inferredFromParameters.contains(receiver)
                return isParameterLike ? vertex.module : nil
            })
            if parameterModules.count == 1 {
                vertices[index].module = parameterModules.first
                // Only single-input wrappers of a parameter (`TBackward0` of a weight) pass it on.
                if receivers[index].count == 1 { inferredFromParameters.insert(index) }
            }
        }
    }
}
