// Graph pictures: DOT generation and libgvc rendering of a lesson-sized graph (target: PNG
// in at most 100 ms) and of a 2000-box graph (target: SVG in at most 3 s).
import Autograd
import GraphRender

/// One graph benchmark: the median and the extremes of several runs, in milliseconds.
struct GraphBenchResult {
    let name: String
    let medianMs: Double
    let minMs: Double
    let maxMs: Double
    let runs: Int

    /// `name  median 41.2 ms  (min 39.8, max 47.0, 7 runs)`.
    var line: String {
        func f(_ v: Double) -> String { String(Double(Int((v * 10).rounded())) / 10) }
        let padded = name + String(repeating: " ", count: Swift.max(0, 40 - name.count))
        return "\(padded)median \(f(medianMs)) ms  (min \(f(minMs)), max \(f(maxMs)), \(runs) runs)"
    }
}

/// Times `body` `runs` times (thread CPU time; the first call is the caller's to time apart).
private func timeRuns(_ name: String, runs: Int, _ body: () throws -> Void) rethrows -> GraphBenchResult {
    var samples: [Double] = []
    for _ in 0..<runs {
        let start = threadCPUNanoseconds()
        try body()
        samples.append((threadCPUNanoseconds() - start) / 1e6)
    }
    samples.sort()
    return GraphBenchResult(name: name, medianMs: samples[samples.count / 2], minMs: samples[0],
                            maxMs: samples[samples.count - 1], runs: runs)
}

/// A seeded-free tensor with varied values.
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

/// A chain of linear + tanh blocks with about `boxes` boxes, not collapsed.
private func largePicture(boxes: Int) throws -> GraphPicture {
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
    let options = GraphPictureOptions(title: GraphTitle(lesson: "bench_deep.py", phase: "forward"),
                                      nodeBudget: .max)
    return GraphPicture(roots: [loss], names: GraphNames(named), options: options)
}

/// Runs the graph benchmarks and returns one line per measure.
func runGraphBenchmarks() throws -> [String] {
    var lines: [String] = []
    let lesson = try lessonPicture()
    lines.append("lesson graph: \(lesson.vertexCount) boxes")
    // The first render in a process also loads fonts and plugins: what one CLI call pays.
    let firstStart = threadCPUNanoseconds()
    _ = try lesson.render(as: .png)
    lines.append("graph lesson PNG, first in process      \(Int(((threadCPUNanoseconds() - firstStart) / 1e6).rounded())) ms")
    lines.append(try timeRuns("graph lesson DOT text", runs: 9) { _ = try lessonPicture().dotText }.line)
    lines.append(try timeRuns("graph lesson PNG (DOT + layout + PNG)", runs: 9) { _ = try lesson.render(as: .png) }.line)
    lines.append(try timeRuns("graph lesson SVG", runs: 9) { _ = try lesson.render(as: .svg) }.line)
    let hundred = try largePicture(boxes: 100)
    lines.append(try timeRuns("graph \(hundred.vertexCount) boxes PNG", runs: 5) { _ = try hundred.render(as: .png) }.line)
    let large = try largePicture(boxes: 2000)
    lines.append("large graph: \(large.vertexCount) boxes")
    lines.append(try timeRuns("graph 2000 boxes SVG", runs: 3) { _ = try large.render(as: .svg) }.line)
    return lines
}
