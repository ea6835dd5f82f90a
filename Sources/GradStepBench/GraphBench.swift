// Graph pictures: DOT generation and libgvc rendering of a lesson-sized graph (target: PNG
// in at most 100 ms) and of a 2000-box graph (target: SVG in at most 3 s).
import Autograd
import GraphRender

/// The median of `runs` calls of `body`, in milliseconds of the thread's CPU time.
private func timeRuns(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var samples: [Double] = []
    for _ in 0..<runs {
        let start = threadCPUNanoseconds()
        try body()
        samples.append((threadCPUNanoseconds() - start) / 1e6)
    }
    return median(samples)
}

/// A tensor with varied values and no random seed with varied values.
private func graphInput(_ shape: [Int], seed: Int, requiresGrad: Bool = false) throws -> Tensor {
    let n = shape.reduce(1, *)
    let t = try Tensor.from((0..<n).map { Double(($0 * 7919 + seed * 104_729) % 1000) / 2000 - 0.25 }, shape: shape)
    if requiresGrad { try t.setRequiresGrad(true) }
    return t
}

/// A 3-layer perceptron with a cross-entropy loss after backward, gradients recorded: the
/// picture `gradstep graph lesson.py --grads` draws.
private func lessonPicture() throws -> GraphPicture {
    let x = try graphInput([8, 16], seed: 1)
    let target = try Tensor.from(ints: (0..<8).map { Int64($0 % 4) })
    var named: [(String, Tensor)] = []
    var h = x
    let widths = [16, 32, 32, 4]
    for layer in 0..<3 {
        let w = try graphInput([widths[layer + 1], widths[layer]], seed: 10 + layer, requiresGrad: true)
        let b = try graphInput([widths[layer + 1]], seed: 20 + layer, requiresGrad: true)
        named += [("fc\(layer + 1).weight", w), ("fc\(layer + 1).bias", b)]
        h = try Tensor.linear(h, w, b)
        if layer < 2 { h = try h.relu() }
    }
    let loss = try Tensor.crossEntropy(h, target)
    named.append(("loss", loss))
    let plan = try BackwardPlan(roots: [loss], gradients: [nil])
    let recorder = GradientFlowRecorder()
    recorder.attach(to: plan)
    try plan.run()
    let options = GraphPictureOptions(title: GraphTitle(lesson: "bench_mlp.py", line: 20, phase: "after backward"),
                                      flow: recorder)
    return GraphPicture(roots: [loss], names: GraphNames(named), options: options)
}

/// A chain of linear + tanh blocks with about `boxes` boxes, not collapsed; with
/// `gradients`, after backward with every edge labelled by the gradient it carried.
private func largePicture(boxes: Int, gradients: Bool = false) throws -> GraphPicture {
    var h = try graphInput([2, 3], seed: 3)
    var named: [(String, Tensor)] = []
    // Each block adds AddmmBackward0, TBackward0, TanhBackward0 and two leaves.
    for layer in 0..<(boxes / 5) {
        let w = try graphInput([3, 3], seed: layer, requiresGrad: true)
        let b = try graphInput([3], seed: layer + 7, requiresGrad: true)
        named += [("w\(layer)", w), ("b\(layer)", b)]
        h = try Tensor.linear(h, w, b).tanh()
    }
    let loss = try h.sum()
    var options = GraphPictureOptions(title: GraphTitle(lesson: "bench_deep.py", phase: "forward"),
                                      nodeBudget: .max)
    if gradients {
        let plan = try BackwardPlan(roots: [loss], gradients: [nil])
        let recorder = GradientFlowRecorder()
        recorder.attach(to: plan)
        try plan.run()
        options.title.phase = "after backward"
        options.flow = recorder
    }
    return GraphPicture(roots: [loss], names: GraphNames(named), options: options)
}

/// `graph`: a lesson-sized picture to PNG (target 100 ms) and 2000 boxes to SVG (target 3 s),
/// each the median of several renders on the thread's CPU clock.
let graphWorkload = Workload("graph") { r in
    r.heading("graph rendering")
    let lesson = try lessonPicture()
    // The first render in a process also loads fonts and plugins: what one CLI call pays.
    if r.wants("graph.lesson_png_first") {
        let start = threadCPUNanoseconds()
        _ = try lesson.render(as: .png)
        r.record("graph.lesson_png_first", (threadCPUNanoseconds() - start) / 1e6, unit: "ms", clock: .cpu,
                 label: "lesson graph PNG, first in process")
    }
    if r.wants("graph.lesson_dot") {
        r.record("graph.lesson_dot", try timeRuns(runs: 9) { _ = try lessonPicture().dotText },
                 unit: "ms", clock: .cpu, label: "lesson graph DOT text")
    }
    if r.wants("graph.lesson_png") {
        r.record("graph.lesson_png", try timeRuns(runs: 9) { _ = try lesson.render(as: .png) },
                 unit: "ms", clock: .cpu, label: "lesson graph (\(lesson.vertexCount) boxes) to PNG")
    }
    if r.wants("graph.lesson_svg") {
        r.record("graph.lesson_svg", try timeRuns(runs: 9) { _ = try lesson.render(as: .svg) },
                 unit: "ms", clock: .cpu, label: "lesson graph to SVG")
    }
    if r.wants("graph.png_100") {
        let hundred = try largePicture(boxes: 100)
        r.record("graph.png_100", try timeRuns(runs: 5) { _ = try hundred.render(as: .png) },
                 unit: "ms", clock: .cpu, label: "\(hundred.vertexCount) boxes to PNG")
    }
    if r.wants("graph.svg_2000") {
        let large = try largePicture(boxes: 2000)
        r.record("graph.svg_2000", try timeRuns(runs: 3) { _ = try large.render(as: .svg) },
                 unit: "ms", clock: .cpu, label: "\(large.vertexCount) boxes to SVG")
    }
    if r.wants("graph.svg_2000_grads") {
        let large = try largePicture(boxes: 2000, gradients: true)
        r.record("graph.svg_2000_grads", try timeRuns(runs: 3) { _ = try large.render(as: .svg) },
                 unit: "ms", clock: .cpu, label: "\(large.vertexCount) boxes with gradients to SVG")
    }
}
