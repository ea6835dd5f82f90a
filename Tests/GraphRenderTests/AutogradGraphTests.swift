import Autograd
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import GraphRender

@Suite struct AutogradGraphTests {
    @Test func extractsKindsNamesAndModules() throws {
        let model = try MLP()
        let graph = AutogradGraph(roots: [model.loss], names: model.names)
        let byKind = Dictionary(grouping: graph.vertices, by: \.kind)
        #expect(byKind[.output]?.count == 1)
        #expect(byKind[.operation]?.compactMap(\.nodeName).sorted() ==
                ["AddmmBackward0", "AddmmBackward0", "MseLossBackward0", "ReluBackward0", "TBackward0", "TBackward0"])
        #expect(Set(byKind[.leaf]?.compactMap(\.tensorName) ?? []) == ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"])
        #expect(Set(byKind[.noGradInput]?.compactMap(\.tensorName) ?? []) == ["x", "y"])
        // Operations run highest sequence number first, and are numbered that way.
        let operations = graph.vertices.filter { $0.kind == .operation }
        let sequence = operations.compactMap { $0.node?.sequenceNr }
        #expect(sequence == sequence.sorted(by: >))
        #expect(operations.map(\.id) == (0..<operations.count).map { "op\($0)" })
        // Layers' own operations join their module; the activation and the loss stay outside.
        for vertex in operations {
            switch vertex.nodeName {
            case "ReluBackward0", "MseLossBackward0": #expect(vertex.module == nil)
            default: #expect(vertex.module == "fc1" || vertex.module == "fc2", "\(vertex.nodeName ?? "")")
            }
        }
        let relu = try #require(model.activation.gradFn)
        #expect(graph.index(of: relu).map { graph.vertices[$0].nodeName } == "ReluBackward0")
    }

    @Test func sameGraphGivesSameDOTWhateverTheSequenceNumbers() throws {
        let first = try MLP()
        _ = try (first.loss * 2.0).exp()  // moves the sequence counter on between the two builds
        let second = try MLP()
        let a = GraphPicture(roots: [first.loss], names: first.names).dotText
        let b = GraphPicture(roots: [second.loss], names: second.names).dotText
        #expect(a == b)
        #expect(!a.contains("0x"))
    }

    @Test func recorderSeesEveryEdgeAndMatchesLeafGradients() throws {
        let model = try MLP()
        let graph = AutogradGraph(roots: [model.loss], names: model.names)
        let (plan, recorder) = try model.plan()
        try plan.run()
        for link in graph.links {
            guard let edgeIndex = link.edgeIndex, let node = graph.vertices[link.from].node else { continue }
            let sent = recorder.gradient(sentBy: node, edgeIndex: edgeIndex)
            if graph.vertices[link.to].kind == .noGradInput {
                #expect(sent == .some(nil), "no gradient goes to an input without grad")
            } else {
                #expect(sent??.norm.isFinite == true)
            }
        }
        for parameter in [model.w1, model.b1, model.w2, model.b2] {
            let grad = try #require(parameter.grad)
            let expected = grad.doubleValues().reduce(0) { $0 + $1 * $1 }.squareRoot()
            let recorded = try #require(recorder.leafGradient(of: parameter))
            #expect(abs(recorded.norm - expected) <= 1e-12 * max(expected, 1))
            #expect(recorded.shape == parameter.shape)
        }
        #expect(recorder.ranNodes.count == 10)
        #expect(recorder.runningNode == nil)
    }

    @Test func progressStatesMidBackward() throws {
        let model = try MLP()
        let graph = AutogradGraph(roots: [model.loss], names: model.names)
        let (plan, recorder) = try model.plan()
        try plan.step()  // MseLossBackward0
        let builder = GraphPictureBuilder(graph: graph, options: GraphPictureOptions(flow: recorder))
        func state(_ name: String) -> NodeProgress? {
            graph.vertices.indices.first { graph.vertices[$0].nodeName == name }.flatMap(builder.progress)
        }
        #expect(state("MseLossBackward0") == .ran)
        #expect(state("ReluBackward0") == .unreached)
        let fc2 = try #require(model.prediction.gradFn)
        #expect(graph.index(of: fc2).flatMap(builder.progress) == .ready)
        let highlighted = GraphPictureBuilder(graph: graph, options: GraphPictureOptions(flow: recorder, current: fc2))
        #expect(graph.index(of: fc2).flatMap(highlighted.progress) == .current)
    }

    @Test func gradientBandsOnALogScale() {
        #expect(GradientScale.band(0) == .vanishing)
        #expect(GradientScale.band(5e-8) == .vanishing)
        #expect(GradientScale.band(1e-7) == .normal(step: 0))
        #expect(GradientScale.band(2e-5) == .normal(step: 1))
        #expect(GradientScale.band(0.5) == .normal(step: 3))
        #expect(GradientScale.band(999) == .normal(step: 4))
        #expect(GradientScale.band(1000.5) == .exploding)
        #expect(GradientScale.band(.nan) == .exploding)
        #expect(GradientScale.band(.infinity) == .exploding)
        #expect(GradientScale.penWidth(1e-7) == "0.8")
        #expect(GradientScale.penWidth(1) == "3.6")
        #expect(Double(GradientScale.penWidth(1e-3)) ?? 0 < Double(GradientScale.penWidth(1e2)) ?? 0)
    }

    @Test func summariesOfTinyHugeAndSmallGradients() throws {
        let tiny = GradientSummary(try Tensor.from([3e-30, 4e-30], shape: [2], dtype: .float64))
        #expect(abs(tiny.norm / 5e-30 - 1) < 1e-12)
        let huge = GradientSummary(try Tensor.from([3e200, 4e200], shape: [2], dtype: .float64))
        #expect(abs(huge.norm / 5e200 - 1) < 1e-12)
        #expect(GradientSummary(try tensor([1, .nan], [2])).norm.isNaN)
        #expect(GradientSummary(try tensor([1, 2, 3, 4], [2, 2])).values == [1, 2, 3, 4])
        #expect(GradientSummary(try tensor([1, 2, 3, 4, 5], [5])).values == nil)
    }

    @Test func vanishingExplodingAndMissingGradientsAreMarked() throws {
        let w = try tensor([1e-9, 2e-9], [2], requiresGrad: true)
        let v = try tensor([1, 2], [2], requiresGrad: true)
        let loss = try ((w * 1e-9).sum() + (v * 1e5).sum())
        let graph = AutogradGraph(roots: [loss], names: GraphNames([("w", w), ("v", v)]))
        let plan = try BackwardPlan(roots: [loss], gradients: [nil])
        let recorder = GradientFlowRecorder()
        recorder.attach(to: plan)
        try plan.run()
        let dot = GraphPicture(graph, options: GraphPictureOptions(forwardValues: false, flow: recorder)).dotText
        #expect(dot.contains("vanishing"))
        #expect(dot.contains("exploding"))
        #expect(dot.contains(GradientScale.explodingColor))
        #expect(dot.contains(GradientScale.vanishingColor))
    }

    @Test func collapsesRepeatedBlocksOnlyOverBudget() throws {
        let (loss, names) = try repeatedBlocks(6)
        let small = GraphPicture(roots: [loss], names: names, options: GraphPictureOptions(nodeBudget: 20))
        #expect(small.collapsedModules == (0..<6).reversed().map { "layers.\($0)" })
        #expect(small.preferredFormat == .svg)
        #expect(small.dotText.contains("3 operations · 2 parameters"))
        let roomy = GraphPicture(roots: [loss], names: names, options: GraphPictureOptions(nodeBudget: 200))
        #expect(roomy.collapsedModules.isEmpty)
        #expect(roomy.preferredFormat == .png)
        #expect(roomy.dotText.contains("subgraph \"cluster_layers.5\""))
    }

    @Test func gradientLabelsLeaveTheLayoutOnlyInLargePictures() throws {
        /// Edges with a `label`, edges with an `xlabel` other than the no-grad marker, and boxes.
        func edgeLabelKeys(blocks: Int) throws -> (labels: Int, xlabels: Int, boxes: Int) {
            let (loss, names) = try repeatedBlocks(blocks)
            let plan = try BackwardPlan(roots: [loss], gradients: [nil])
            let recorder = GradientFlowRecorder()
            recorder.attach(to: plan)
            try plan.run()
            let picture = GraphPicture(roots: [loss], names: names,
                                       options: GraphPictureOptions(forwardValues: false, flow: recorder, nodeBudget: .max))
            let edges = picture.dot.body.edges
            return (edges.filter { $0.attributes["label"] != nil }.count,
                    edges.filter { $0.attributes["xlabel"].map { $0 != .label("no grad") } ?? false }.count,
                    picture.vertexCount)
        }
        let small = try edgeLabelKeys(blocks: 4)
        #expect(small.labels > 0 && small.xlabels == 0)
        // Five boxes a block: over the threshold, every gradient label is external.
        let large = try edgeLabelKeys(blocks: GraphPictureBuilder.externalEdgeLabelsAbove / 5 + 1)
        #expect(large.boxes > GraphPictureBuilder.externalEdgeLabelsAbove)
        #expect(large.labels == 0 && large.xlabels > 1000)
    }

    @Test func noGradMarkerIsAnExternalLabel() throws {
        let model = try MLP()
        let dot = GraphPicture(roots: [model.loss], names: model.names).dotText
        #expect(dot.contains("xlabel=\"no grad\""))
        #expect(!dot.contains(" label=\"no grad\""))
    }

    @Test func forwardValuesChosenForScalarGraphsOnly() throws {
        let scalar = try ScalarExpression()
        #expect(GraphPicture(roots: [scalar.loss], names: scalar.names).dotText.contains("data -8.0000"))
        let model = try MLP()
        #expect(!GraphPicture(roots: [model.loss], names: model.names).dotText.contains("data "))
    }

    @Test func renderedMLPIsAPlausiblePNGAndWellFormedSVG() throws {
        let model = try MLP()
        let graph = AutogradGraph(roots: [model.loss], names: model.names)
        let (plan, recorder) = try model.plan()
        try plan.run()
        let picture = GraphPicture(graph, options: GraphPictureOptions(title: GraphTitle(lesson: "mlp"), flow: recorder))
        let png = try picture.render(as: .png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        try #require(png.count > 24)
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect((300...4000).contains(width), "width \(width)")
        #expect((300...4000).contains(height), "height \(height)")
        let svg = try picture.render(as: .svg)
        let parser = XMLParser(data: Data(svg))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        let texts = svgTexts(String(decoding: svg, as: UTF8.self))
        for expected in ["fc1.weight", "MseLossBackward0", "y", "ran (gradients sent on)"] {
            #expect(texts.contains(expected), "missing \(expected)")
        }
    }
}
