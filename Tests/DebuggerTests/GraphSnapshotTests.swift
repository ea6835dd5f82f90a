// `gradstep graph`'s logic: running a script to a line or its end, picking the tensor,
// the errors, and choosing the output path and format; plus the built binary end to end.
import Foundation
import GraphRender
import TestProcess
import Testing
import Torch
@testable import Debugger

/// A small training step: a two-layer model, a loss, backward, then more tensors.
private let trainingScript = """
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
x = torch.randn(5, 3)
y = torch.tensor([0, 1, 1, 0, 1])
loss = nn.CrossEntropyLoss()(model(x), y)
loss.backward()
later = (model[0].weight * 2).sum()
print(loss.item())
"""

private func snapshot(_ source: String, file: String = "train.py", _ request: GraphSnapshotRequest)
    -> Result<GraphSnapshot, GraphSnapshotError> {
    GraphSnapshot.take(program: DebugProgram(file: file, source: source), request: request,
                       configure: TorchLibrary.install)
}

private func failure(_ result: Result<GraphSnapshot, GraphSnapshotError>) -> GraphSnapshotError? {
    if case .failure(let error) = result { return error }
    return nil
}

@Suite struct GraphSnapshotTests {
    @Test func defaultIsTheLastBackpropagatedTensor() throws {
        // `later` is newer and has a grad_fn, but backward was called on `loss`.
        let shot = try snapshot(trainingScript, GraphSnapshotRequest(grads: true)).get()
        #expect(shot.tensorName == "loss")
        #expect(shot.line == nil)
        let dot = shot.picture.dotText
        #expect(dot.contains("NllLossBackward0"))
        #expect(dot.contains("model.0.weight"))
        #expect(dot.contains("train · after backward"))
        #expect(dot.contains("\"legend\""))
        // Gradients are on the edges.
        #expect(dot.contains("‖g‖="))
    }

    @Test func withoutBackwardTheNewestTensorWithAGradFnIsDrawn() throws {
        let source = trainingScript.replacingOccurrences(of: "loss.backward()\n", with: "")
        let shot = try snapshot(source, GraphSnapshotRequest()).get()
        #expect(shot.tensorName == "later")
        #expect(shot.picture.dotText.contains("SumBackward0"))
    }

    @Test func stopsBeforeTheLineRuns() throws {
        // Before line 8 (`loss.backward()`): loss exists, nothing has flowed yet.
        let shot = try snapshot(trainingScript, GraphSnapshotRequest(line: 8, grads: true)).get()
        #expect(shot.tensorName == "loss")
        #expect(shot.line == 8)
        let dot = shot.picture.dotText
        #expect(dot.contains("train · line 8 · forward"))
        #expect(dot.contains("before line 8 runs"))
        #expect(dot.contains("\"legend\""))
        #expect(!dot.contains("‖g‖="))
        // Before line 7 there is no loss yet, and no other tensor with a grad_fn.
        #expect(failure(snapshot(trainingScript, GraphSnapshotRequest(line: 7))) == .nothingToDraw(file: "train.py"))
    }

    @Test func expressionsAreEvaluatedWhereTheScriptStopped() throws {
        let shot = try snapshot(trainingScript, GraphSnapshotRequest(line: 10, expression: "later")).get()
        #expect(shot.tensorName == "later")
        #expect(shot.picture.dotText.contains("MulBackward0"))
        // A leaf that requires grad is drawn too.
        let leaf = try snapshot(trainingScript, GraphSnapshotRequest(expression: "model[0].bias")).get()
        #expect(leaf.picture.dotText.contains("AccumulateGrad"))
    }

    @Test func expressionErrors() {
        #expect(failure(snapshot(trainingScript, GraphSnapshotRequest(line: 8, expression: "model")))
            == .notATensor(expression: "model", typeName: "Sequential"))
        #expect(failure(snapshot(trainingScript, GraphSnapshotRequest(line: 8, expression: "x")))
            == .noGraph(expression: "x"))
        #expect(failure(snapshot(trainingScript, GraphSnapshotRequest(line: 8, expression: "nope")))
            == .expressionFailed(expression: "nope", message: "NameError: name 'nope' is not defined"))
    }

    @Test func lineErrors() {
        #expect(failure(snapshot(trainingScript, GraphSnapshotRequest(line: 11)))
            == .lineOutOfRange(line: 11, lineCount: 10, file: "train.py"))
        #expect(failure(snapshot(trainingScript, GraphSnapshotRequest(line: 0)))
            == .lineOutOfRange(line: 0, lineCount: 10, file: "train.py"))
        let skipped = "import torch\n\n  # note\nif False:\n    y = 1\nz = 2"
        #expect(failure(snapshot(skipped, GraphSnapshotRequest(line: 2))) == .lineHasNoCode(line: 2, file: "train.py"))
        #expect(failure(snapshot(skipped, GraphSnapshotRequest(line: 3))) == .lineHasNoCode(line: 3, file: "train.py"))
        #expect(failure(snapshot(skipped, GraphSnapshotRequest(line: 5)))
            == .lineNotReached(line: 5, file: "train.py"))
        // The last line counts even without a final newline.
        #expect(failure(snapshot(skipped, GraphSnapshotRequest(line: 6))) == .nothingToDraw(file: "train.py"))
    }

    @Test func scriptFailuresCarryTheTraceback() throws {
        let raising = "import torch\nw = torch.ones(2, requires_grad=True)\nv = (w * 2).sum()\nraise ValueError('boom')\nu = v * 3\n"
        for request in [GraphSnapshotRequest(), GraphSnapshotRequest(line: 5)] {
            let error = try #require(failure(snapshot(raising, request)))
            guard case .scriptFailed(let traceback) = error else {
                Issue.record("expected a script failure, got \(error)")
                continue
            }
            #expect(traceback.hasPrefix("Traceback (most recent call last):"))
            #expect(traceback.contains("line 4, in <module>"))
            #expect(traceback.hasSuffix("ValueError: boom\n"))
            #expect(error.exitStatus == 1)
        }
        let broken = try #require(failure(snapshot("x = (\n", GraphSnapshotRequest())))
        #expect(broken.description.hasSuffix("SyntaxError: '(' was never closed"))
        #expect(GraphSnapshotError.noGraph(expression: "x").exitStatus == 2)
    }

    @Test func largeGraphsPreferSVG() throws {
        let deep = "import torch\nw = torch.ones(2, requires_grad=True)\nh = w\nfor i in range(70):\n    h = torch.tanh(h * w)\n"
        let shot = try snapshot(deep, GraphSnapshotRequest()).get()
        #expect(shot.tensorName == "h")
        #expect(shot.picture.vertexCount > 120)
        #expect(shot.picture.preferredFormat == .svg)
        let small = try snapshot(trainingScript, GraphSnapshotRequest()).get()
        #expect(small.picture.preferredFormat == .png)
    }

    @Test func defaultPaths() throws {
        let shot = try snapshot(trainingScript, file: "lessons/03_mlp.py", GraphSnapshotRequest(line: 8)).get()
        #expect(shot.defaultPathStem(scriptFile: "lessons/03_mlp.py", expression: nil) == "graphs/03_mlp/line-8")
        #expect(shot.defaultPathStem(scriptFile: "lessons/03_mlp.py", expression: "model(x)[0]")
            == "graphs/03_mlp/line-8-model_x__0_")
    }
}

@Suite struct GraphOutputTests {
    func resolve(_ format: String?, _ output: String?, preferred: GraphImageFormat = .png) -> Result<GraphOutput, GraphOutputError> {
        GraphOutput.resolve(format: format, output: output, preferred: preferred, defaultStem: "graphs/a/end")
    }

    @Test func formatsComeFromTheFlagTheExtensionOrTheGraphSize() {
        #expect(resolve(nil, nil) == .success(GraphOutput(path: "graphs/a/end.png", format: .png)))
        #expect(resolve(nil, nil, preferred: .svg) == .success(GraphOutput(path: "graphs/a/end.svg", format: .svg)))
        #expect(resolve("dot", nil, preferred: .svg) == .success(GraphOutput(path: "graphs/a/end.dot", format: .dot)))
        #expect(resolve(nil, "out/x.SVG") == .success(GraphOutput(path: "out/x.SVG", format: .svg)))
        #expect(resolve("png", "out/x.png") == .success(GraphOutput(path: "out/x.png", format: .png)))
        #expect(resolve("dot", "out/x.gv") == .success(GraphOutput(path: "out/x.gv", format: .dot)))
    }

    @Test func mismatchesAndUnknownFormatsAreRefused() {
        #expect(resolve("png", "x.svg") == .failure(.formatMismatch(path: "x.svg", format: .png)))
        #expect(resolve("jpeg", nil) == .failure(.unknownFormat("jpeg")))
        #expect(resolve(nil, "x.gif") == .failure(.unknownExtension(path: "x.gif")))
        #expect(resolve(nil, "folder.d/x") == .failure(.unknownExtension(path: "folder.d/x")))
    }

    @Test func writesEachFormatAtomically() throws {
        let folder = NSTemporaryDirectory() + "graph-output-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let shot = try snapshot(trainingScript, GraphSnapshotRequest(grads: true)).get()
        for format in GraphFileFormat.allCases {
            let target = GraphOutput(path: "\(folder)/nested/graph.\(format.rawValue)", format: format)
            try target.write(shot.picture)
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: target.path)))
            switch format {
            case .png: #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            case .svg: #expect(String(decoding: bytes.prefix(5), as: UTF8.self) == "<?xml")
            case .dot: #expect(String(decoding: bytes, as: UTF8.self) == shot.picture.dotText)
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/nested").sorted()
            == ["graph.dot", "graph.png", "graph.svg"])
    }
}

/// The built `gradstep` beside the test bundle, or the debug build of this package.
private var builtGradstep: String? {
    let candidates = [
        Bundle.main.bundleURL.deletingLastPathComponent().appending(path: "gradstep").path,
        gradstepBinary,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}

@Suite(.enabled(if: builtGradstep != nil, "needs a built gradstep"))
struct GraphCommandTests {
    /// Runs `gradstep graph ARGS` in a fresh folder holding `train.py`.
    func graph(_ arguments: [String], script: String = trainingScript) throws -> (ChildResult, folder: String) {
        let folder = NSTemporaryDirectory() + "gradstep-graph-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try script.write(toFile: folder + "/train.py", atomically: true, encoding: .utf8)
        let result = try runChild(builtGradstep ?? gradstepBinary, ["graph"] + arguments, directory: folder,
                                  environment: ["OPENBLAS_NUM_THREADS": "1"], timeout: 120)
        return (result, folder)
    }

    @Test func writesThePictureAndPrintsItsPath() throws {
        let (result, folder) = try graph(["train.py", "--grads"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(!result.timedOut)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "graphs/train/end.png\n")
        let png = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/graphs/train/end.png")))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func theOldAtSpellingAndDOTOutput() throws {
        let (result, folder) = try graph(["train.py", "--at", "8", "-o", "out/g.dot"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "out/g.dot\n")
        let dot = try String(contentsOfFile: folder + "/out/g.dot", encoding: .utf8)
        #expect(dot.contains("train · line 8 · forward"))
    }

    @Test func errorsAreMessagesAndStatuses() throws {
        let cases: [(args: [String], status: Int32, message: String)] = [
            (["train.py", "--line", "8", "--expr", "model"], 2, "gradstep graph: model is a Sequential, not a tensor\n"),
            (["train.py", "--line", "40"], 2, "gradstep graph: line 40 is not in train.py (it has 10 lines)\n"),
            (["missing.py"], 2, "gradstep graph: can't open file 'missing.py': No such file or directory\n"),
        ]
        for c in cases {
            let (result, folder) = try graph(c.args)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            #expect(result.status == c.status, "\(c.args)")
            #expect(result.stderr == c.message)
            #expect(result.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: folder + "/graphs"))
        }
        let (raised, folder) = try graph(["train.py"], script: "import torch\nraise ValueError('boom')\n")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(raised.status == 1)
        #expect(raised.stderr.hasPrefix("Traceback (most recent call last):"))
        #expect(raised.stderr.hasSuffix("ValueError: boom\n"))
        let (mismatch, other) = try graph(["train.py", "-o", "x.svg", "--format", "png"])
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(mismatch.status != 0)
        #expect(mismatch.stderr.contains("x.svg does not end in .png, but --format png was given"))
    }
}
