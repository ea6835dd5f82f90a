import Autograd
import Foundation
import SnapshotTesting
import Testing
@testable import GraphRender

/// When `GRADSTEP_GRAPH_PREVIEW` names a folder, pictures are also rendered there as PNG so
/// they can be looked at; tests never depend on it.
func preview(_ picture: GraphPicture, _ name: String) throws {
    guard let folder = ProcessInfo.processInfo.environment["GRADSTEP_GRAPH_PREVIEW"] else { return }
    try picture.write(toPath: folder + "/" + name + ".png", as: .png)
    try picture.write(toPath: folder + "/" + name + ".svg", as: .svg)
}

@Suite struct AutogradGraphSnapshotTests {
    @Test func scalarExpression() throws {
        let model = try ScalarExpression()
        let plan = try BackwardPlan(roots: [model.loss], gradients: [nil])
        let recorder = GradientFlowRecorder()
        recorder.attach(to: plan)
        try plan.run()
        let picture = GraphPicture(roots: [model.loss], names: model.names, options: GraphPictureOptions(
            title: GraphTitle(lesson: "01_micrograd.py", line: 9, phase: "after backward"), flow: recorder))
        assertSnapshot(of: picture.dotText, as: .lines)
        try preview(picture, "scalar")
    }

    @Test func mlpBeforeBackward() throws {
        let model = try MLP()
        let picture = GraphPicture(roots: [model.loss], names: model.names, options: GraphPictureOptions(
            title: GraphTitle(lesson: "03_mlp.py", line: 14, phase: "forward"), showSaved: true))
        assertSnapshot(of: picture.dotText, as: .lines)
        try preview(picture, "mlp-forward")
    }

    @Test func mlpAfterBackward() throws {
        let model = try MLP()
        // Extracted before backward frees the saved tensors, so `x` and `y` can be named.
        let graph = AutogradGraph(roots: [model.loss], names: model.names)
        let (plan, recorder) = try model.plan()
        try plan.run()
        let picture = GraphPicture(graph, options: GraphPictureOptions(
            title: GraphTitle(lesson: "03_mlp.py", line: 15, phase: "after backward"), flow: recorder))
        assertSnapshot(of: picture.dotText, as: .lines)
        try preview(picture, "mlp-backward")
    }

    @Test func mlpMidBackwardWithCurrentNode() throws {
        let model = try MLP()
        let graph = AutogradGraph(roots: [model.loss], names: model.names)
        let (plan, recorder) = try model.plan()
        for _ in 0..<4 { try plan.step() }
        let current = try #require(plan.nextNode)
        let picture = GraphPicture(graph, options: GraphPictureOptions(
            title: GraphTitle(lesson: "03_mlp.py", line: 15, phase: "backward", note: "next: \(current.name)"),
            flow: recorder, current: current))
        assertSnapshot(of: picture.dotText, as: .lines)
        try preview(picture, "mlp-mid-backward")
    }

    @Test func modelWithClusters() throws {
        let model = try ClusteredModel()
        let picture = GraphPicture(roots: [model.loss], names: model.names, options: GraphPictureOptions(
            title: GraphTitle(lesson: "05_modules.py", phase: "forward")))
        assertSnapshot(of: picture.dotText, as: .lines)
        try preview(picture, "clusters")
    }

    @Test func repeatedBlocksCollapseOverBudget() throws {
        let (loss, names) = try repeatedBlocks(6)
        let picture = GraphPicture(roots: [loss], names: names, options: GraphPictureOptions(
            title: GraphTitle(lesson: "deep.py", phase: "forward"), nodeBudget: 20))
        assertSnapshot(of: picture.dotText, as: .lines)
        try preview(picture, "collapsed")
    }

    @Test func labelsNeedingEscapes() throws {
        let w = try tensor([1, 2], [2], requiresGrad: true)
        let b = try tensor([0.5], [], requiresGrad: true)
        let x = try tensor([3, 4], [2])
        let loss = try ((w * x).sum() + b)
        let names = GraphNames([("w\"<1>\" & {θ₁}", w), ("back\\slash\\n.bias", b), ("x[0]\ny", x),
                                ("loss 😀 é", loss)])
        let picture = GraphPicture(roots: [loss], names: names, options: GraphPictureOptions(
            title: GraphTitle(lesson: "<lesson> \"quoted\" & co\\", line: 3, phase: "a\tb",
                              note: "HTML <B>not bold</B> ]]>"),
            showSaved: true, forwardValues: false))
        assertSnapshot(of: picture.dotText, as: .lines)
        // Whatever the names hold, the DOT parses and lays out.
        let svg = String(decoding: try picture.render(as: .svg), as: UTF8.self)
        let texts = svgTexts(svg)
        #expect(texts.contains("w\"<1>\" & {θ₁}"), "\(texts)")
        #expect(texts.contains("back\\slash\\n.bias"), "\(texts)")
        #expect(texts.contains("<lesson> \"quoted\" & co\\ · line 3 · a\u{2409}b"), "\(texts)")
        try preview(picture, "escapes")
    }
}
