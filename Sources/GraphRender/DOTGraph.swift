/// An attribute value, which decides how the value is escaped when written.
public enum DOTValue: Equatable, Sendable, ExpressibleByStringLiteral {
    /// A plain quoted string for attributes that are not labels: colors, shapes, numbers ...
    case string(String)
    /// Label text shown exactly as given; newlines start new lines.
    case label(String, DOTEscaping.LineJustification = .center)
    /// An HTML-like label, written between `<` and `>`.
    case html(DOTHTML)
    /// Tooltip (or URL) text, shown as given.
    case tooltip(String)

    /// A plain string value, so attributes can be written as `["shape": "box"]`.
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    /// The value as it appears after `=` in DOT text.
    public var dotText: String {
        switch self {
        case .string(let text): return DOTEscaping.quoted(text)
        case .label(let text, let justification): return DOTEscaping.quotedLabel(text, justification: justification)
        case .html(let html): return "<\(html.dotText)>"
        case .tooltip(let text): return DOTEscaping.quotedTooltip(text)
        }
    }
}

/// Attributes of a graph, node or edge. Written sorted by name, so output does not depend
/// on insertion order or dictionary hashing.
public typealias DOTAttributes = [String: DOTValue]

/// A node statement: `"id" [attributes]`. A node with no attributes inside a subgraph just
/// places an already declared node there.
public struct DOTNode: Equatable, Sendable {
    /// The node's identifier; any text, always written quoted.
    public var id: String
    /// The node's own attributes.
    public var attributes: DOTAttributes

    /// Creates a node statement.
    public init(_ id: String, _ attributes: DOTAttributes = [:]) {
        self.id = id
        self.attributes = attributes
    }
}

/// An edge statement `"from":port -> "to":port [attributes]`.
public struct DOTEdge: Equatable, Sendable {
    /// The tail node's identifier.
    public var from: String
    /// The head node's identifier.
    public var to: String
    /// A port on the tail node (an HTML cell's `PORT` or a compass point), if any.
    public var fromPort: String?
    /// A port on the head node, if any.
    public var toPort: String?
    /// The edge's own attributes.
    public var attributes: DOTAttributes

    /// Creates an edge statement.
    public init(from: String, to: String, fromPort: String? = nil, toPort: String? = nil,
                _ attributes: DOTAttributes = [:]) {
        self.from = from
        self.to = to
        self.fromPort = fromPort
        self.toPort = toPort
        self.attributes = attributes
    }
}

/// The `rank` constraint of a subgraph, which lines its nodes up in the layout.
public enum DOTRank: String, Sendable {
    /// All nodes on the same rank.
    case same
    /// On the minimum rank (or one of them).
    case min
    /// On the maximum rank (or one of them).
    case max
    /// Alone on the minimum rank.
    case source
    /// Alone on the maximum rank.
    case sink
}

/// Statements shared by a graph and its subgraphs.
public struct DOTBody: Equatable, Sendable {
    /// Attributes of the (sub)graph itself, e.g. `rankdir`, a cluster's `label`.
    public var attributes: DOTAttributes = [:]
    /// Defaults for nodes declared inside, written `node [...]`.
    public var nodeDefaults: DOTAttributes = [:]
    /// Defaults for edges declared inside, written `edge [...]`.
    public var edgeDefaults: DOTAttributes = [:]
    /// Node statements in the order they were added.
    public var nodes: [DOTNode] = []
    /// Nested subgraphs and clusters in the order they were added.
    public var subgraphs: [DOTSubgraph] = []
    /// Edge statements in the order they were added.
    public var edges: [DOTEdge] = []

    /// Creates an empty body.
    public init() {}

    /// Adds a node statement.
    public mutating func addNode(_ id: String, _ attributes: DOTAttributes = [:]) {
        nodes.append(DOTNode(id, attributes))
    }

    /// Adds an edge statement.
    public mutating func addEdge(from: String, to: String, fromPort: String? = nil, toPort: String? = nil,
                                 _ attributes: DOTAttributes = [:]) {
        edges.append(DOTEdge(from: from, to: to, fromPort: fromPort, toPort: toPort, attributes))
    }

    /// Adds a subgraph.
    public mutating func addSubgraph(_ subgraph: DOTSubgraph) {
        subgraphs.append(subgraph)
    }

    /// Adds an anonymous subgraph holding `nodeIDs` under a rank constraint.
    public mutating func addRank(_ rank: DOTRank, _ nodeIDs: [String]) {
        var subgraph = DOTSubgraph()
        subgraph.rank = rank
        subgraph.body.nodes = nodeIDs.map { DOTNode($0) }
        subgraphs.append(subgraph)
    }
}

/// A subgraph: a cluster drawn as a box, a rank constraint, or a plain grouping.
public struct DOTSubgraph: Equatable, Sendable {
    /// The subgraph's name; nil writes an anonymous `{ ... }` block.
    public var name: String?
    /// Draws the subgraph as a box; its written name gets the `cluster_` prefix Graphviz needs.
    public var isCluster: Bool
    /// A rank constraint on the subgraph's nodes.
    public var rank: DOTRank?
    /// The statements inside.
    public var body: DOTBody

    /// Creates a subgraph; clusters need a name.
    public init(name: String? = nil, isCluster: Bool = false, rank: DOTRank? = nil, body: DOTBody = DOTBody()) {
        self.name = name
        self.isCluster = isCluster
        self.rank = rank
        self.body = body
    }

    /// A named cluster with the given label and statements.
    public static func cluster(_ name: String, label: String? = nil, body: DOTBody = DOTBody()) -> DOTSubgraph {
        var subgraph = DOTSubgraph(name: name, isCluster: true, body: body)
        if let label { subgraph.body.attributes["label"] = .label(label) }
        return subgraph
    }

    /// The identifier written after `subgraph`, if any.
    var writtenName: String? {
        if isCluster { return "cluster_" + (name ?? "") }
        return name
    }
}

/// A directed graph that writes itself as DOT text, deterministically: statements in the
/// order they were added, attributes sorted by name, identifiers always quoted.
public struct DOTGraph: Equatable, Sendable {
    /// The graph's name, written quoted after `digraph`.
    public var name: String
    /// Writes `strict digraph`, which merges parallel edges.
    public var isStrict: Bool
    /// The top-level statements.
    public var body: DOTBody

    /// Creates an empty graph.
    public init(name: String = "G", isStrict: Bool = false, body: DOTBody = DOTBody()) {
        self.name = name
        self.isStrict = isStrict
        self.body = body
    }

    /// Attributes of the graph itself, e.g. `rankdir`.
    public var attributes: DOTAttributes {
        get { body.attributes }
        set { body.attributes = newValue }
    }

    /// Adds a node statement at the top level.
    public mutating func addNode(_ id: String, _ attributes: DOTAttributes = [:]) {
        body.addNode(id, attributes)
    }

    /// Adds an edge statement at the top level.
    public mutating func addEdge(from: String, to: String, fromPort: String? = nil, toPort: String? = nil,
                                 _ attributes: DOTAttributes = [:]) {
        body.addEdge(from: from, to: to, fromPort: fromPort, toPort: toPort, attributes)
    }

    /// Adds a subgraph at the top level.
    public mutating func addSubgraph(_ subgraph: DOTSubgraph) {
        body.addSubgraph(subgraph)
    }

    /// Adds a rank constraint at the top level.
    public mutating func addRank(_ rank: DOTRank, _ nodeIDs: [String]) {
        body.addRank(rank, nodeIDs)
    }
}

/// Hands out short stable identifiers (`n0`, `n1`, ...) for keys in first-seen order, so
/// DOT text for the same graph is identical from run to run whatever the keys' hashes.
public struct DOTIdentifierAllocator<Key: Hashable> {
    private var assigned: [Key: String] = [:]
    private let prefix: String

    /// Creates an allocator whose identifiers start with `prefix`.
    public init(prefix: String = "n") {
        self.prefix = prefix
    }

    /// The identifier for `key`, assigning the next free one on first sight.
    public mutating func identifier(for key: Key) -> String {
        if let existing = assigned[key] { return existing }
        let fresh = "\(prefix)\(assigned.count)"
        assigned[key] = fresh
        return fresh
    }
}
