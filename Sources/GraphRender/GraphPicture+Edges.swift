import Autograd

extension GraphPictureBuilder {
    /// Adds one edge per gradient path, in the graph's order; paths into or out of a
    /// collapsed module merge into one edge that counts them.
    mutating func addLinks(entryIDs: [Int: String]) {
        var mergedIndex: [String: Int] = [:]
        var mergedCounts: [Int: Int] = [:]
        for link in graph.links {
            let fromGroup = collapse.group(of: link.from)
            let toGroup = collapse.group(of: link.to)
            if let fromGroup, let toGroup, fromGroup.id == toGroup.id { continue }
            let from = fromGroup?.id ?? graph.vertices[link.from].id
            let to = toGroup?.id ?? entryIDs[link.to] ?? graph.vertices[link.to].id
            if fromGroup != nil || toGroup != nil {
                let key = from + "\u{0}" + to
                if let existing = mergedIndex[key] {
                    mergedCounts[existing, default: 1] += 1
                    continue
                }
                mergedIndex[key] = edges.count
                edges.append(DOTEdge(from: from, to: to, ["color": .string(GraphPalette.moduleBorder)]))
                continue
            }
            edges.append(DOTEdge(from: from, to: to, linkAttributes(link)))
        }
        for (index, count) in mergedCounts.sorted(by: { $0.key < $1.key }) {
            edges[index].attributes["label"] = .label("×\(count)")
            edges[index].attributes["penwidth"] = "2"
        }
    }

    /// Above this many boxes, edge labels are placed after layout (`xlabel`) instead of in it.
    /// A `label` makes dot double the ranks and give every edge a label node, and positioning
    /// that graph (network simplex, whose initial tree is quadratic in Graphviz 2.42) grows
    /// fastest of all phases: 2000 boxes with gradient labels take 4.7 s as labels, 1.3 s as
    /// external labels. Below it, labels inside the layout get room and read better.
    static let externalEdgeLabelsAbove = 1000

    /// Turns every edge `label` into an `xlabel` when the picture has more boxes than
    /// `externalEdgeLabelsAbove`.
    mutating func placeEdgeLabelsOutsideLayoutIfLarge() {
        let boxes = bodies.values.reduce(0) { $0 + $1.nodes.count }
        guard boxes > Self.externalEdgeLabelsAbove else { return }
        for index in edges.indices {
            if let label = edges[index].attributes.removeValue(forKey: "label") {
                edges[index].attributes["xlabel"] = label
            }
        }
    }

    /// Style and label of one gradient path.
    func linkAttributes(_ link: AutogradGraph.Link) -> DOTAttributes {
        let receiver = graph.vertices[link.to]
        if receiver.kind == .noGradInput {
            // An external label: one `label` on any edge makes dot double every rank of the graph,
            // which for a forward picture with no other labels only costs layout time.
            return ["style": "dashed", "color": .string(GraphPalette.inputBorder), "arrowhead": "tee",
                    "xlabel": .label("no grad"), "fontcolor": .string(GraphPalette.inputText)]
        }
        guard let flow = options.flow else { return [:] }
        let sent: GradientSummary??
        if let edgeIndex = link.edgeIndex, let sender = graph.vertices[link.from].node {
            sent = flow.gradient(sentBy: sender, edgeIndex: edgeIndex)
        } else if let receiverNode = receiver.node, let seed = flow.gradient(receivedBy: receiverNode, inputNr: link.inputNr) {
            sent = .some(seed)
        } else {
            sent = nil
        }
        switch sent {
        case nil:
            // Not yet sent: faint, so the part of the graph still to come recedes.
            return ["color": "#c8c8c8", "style": "dotted"]
        case .some(nil):
            return ["color": .string(GradientScale.noGradientColor), "style": "dashed", "label": .label("None"),
                    "fontcolor": .string(GradientScale.noGradientColor)]
        case .some(.some(let gradient)):
            return gradientAttributes(gradient)
        }
    }

    /// Colour, width and label for a gradient that crossed an edge.
    func gradientAttributes(_ gradient: GradientSummary) -> DOTAttributes {
        let color = GradientScale.color(gradient.norm)
        var attributes: DOTAttributes = [
            "color": .string(color), "penwidth": .string(GradientScale.penWidth(gradient.norm)),
            "fontcolor": .string(color),
        ]
        var lines: [String] = []
        if !valuesMode {
            if gradient.shape.isEmpty, let value = gradient.values?.first {
                lines.append(NumberText.value(value))
            } else {
                lines.append(NumberText.shape(gradient.shape) + " ‖g‖=" + NumberText.norm(gradient.norm))
                if let values = gradient.values { lines.append(NumberText.values(values)) }
            }
        }
        switch GradientScale.band(gradient.norm) {
        case .vanishing:
            lines.append("vanishing")
            attributes["style"] = "dashed"
        case .exploding:
            lines.append("exploding")
            attributes["style"] = "bold"
        case .normal:
            break
        }
        // Leading spaces keep a thick edge from covering the label's first characters.
        if !lines.isEmpty { attributes["label"] = .label(lines.map { "  " + $0 }.joined(separator: "\n")) }
        return attributes
    }
}
