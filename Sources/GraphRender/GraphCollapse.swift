/// Which module clusters a large graph draws as single boxes.
///
/// Within the budget nothing collapses. Above it, modules whose contents repeat (the same
/// operations and parameter shapes, as in `layers.0` ... `layers.11`) each become one box
/// with a count of what they hold; if the graph is still over the budget, every outermost
/// module collapses the same way.
struct GraphCollapse {
    /// A collapsed module and the vertices it stands for.
    struct Group {
        /// The module path, e.g. `layers.3`.
        let path: String
        /// Indices of the vertices inside.
        let members: [Int]
        /// Stable DOT identifier of the box.
        let id: String
        /// How many operations and parameters it holds.
        let operationCount: Int
        let leafCount: Int
    }

    /// Collapsed modules in the order of their first vertex.
    private(set) var groups: [Group] = []
    /// The group of each collapsed vertex.
    private(set) var groupOfVertex: [Int: Int] = [:]

    init(graph: AutogradGraph, budget: Int) {
        guard graph.vertices.count > budget else { return }
        var membersByPath: [String: [Int]] = [:]
        var pathOrder: [String] = []
        for (index, vertex) in graph.vertices.enumerated() {
            guard let module = vertex.module else { continue }
            // A vertex belongs to its module and to every enclosing one.
            var prefix = ""
            for part in module.split(separator: ".") {
                prefix = prefix.isEmpty ? String(part) : prefix + "." + part
                if membersByPath[prefix] == nil { pathOrder.append(prefix) }
                membersByPath[prefix, default: []].append(index)
            }
        }
        var signatureCounts: [String: Int] = [:]
        var signatures: [String: String] = [:]
        for path in pathOrder {
            let signature = Self.signature(of: membersByPath[path] ?? [], in: graph)
            signatures[path] = signature
            signatureCounts[signature, default: 0] += 1
        }
        // First pass: repeated blocks, outermost first so a repeated layer swallows its parts.
        var chosen = pathOrder.filter { path in
            (signatureCounts[signatures[path] ?? ""] ?? 0) > 1
        }
        chosen = Self.outermost(chosen)
        let remaining = graph.vertices.count - chosen.reduce(0) { $0 + (membersByPath[$1]?.count ?? 0) - 1 }
        if remaining > budget {
            chosen = Self.outermost(chosen + pathOrder.filter { !$0.contains(".") })
        }
        for path in pathOrder where chosen.contains(path) {
            let members = membersByPath[path] ?? []
            let groupIndex = groups.count
            for member in members { groupOfVertex[member] = groupIndex }
            groups.append(Group(path: path, members: members, id: "module\(groupIndex)",
                                operationCount: members.filter { graph.vertices[$0].kind == .operation }.count,
                                leafCount: members.filter { graph.vertices[$0].kind == .leaf }.count))
        }
    }

    /// The group holding vertex `index`, if collapsed.
    func group(of index: Int) -> Group? {
        groupOfVertex[index].map { groups[$0] }
    }

    /// What a module holds, independent of its name: operation names and leaf shapes.
    private static func signature(of members: [Int], in graph: AutogradGraph) -> String {
        members.map { index -> String in
            let vertex = graph.vertices[index]
            return (vertex.nodeName ?? "") + (vertex.kind == .leaf ? NumberText.shape(vertex.shape ?? []) : "")
        }.sorted().joined(separator: ";")
    }

    /// Paths not inside another path of the list.
    private static func outermost(_ paths: [String]) -> [String] {
        paths.filter { path in
            !paths.contains { other in other != path && path.hasPrefix(other + ".") }
        }
    }
}
