import Autograd

extension GraphPictureBuilder {
    /// The heading over the picture: lesson, line and phase, a note, and what the graph holds.
    func titleLabel() -> DOTHTML {
        var parts: [DOTHTML] = [.font(["POINT-SIZE": "16"], .bold(.text(options.title.heading)))]
        if let note = options.title.note { parts += [.lineBreak, .text(note)] }
        parts += [.lineBreak, .font(["POINT-SIZE": "10", "COLOR": GraphPalette.secondaryText], .text(summary()))]
        return .sequence(parts)
    }

    /// `12 operations · 4 parameters · 5 of 16 nodes ran`.
    func summary() -> String {
        let operations = graph.vertices.filter { $0.kind == .operation }.count
        let leaves = graph.vertices.filter { $0.kind == .leaf }.count
        var parts = ["\(operations) operation" + (operations == 1 ? "" : "s"),
                     "\(leaves) leaf tensor" + (leaves == 1 ? "" : "s") + " with grad"]
        if let flow = options.flow {
            let nodes = graph.vertices.filter { $0.node != nil }
            let ran = nodes.filter { $0.node.map(flow.hasRun) == true }.count
            parts.append(ran == nodes.count && ran > 0 ? "backward finished" : "backward: \(ran) of \(nodes.count) nodes ran")
        }
        if !collapse.groups.isEmpty {
            parts.append("\(collapse.groups.count) repeated module" + (collapse.groups.count == 1 ? "" : "s") + " collapsed")
        }
        return parts.joined(separator: " · ")
    }

    /// The legend: a table under the graph explaining boxes, states and edge colours.
    mutating func addLegend() {
        var boxes: [[DOTHTMLCell]] = [[header("boxes")]]
        let hasNoGradInput = graph.vertices.contains { $0.kind == .noGradInput }
        boxes.append(row(GraphPalette.outputFill, valuesMode ? "output: name | data | grad" : "output (the loss) and its value"))
        boxes.append(row(GraphPalette.operationFill, valuesMode ? "operation (grad_fn)" : "grad_fn: backward of an operation"))
        boxes.append(row(GraphPalette.leafFill, "leaf tensor with requires_grad (AccumulateGrad)"))
        if hasNoGradInput { boxes.append(row(GraphPalette.inputFill, "input with requires_grad=False (dashed)")) }
        if options.showSaved { boxes.append(row(GraphPalette.savedFill, "_saved_*: what backward kept from forward")) }
        if !clusterOrder.isEmpty { boxes.append(row("#f4f6fb", "module: its operations and parameters")) }
        if !collapse.groups.isEmpty { boxes.append(row(GraphPalette.moduleFill, "repeated module drawn as one box")) }
        var columns: [DOTHTMLCell] = [DOTHTMLCell(.table(legendTable(boxes)), attributes: ["VALIGN": "TOP"])]
        if options.flow != nil {
            var states: [[DOTHTMLCell]] = [[header("backward progress")]]
            states.append(row(GraphPalette.ranFill, "ran (gradients sent on)", border: GraphPalette.ranBorder))
            states.append(row(GraphPalette.currentFill, "current node", border: GraphPalette.currentBorder))
            states.append(row(GraphPalette.readyFill, "ready: all its gradients arrived", border: GraphPalette.readyBorder))
            states.append(row(GraphPalette.waitingFill, "waiting for more gradients (dashed)", border: GraphPalette.waitingBorder))
            states.append(row(GraphPalette.unreachedFill, "not reached yet", border: GraphPalette.unreachedBorder))
            columns.append(DOTHTMLCell(.table(legendTable(states)), attributes: ["VALIGN": "TOP"]))
            var scale: [[DOTHTMLCell]] = [[header("edge: gradient norm ‖g‖ (log scale)")]]
            for entry in GradientScale.legendRows { scale.append(row(entry.color, entry.text)) }
            scale.append(row(GradientScale.noGradientColor, "None: no gradient sent (dashed)"))
            scale.append(row("#c8c8c8", "not sent yet (dotted)"))
            columns.append(DOTHTMLCell(.table(legendTable(scale)), attributes: ["VALIGN": "TOP"]))
        }
        let legend = DOTHTMLTable(attributes: ["BORDER": "0", "CELLSPACING": "8"], rows: [columns])
        place(DOTNode("legend", ["shape": "plain", "style": "solid", "label": .html(.font(["POINT-SIZE": "9"], .table(legend)))]),
              in: nil)
        // Invisible edges from the deepest boxes hold the legend under the whole graph. Only
        // from those: an edge from a shallow leaf spans every rank below it, and in a deep
        // graph hundreds of such edges make dot's layout take minutes.
        let deepest = bottomIDs.map(\.depth).max() ?? 0
        for bottom in bottomIDs where bottom.depth >= deepest - 1 {
            edges.append(DOTEdge(from: bottom.id, to: "legend", ["style": "invis"]))
        }
    }

    /// A bordered column of the legend.
    private func legendTable(_ rows: [[DOTHTMLCell]]) -> DOTHTMLTable {
        DOTHTMLTable(attributes: ["BORDER": "1", "CELLBORDER": "0", "CELLSPACING": "2", "CELLPADDING": "2",
                                  "COLOR": "#bbbbbb", "BGCOLOR": "#fcfcfc"], rows: rows)
    }

    /// A bold heading spanning a legend column.
    private func header(_ text: String) -> DOTHTMLCell {
        DOTHTMLCell(.bold(.text(text)), attributes: ["COLSPAN": "2", "ALIGN": "LEFT"])
    }

    /// A colour swatch and what it means.
    private func row(_ color: String, _ text: String, border: String = "#888888") -> [DOTHTMLCell] {
        [DOTHTMLCell(.text(" "), attributes: ["BGCOLOR": color, "COLOR": border, "BORDER": "1", "WIDTH": "22"]),
         .text(text, attributes: ["ALIGN": "LEFT"])]
    }
}
