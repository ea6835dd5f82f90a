import Autograd

/// Colours of the kinds of boxes, shared by the boxes and the legend.
enum GraphPalette {
    static let outputFill = "#c7e9a0", outputBorder = "#4d7a1f"
    static let operationFill = "#eeeeee", operationBorder = "#666666"
    static let leafFill = "#cfe2f3", leafBorder = "#3d6a99"
    static let inputFill = "#ffffff", inputBorder = "#aaaaaa", inputText = "#777777"
    static let savedFill = "#fff4dc", savedBorder = "#d9a441"
    static let moduleFill = "#dfe4f2", moduleBorder = "#6f7aa3"
    static let ranFill = "#d7ecd0", ranBorder = "#4a7f3c"
    static let currentFill = "#ffd84d", currentBorder = "#d35400"
    static let readyFill = "#ffffff", readyBorder = "#1f78b4"
    static let waitingFill = "#f4f4f4", waitingBorder = "#7fa7c9"
    static let unreachedFill = "#f7f7f7", unreachedBorder = "#c8c8c8", unreachedText = "#9a9a9a"
    static let secondaryText = "#555555"
}

extension GraphPictureBuilder {
    /// Adds every box, side box and edge.
    mutating func addVertices() {
        var entryIDs: [Int: String] = [:]
        for (index, vertex) in graph.vertices.enumerated() {
            if let group = collapse.group(of: index) {
                if group.members.first == index {
                    addGroupBox(group)
                    bottomIDs.append((group.id, group.members.map { depths[$0] }.max() ?? 0))
                }
                continue
            }
            if vertex.kind == .leaf || vertex.kind == .noGradInput { bottomIDs.append((vertex.id, depths[index])) }
            switch vertex.kind {
            case .output: addOutput(index)
            case .operation:
                if let entry = addOperation(index) { entryIDs[index] = entry }
            case .leaf: addLeaf(index)
            case .noGradInput: addNoGradInput(index)
            }
        }
        addLinks(entryIDs: entryIDs)
    }

    /// Border, fill and text colour for a box in a given state of the backward pass.
    func stateAttributes(_ progress: NodeProgress?, fill: String, border: String) -> DOTAttributes {
        switch progress {
        case nil: return ["fillcolor": .string(fill), "color": .string(border)]
        case .ran: return ["fillcolor": .string(fill == GraphPalette.operationFill ? GraphPalette.ranFill : fill),
                           "color": .string(GraphPalette.ranBorder), "penwidth": "1.5"]
        case .current: return ["fillcolor": .string(GraphPalette.currentFill), "color": .string(GraphPalette.currentBorder),
                               "penwidth": "3.5"]
        case .ready: return ["fillcolor": .string(fill == GraphPalette.operationFill ? GraphPalette.readyFill : fill),
                             "color": .string(GraphPalette.readyBorder), "penwidth": "2.5"]
        case .waiting: return ["fillcolor": .string(fill == GraphPalette.operationFill ? GraphPalette.waitingFill : fill),
                               "color": .string(GraphPalette.waitingBorder), "penwidth": "1.5", "style": "rounded,filled,dashed"]
        case .unreached: return ["fillcolor": .string(fill == GraphPalette.operationFill ? GraphPalette.unreachedFill : "#eef4fa"),
                                 "color": .string(GraphPalette.unreachedBorder), "fontcolor": .string(GraphPalette.unreachedText)]
        }
    }

    /// A small grey line under a box's main text.
    func detail(_ text: String) -> DOTHTML {
        .font(["POINT-SIZE": "9", "COLOR": GraphPalette.secondaryText], .text(text))
    }

    /// Main text in bold with detail lines under it.
    func boxLabel(_ title: String, _ details: [String]) -> DOTValue {
        var parts: [DOTHTML] = [.bold(.text(title))]
        for line in details where !line.isEmpty { parts += [.lineBreak, detail(line)] }
        return .html(.sequence(parts))
    }

    /// The loss (or other output): its name, value when it is a single number, and shape.
    mutating func addOutput(_ index: Int) {
        let vertex = graph.vertices[index]
        guard let tensor = vertex.tensor else { return }
        var attributes: DOTAttributes = ["fillcolor": .string(GraphPalette.outputFill), "color": .string(GraphPalette.outputBorder),
                                         "penwidth": "1.5"]
        if valuesMode {
            attributes["shape"] = "plain"
            attributes["label"] = .html(record(name: vertex.tensorName, data: scalarValue(tensor),
                                               grad: outputGradient(index), fill: GraphPalette.outputFill))
        } else {
            var details: [String] = []
            if tensor.count == 1, let value = scalarValue(tensor) { details.append("= " + NumberText.value(value)) }
            details.append(NumberText.shape(tensor.shape))
            attributes["label"] = boxLabel(vertex.tensorName ?? "output", details)
        }
        place(DOTNode(vertex.id, attributes), in: nil)
    }

    /// A `grad_fn` node; returns the identifier edges into it should use when that differs
    /// (its value record in forward-values mode).
    mutating func addOperation(_ index: Int) -> String? {
        let vertex = graph.vertices[index]
        let name = vertex.nodeName ?? "?"
        var attributes = stateAttributes(progress(of: index), fill: GraphPalette.operationFill,
                                         border: GraphPalette.operationBorder)
        attributes["tooltip"] = .tooltip(name)
        var entry: String?
        if valuesMode {
            attributes["shape"] = "ellipse"
            attributes["style"] = attributes["style"] == "rounded,filled,dashed" ? "filled,dashed" : "filled"
            attributes["label"] = .label(Self.operatorSymbol(name))
            entry = addValueRecord(index)
        } else {
            var details: [String] = []
            // The output's own box already names the tensor its grad_fn made.
            if let outputName = vertex.tensorName, !outputFunctions.contains(index) {
                details.append("→ " + outputName + (vertex.shape.map { " " + NumberText.shape($0) } ?? ""))
            }
            attributes["label"] = boxLabel(name, details)
        }
        place(DOTNode(vertex.id, attributes), in: vertex.module)
        if options.showSaved, !vertex.saved.isEmpty { addSavedBox(index) }
        return entry
    }

    /// A leaf that requires grad: its name, shape and, once known, its gradient.
    mutating func addLeaf(_ index: Int) {
        let vertex = graph.vertices[index]
        var attributes = stateAttributes(progress(of: index), fill: GraphPalette.leafFill, border: GraphPalette.leafBorder)
        attributes["tooltip"] = .tooltip("AccumulateGrad")
        let gradient = leafGradient(index)
        if valuesMode {
            attributes["shape"] = "plain"
            var fill = GraphPalette.leafFill
            if case .string(let stateFill)? = attributes["fillcolor"] { fill = stateFill }
            attributes["label"] = .html(record(name: vertex.tensorName, data: vertex.tensor.flatMap(scalarValue),
                                               grad: gradient?.values?.first, fill: fill))
        } else {
            var details = [NumberText.shape(vertex.shape ?? [])]
            if let gradient { details.append(Self.gradientText(gradient, prefix: "grad")) }
            attributes["label"] = boxLabel(vertex.tensorName ?? "leaf", details)
        }
        place(DOTNode(vertex.id, attributes), in: vertex.module)
    }

    /// A forward input that needed no gradient: dashed and grey, apart from the rest.
    mutating func addNoGradInput(_ index: Int) {
        let vertex = graph.vertices[index]
        var details: [String] = []
        if let shape = vertex.shape { details.append(NumberText.shape(shape)) }
        details.append("requires_grad=False")
        place(DOTNode(vertex.id, [
            "label": boxLabel(vertex.tensorName ?? "input", details), "style": "rounded,dashed,filled",
            "fillcolor": .string(GraphPalette.inputFill), "color": .string(GraphPalette.inputBorder),
            "fontcolor": .string(GraphPalette.inputText), "fontsize": "10",
        ]), in: nil)
    }

    /// A collapsed module: one box with what it holds.
    mutating func addGroupBox(_ group: GraphCollapse.Group) {
        var details = ["\(group.operationCount) operations · \(group.leafCount) parameters"]
        if let flow = options.flow {
            let ran = group.members.filter { graph.vertices[$0].node.map(flow.hasRun) == true }.count
            details.append("\(ran) of \(group.members.count) ran")
        }
        let parent = group.path.split(separator: ".").dropLast().joined(separator: ".")
        place(DOTNode(group.id, [
            "label": boxLabel(group.path, details), "shape": "box3d", "style": "filled",
            "fillcolor": .string(GraphPalette.moduleFill), "color": .string(GraphPalette.moduleBorder),
        ]), in: parent.isEmpty ? nil : parent)
    }

    /// The `_saved_*` values of an operation as a small table beside it.
    mutating func addSavedBox(_ index: Int) {
        let vertex = graph.vertices[index]
        let rows: [[DOTHTMLCell]] = vertex.saved.map { entry in
            [.text(entry.name, attributes: ["ALIGN": "LEFT"]), .text(entry.text, attributes: ["ALIGN": "LEFT"])]
        }
        let table = DOTHTMLTable(attributes: [
            "BORDER": "0", "CELLBORDER": "1", "CELLSPACING": "0", "CELLPADDING": "2",
            "BGCOLOR": GraphPalette.savedFill, "COLOR": GraphPalette.savedBorder,
        ], rows: rows)
        let id = vertex.id + "_saved"
        place(DOTNode(id, ["label": .html(.font(["POINT-SIZE": "9"], .table(table))), "shape": "plain"]), in: vertex.module)
        sameRank([vertex.id, id], in: vertex.module)
        edges.append(DOTEdge(from: vertex.id, to: id, [
            "style": "dotted", "arrowhead": "none", "color": .string(GraphPalette.savedBorder),
        ]))
    }

    /// The record of an operation's output in forward-values mode, above the operation.
    mutating func addValueRecord(_ index: Int) -> String? {
        let vertex = graph.vertices[index]
        guard let node = vertex.node else { return nil }
        // An output's box already is the record of its grad_fn's value.
        if outputFunctions.contains(index) { return nil }
        let outputNr = vertex.tensor?.outputNr ?? 0
        let data = vertex.tensor.flatMap(scalarValue) ?? savedResult(of: node)
        let grad = options.flow?.gradient(receivedBy: node, inputNr: outputNr)?.values?.first
            ?? vertex.tensor?.grad.flatMap(scalarValue)
        guard vertex.tensorName != nil || data != nil || grad != nil else { return nil }
        let id = vertex.id + "_value"
        place(DOTNode(id, ["shape": "plain", "label": .html(record(name: vertex.tensorName, data: data, grad: grad,
                                                                           fill: GraphPalette.inputFill))]),
              in: vertex.module)
        edges.append(DOTEdge(from: id, to: vertex.id, ["arrowsize": "0.5"]))
        return id
    }

    /// micrograd's record: `name | data 2.0000 | grad -6.0000`.
    func record(name: String?, data: Double?, grad: Double?, fill: String) -> DOTHTML {
        var cells: [DOTHTMLCell] = []
        if let name { cells.append(DOTHTMLCell(.bold(.text(name)))) }
        cells.append(.text("data " + (data.map(NumberText.value) ?? "?")))
        cells.append(.text("grad " + (grad.map(NumberText.value) ?? "None")))
        return .table(DOTHTMLTable(attributes: [
            "BORDER": "1", "CELLBORDER": "1", "CELLSPACING": "0", "CELLPADDING": "4", "BGCOLOR": fill,
            "STYLE": "ROUNDED",
        ], rows: [cells]))
    }

    /// The single element of a one-element tensor.
    func scalarValue(_ tensor: Tensor) -> Double? {
        tensor.count == 1 ? tensor.doubleValues().first : nil
    }

    /// Ops such as tanh and exp save their output as `result`, which gives its value.
    func savedResult(of node: Node) -> Double? {
        guard node.savedValue("result") != nil, let t = try? node.savedTensor("result") else { return nil }
        return scalarValue(t)
    }

    /// The gradient an output received (the seed of backward), once known.
    func outputGradient(_ index: Int) -> Double? {
        guard let tensor = graph.vertices[index].tensor else { return nil }
        if let fn = tensor.gradFn, let g = options.flow?.gradient(receivedBy: fn, inputNr: tensor.outputNr) {
            return g.values?.first
        }
        return tensor.grad.flatMap(scalarValue)
    }

    /// A leaf's gradient: recorded during the flow, or its `.grad` when no flow is drawn.
    func leafGradient(_ index: Int) -> GradientSummary? {
        guard let tensor = graph.vertices[index].tensor else { return nil }
        if let flow = options.flow { return flow.leafGradient(of: tensor) }
        return tensor.grad.map(GradientSummary.init)
    }

    /// `grad (3,) ‖g‖=0.123` or, for up to four elements, the values.
    static func gradientText(_ gradient: GradientSummary, prefix: String) -> String {
        if let values = gradient.values {
            return prefix + " " + (gradient.shape.isEmpty ? values.map(NumberText.value).joined() : NumberText.values(values))
        }
        return prefix + " ‖g‖=" + NumberText.norm(gradient.norm)
    }

    /// A short operator for micrograd-style pictures: `AddBackward0` → `+`.
    static func operatorSymbol(_ name: String) -> String {
        var base = name
        if let range = base.firstRange(of: "Backward") { base = String(base[..<range.lowerBound]) }
        switch base {
        case "Add": return "+"
        case "Sub", "Rsub": return "−"
        case "Mul": return "×"
        case "Div": return "÷"
        case "Pow": return "**"
        case "Neg": return "neg"
        default: return base.lowercased()
        }
    }
}
