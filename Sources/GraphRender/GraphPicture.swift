import Autograd

/// The heading of a picture: which lesson, which line, which phase of training.
public struct GraphTitle: Equatable, Sendable {
    /// The lesson or script, e.g. `03_mlp.py`.
    public var lesson: String?
    /// The script line the picture was taken at.
    public var line: Int?
    /// The phase, e.g. `forward`, `backward`, `after backward`.
    public var phase: String?
    /// Further words shown under the heading.
    public var note: String?

    /// Creates a title.
    public init(lesson: String? = nil, line: Int? = nil, phase: String? = nil, note: String? = nil) {
        self.lesson = lesson
        self.line = line
        self.phase = phase
        self.note = note
    }

    /// `lesson · line 12 · phase`, or a generic heading when nothing is known.
    var heading: String {
        var parts: [String] = []
        if let lesson { parts.append(lesson) }
        if let line { parts.append("line \(line)") }
        if let phase { parts.append(phase) }
        return parts.isEmpty ? "autograd graph" : parts.joined(separator: " · ")
    }
}

/// What to draw besides the graph itself.
public struct GraphPictureOptions {
    /// The heading.
    public var title: GraphTitle
    /// Draws each node's `_saved_*` values as a small side box.
    public var showSaved: Bool
    /// Draws micrograd-style `data | grad` records; nil decides by itself (small graphs whose
    /// tensors are all single numbers).
    public var forwardValues: Bool?
    /// The gradients that flowed so far; nil draws the graph alone.
    public var flow: GradientFlowRecorder?
    /// The node to highlight (where the debugger stands); defaults to the flow's running node.
    public var current: Node?
    /// Above this many boxes, repeated module blocks collapse and SVG becomes the default.
    public var nodeBudget: Int

    /// Creates options.
    public init(title: GraphTitle = GraphTitle(), showSaved: Bool = false, forwardValues: Bool? = nil,
                flow: GradientFlowRecorder? = nil, current: Node? = nil, nodeBudget: Int = 120) {
        self.title = title
        self.showSaved = showSaved
        self.forwardValues = forwardValues
        self.flow = flow
        self.current = current
        self.nodeBudget = nodeBudget
    }
}

/// An autograd graph turned into DOT, with the format it reads best in.
public struct GraphPicture {
    /// The DOT graph.
    public let dot: DOTGraph
    /// How many boxes the graph has before any collapsing.
    public let vertexCount: Int
    /// Module paths drawn as one box because the graph was over the budget.
    public let collapsedModules: [String]
    /// PNG for graphs within the budget; SVG above it, since large bitmaps get capped.
    public let preferredFormat: GraphImageFormat

    /// Builds the picture of `graph`.
    public init(_ graph: AutogradGraph, options: GraphPictureOptions = GraphPictureOptions()) {
        var builder = GraphPictureBuilder(graph: graph, options: options)
        dot = builder.build()
        vertexCount = graph.vertices.count
        collapsedModules = builder.collapse.groups.map(\.path)
        preferredFormat = graph.vertices.count > options.nodeBudget ? .svg : .png
    }

    /// Extracts the graph from `roots` and builds its picture.
    public init(roots: [Tensor], names: GraphNames = GraphNames(), options: GraphPictureOptions = GraphPictureOptions()) {
        self.init(AutogradGraph(roots: roots, names: names), options: options)
    }

    /// The DOT text.
    public var dotText: String { dot.dotText }

    /// Renders the picture as `format` (the preferred one when nil).
    public func render(as format: GraphImageFormat? = nil) throws(GraphRenderError) -> [UInt8] {
        try GraphvizRenderer.render(dot: dot.dotText, format: format ?? preferredFormat)
    }

    /// Renders the picture to `path` atomically, creating parent folders.
    public func write(toPath path: String, as format: GraphImageFormat? = nil) throws(GraphRenderError) {
        try GraphvizRenderer.render(dot: dot.dotText, format: format ?? preferredFormat, toPath: path)
    }
}

/// Where a node stands in a backward pass that is being drawn.
enum NodeProgress {
    /// Finished running.
    case ran
    /// The highlighted node.
    case current
    /// Every gradient it waits for has arrived; it runs when its turn comes.
    case ready
    /// Some of its gradients have arrived.
    case waiting
    /// No gradient has reached it yet.
    case unreached
}

/// Turns an `AutogradGraph` into a `DOTGraph`: vertices, side boxes, clusters, edges, title
/// and legend. Split over several files by concern.
struct GraphPictureBuilder {
    let graph: AutogradGraph
    let options: GraphPictureOptions
    let valuesMode: Bool
    let collapse: GraphCollapse
    let senders: [[Int]]
    /// Operations that are the `grad_fn` of an output (their value is the output's box).
    let outputFunctions: Set<Int>
    /// Statements per cluster path ("" for the top level).
    var bodies: [String: DOTBody] = [:]
    /// Cluster paths in first-use order, so output is stable.
    var clusterOrder: [String] = []
    /// Edges, written at the top level after all nodes.
    var edges: [DOTEdge] = []
    /// Boxes nothing hangs under (leaves, inputs, collapsed modules) and their depths: the
    /// legend goes below the deepest of them.
    var bottomIDs: [(id: String, depth: Int)] = []
    /// Each vertex's longest distance from an output, in links.
    let depths: [Int]

    init(graph: AutogradGraph, options: GraphPictureOptions) {
        self.graph = graph
        self.options = options
        valuesMode = options.forwardValues ?? Self.looksScalar(graph)
        collapse = GraphCollapse(graph: graph, budget: options.nodeBudget)
        senders = graph.senders
        outputFunctions = Set(graph.links.filter { graph.vertices[$0.from].kind == .output }.map(\.to))
        depths = Self.depths(graph)
    }

    /// Longest paths from the outputs. Vertices come in an order where every sender precedes
    /// what it sends to (outputs, operations in run order, then sinks), and links follow
    /// their senders, so one pass over the links suffices.
    static func depths(_ graph: AutogradGraph) -> [Int] {
        var depths = [Int](repeating: 0, count: graph.vertices.count)
        for link in graph.links where depths.indices.contains(link.from) && depths.indices.contains(link.to) {
            depths[link.to] = max(depths[link.to], depths[link.from] + 1)
        }
        return depths
    }

    /// Small graphs of single numbers read best as micrograd's records.
    static func looksScalar(_ graph: AutogradGraph) -> Bool {
        guard graph.vertices.count <= 60 else { return false }
        return graph.vertices.allSatisfy { vertex in
            switch vertex.kind {
            case .output, .leaf: return (vertex.shape ?? []).reduce(1, *) == 1
            case .operation, .noGradInput: return vertex.shape.map { $0.reduce(1, *) == 1 } ?? true
            }
        }
    }

    /// The highlighted node, if any.
    var currentNode: Node? { options.current ?? options.flow?.runningNode }

    /// The progress of a vertex's node, nil when no flow is drawn or it has no node.
    func progress(of index: Int) -> NodeProgress? {
        guard let flow = options.flow, let node = graph.vertices[index].node else { return nil }
        if let currentNode, currentNode === node { return .current }
        if flow.hasRun(node) { return .ran }
        var arrived = 0
        for sender in senders[index] {
            let vertex = graph.vertices[sender]
            if vertex.kind == .output || vertex.node.map(flow.hasRun) == true { arrived += 1 }
        }
        if arrived == 0 { return .unreached }
        return arrived == senders[index].count ? .ready : .waiting
    }

    mutating func build() -> DOTGraph {
        var dot = DOTGraph(name: "autograd")
        dot.attributes = [
            "rankdir": "TB", "fontname": "Helvetica", "fontsize": "13", "nodesep": "0.35", "ranksep": "0.45",
            "labelloc": "t", "labeljust": "c", "bgcolor": "white", "pad": "0.3", "newrank": "true",
        ]
        dot.attributes["label"] = .html(titleLabel())
        dot.body.nodeDefaults = [
            "fontname": "Helvetica", "fontsize": "11", "shape": "box", "style": "rounded,filled",
            "fillcolor": "#eeeeee", "color": "#666666", "margin": "0.12,0.06", "height": "0.35",
        ]
        dot.body.edgeDefaults = [
            "fontname": "Helvetica", "fontsize": "9", "color": "#555555", "arrowsize": "0.7", "fontcolor": "#333333",
        ]
        addVertices()
        addLegend()
        placeEdgeLabelsOutsideLayoutIfLarge()
        dot.body.nodes = bodies[""]?.nodes ?? []
        dot.body.subgraphs = (bodies[""]?.subgraphs ?? []) + nestedClusters(under: "")
        dot.body.edges = edges
        return dot
    }

    /// Adds `node` to the cluster of `module` (the top level for nil).
    mutating func place(_ node: DOTNode, in module: String?) {
        let path = module ?? ""
        if bodies[path] == nil {
            bodies[path] = DOTBody()
            // Register parents too, so nested modules appear inside their parents.
            var prefix = ""
            for part in path.split(separator: ".", omittingEmptySubsequences: false) {
                prefix = prefix.isEmpty ? String(part) : prefix + "." + part
                if !clusterOrder.contains(prefix) { clusterOrder.append(prefix) }
            }
        }
        bodies[path, default: DOTBody()].nodes.append(node)
    }

    /// Adds a rank constraint inside the cluster of `module`.
    mutating func sameRank(_ ids: [String], in module: String?) {
        bodies[module ?? "", default: DOTBody()].addRank(.same, ids)
    }

    /// The clusters directly under `parent`, each holding its own nested clusters.
    func nestedClusters(under parent: String) -> [DOTSubgraph] {
        clusterOrder.filter { path in
            guard path != parent else { return false }
            if parent.isEmpty { return !path.contains(".") }
            guard path.hasPrefix(parent + ".") else { return false }
            return !path.dropFirst(parent.count + 1).contains(".")
        }.map { path in
            var body = bodies[path] ?? DOTBody()
            body.attributes = [
                "label": .label(path), "style": "rounded,filled", "fillcolor": "#f4f6fb", "color": "#8a94b8",
                "fontname": "Helvetica", "fontsize": "11", "fontcolor": "#3b4a7a", "labeljust": "l",
            ]
            body.subgraphs += nestedClusters(under: path)
            return DOTSubgraph(name: path, isCluster: true, body: body)
        }
    }
}
