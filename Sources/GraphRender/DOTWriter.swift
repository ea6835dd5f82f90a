extension DOTGraph {
    /// The graph as DOT text. The same graph always gives the same text: statements keep
    /// the order they were added, attributes are sorted by name, identifiers are quoted.
    public var dotText: String {
        var writer = DOTWriter()
        writer.line((isStrict ? "strict " : "") + "digraph \(DOTEscaping.quoted(name)) {")
        writer.body(body, depth: 1)
        writer.line("}")
        return writer.text
    }
}

/// Accumulates DOT text line by line with two-space indentation.
private struct DOTWriter {
    private(set) var text = ""

    mutating func line(_ content: String, depth: Int = 0) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    /// Writes a body in a fixed order: defaults, rank, nodes, subgraphs, then edges, so that
    /// nodes are declared inside their clusters before any edge mentions them.
    mutating func body(_ body: DOTBody, depth: Int, rank: DOTRank? = nil) {
        if !body.attributes.isEmpty {
            line("graph \(attributeList(body.attributes));", depth: depth)
        }
        if !body.nodeDefaults.isEmpty {
            line("node \(attributeList(body.nodeDefaults));", depth: depth)
        }
        if !body.edgeDefaults.isEmpty {
            line("edge \(attributeList(body.edgeDefaults));", depth: depth)
        }
        if let rank {
            line("rank=\(DOTEscaping.quoted(rank.rawValue));", depth: depth)
        }
        for node in body.nodes {
            let attributes = node.attributes.isEmpty ? "" : " " + attributeList(node.attributes)
            line(DOTEscaping.quoted(node.id) + attributes + ";", depth: depth)
        }
        for subgraph in body.subgraphs {
            if let name = subgraph.writtenName {
                line("subgraph \(DOTEscaping.quoted(name)) {", depth: depth)
            } else {
                line("{", depth: depth)
            }
            self.body(subgraph.body, depth: depth + 1, rank: subgraph.rank)
            line("}", depth: depth)
        }
        for edge in body.edges {
            let tail = endpoint(edge.from, port: edge.fromPort)
            let head = endpoint(edge.to, port: edge.toPort)
            let attributes = edge.attributes.isEmpty ? "" : " " + attributeList(edge.attributes)
            line("\(tail) -> \(head)\(attributes);", depth: depth)
        }
    }

    private func endpoint(_ id: String, port: String?) -> String {
        guard let port else { return DOTEscaping.quoted(id) }
        return DOTEscaping.quoted(id) + ":" + DOTEscaping.quoted(port)
    }

    private func attributeList(_ attributes: DOTAttributes) -> String {
        let items = attributes.keys.sorted().compactMap { key -> String? in
            guard let value = attributes[key] else { return nil }
            return DOTEscaping.attributeName(key) + "=" + value.dotText
        }
        return "[" + items.joined(separator: ", ") + "]"
    }
}
