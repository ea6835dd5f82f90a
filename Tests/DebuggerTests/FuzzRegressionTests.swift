// Inputs the fuzzers (Fuzz/*Fuzz.swift) found interesting or crashing, kept in
// Fuzz/Regressions/TARGET and replayed here through the same checks on every test run.
import Foundation
import Testing
import Autograd
import GraphRender
import MiniPy
import Torch
@testable import Debugger

/// The committed inputs of one fuzz target (empty when it has none yet).
func fuzzRegressions(_ target: String) -> [URL] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fuzz/Regressions/\(target)").standardizedFileURL
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
}

/// Stops a program after a fixed number of line events (endless loops end).
final class LineBudget: Tracer {
    struct Exhausted: Error {}
    var remaining = 2_000
    func trace(_ event: TraceEvent, frame: Frame, argument: Value) throws {
        guard event == .line else { return }
        remaining -= 1
        if remaining < 0 { throw Exhausted() }
    }
}

@Suite struct FuzzRegressions {
    @Test func parserInputsParseOrRaiseSyntaxError() throws {
        for url in fuzzRegressions("Parser") {
            let source = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            _ = try? PythonParser.parse(source: source, file: "<fuzz>")
            _ = try? PythonParser.parseExpression(source)
            _ = PythonParser.needsMoreInput(source)
        }
    }

    @Test func interpreterInputsRunWithinBudget() throws {
        for url in fuzzRegressions("Interpreter") {
            let source = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            // What the fuzz target skips: programs that could touch files, or sleep.
            if ["os", "open", "save", "csv", "json", "sleep"].contains(where: { source.contains($0) }) { continue }
            guard (try? PythonParser.parse(source: source, file: "<fuzz>")) != nil else { continue }
            let status = Interpreter.runOnLargeStack {
                let interp = Interpreter(stdout: CapturedOutput(), stderr: CapturedOutput())
                interp.recursionLimit = 200
                interp.tracer = LineBudget()
                return interp.runMain(source: source, file: "<fuzz>")
            }
            #expect(status >= 0, "\(url.lastPathComponent)")
        }
    }

    @Test func safetensorsInputsDecodeOrThrowAndRoundTrip() throws {
        for url in fuzzRegressions("Safetensors") {
            guard let file = try? SafetensorsFile.decode(Array(try Data(contentsOf: url))) else { continue }
            let again = try SafetensorsFile.decode(try file.encode())
            for entry in file.entries {
                #expect(again.entry(named: entry.name) == entry, "\(url.lastPathComponent)")
            }
        }
    }

    @Test func escapedLabelsRender() throws {
        for url in fuzzRegressions("DOTLabel") {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            // The fuzz target's graph.
            let html = DOTEscaping.htmlAttributeValue(text)
            let dot = """
                digraph G {
                  a [label=\(DOTEscaping.quotedLabel(text)), tooltip=\(DOTEscaping.quotedTooltip(text)), URL=\(DOTEscaping.quotedTooltip(text))];
                  b [label=<<TABLE><TR><TD TOOLTIP="\(html)" HREF="\(html)">\(DOTEscaping.htmlText(text))</TD></TR></TABLE>>];
                  \(DOTEscaping.quoted(text)) -> a [label=\(DOTEscaping.quotedLabel(text, justification: .left))];
                }
                """
            #expect(throws: Never.self, "\(url.lastPathComponent)") {
                _ = try GraphvizRenderer.render(dot: dot, format: .svg)
            }
        }
    }

    /// The fuzz target's program: a small training step.
    static let program = """
        import torch
        import torch.nn as nn
        torch.manual_seed(0)
        model = nn.Linear(3, 2)
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        x = torch.randn(4, 3)
        y = torch.tensor([0, 1, 1, 0])
        for i in range(2):
            out = model(x)
            loss = nn.functional.cross_entropy(out, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(loss.item())
        """

    @Test func debuggerCommandInputsGetAnswers() throws {
        let cases = fuzzRegressions("DebuggerCommand")
        #expect(!cases.isEmpty)
        for url in cases {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            let commands = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(40).map(String.init)
            let io = ScriptedIO(commands: commands + ["q"])
            let status = Interpreter.runOnLargeStack {
                Session(program: DebugProgram(file: "fuzz.py", source: Self.program), io: io,
                        configure: TorchLibrary.install).run()
            }
            #expect(status == 0, "\(url.lastPathComponent)")
        }
    }
}
