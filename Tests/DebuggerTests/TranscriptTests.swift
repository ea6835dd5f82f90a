// Golden transcripts: a program and the commands typed at its stops, the whole session's
// text compared with a committed expected file. `GRADSTEP_RECORD=1` rewrites the files.
import Foundation
import Testing
import Autograd
import MiniPy
import Torch
@testable import Debugger

/// The folder holding the transcript cases.
let transcriptFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Transcripts")

/// Runs `NAME.py` with the commands in `NAME.commands` and returns the transcript.
func runTranscript(_ name: String, program: String? = nil,
                   configure: @escaping (Interpreter) -> Void = { _ in }) throws -> String {
    let source = try String(contentsOf: transcriptFolder.appendingPathComponent((program ?? name) + ".py"), encoding: .utf8)
    let commandText = try String(contentsOf: transcriptFolder.appendingPathComponent(name + ".commands"), encoding: .utf8)
    let io = ScriptedIO(commands: ScriptedIO.splitCommands(commandText))
    let session = Session(program: DebugProgram(file: (program ?? name) + ".py", source: source,
                                                searchPaths: [transcriptFolder.path]),
                          io: io, configure: configure)
    let status = session.run()
    return io.transcript + "[exit status \(status)]\n"
}

/// Compares with `NAME.expected` (or records it).
func checkTranscript(_ name: String, program: String? = nil,
                     configure: @escaping (Interpreter) -> Void = { _ in }) throws {
    let actual = try runTranscript(name, program: program, configure: configure)
    let url = transcriptFolder.appendingPathComponent(name + ".expected")
    if ProcessInfo.processInfo.environment["GRADSTEP_RECORD"] != nil {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "transcript \(name) differs; rerun with GRADSTEP_RECORD=1 and review the diff")
}

@Suite struct PlainPythonTranscripts {
    @Test func stepping() throws { try checkTranscript("stepping") }
    @Test func back() throws { try checkTranscript("back") }
    @Test func postMortem() throws { try checkTranscript("postmortem") }
    @Test func display() throws { try checkTranscript("display") }
    @Test func breakpointsAndListing() throws { try checkTranscript("stepping2", program: "stepping") }
}

@Suite struct EngineBackwardTranscripts {
    @Test func stepIntoBackward() throws {
        try checkTranscript("engine_backward", configure: EngineDemo.install)
    }
    @Test func restartAndQuitInsideBackward() throws {
        try checkTranscript("engine_quit", program: "engine_backward", configure: EngineDemo.install)
    }
    @Test func nodeBreakpointAndBackInsideBackward() throws {
        try checkTranscript("engine_breakpoint", program: "engine_backward", configure: EngineDemo.install)
    }
}

/// True when the torch bindings are present (`import torch` builds a model).
let torchAvailable: Bool = {
    let interp = Interpreter(stdout: CapturedOutput(), stderr: CapturedOutput())
    TorchLibrary.install(into: interp)
    return (try? interp.runModule(source: "import torch\ntorch.nn.Linear(2, 2)(torch.zeros(1, 2)).sum().backward()\n",
                                  file: "<probe>", name: "__probe__")) != nil
}()

@Suite(.enabled(if: torchAvailable, "the torch bindings are not in this build"))
struct TorchTranscripts {
    @Test func loopPhases() throws {
        try checkTranscript("torch_phases", program: "torch_loop", configure: TorchLibrary.install)
    }
    @Test func nextPhaseStopsBeforeABackwardOnTheLastLine() throws {
        try checkTranscript("torch_backward_last", configure: TorchLibrary.install)
    }
    @Test func mlpCrossEntropyBackward() throws {
        try checkTranscript("torch_backward", program: "torch_loop", configure: TorchLibrary.install)
    }
    @Test func gradsAndDiffAroundStepAndZeroGrad() throws {
        try checkTranscript("torch_step_zero_grad", program: "torch_loop", configure: TorchLibrary.install)
    }
    @Test func nodeBreakpointAndBack() throws {
        try checkTranscript("torch_node_breakpoint", program: "torch_loop", configure: TorchLibrary.install)
    }
    @Test func postMortemInsideTheLibrary() throws {
        try checkTranscript("torch_postmortem", configure: TorchLibrary.install)
    }
    @Test func anomalyInForwardAndInBackward() throws {
        try checkTranscript("anomaly", configure: TorchLibrary.install)
    }
    @Test func whyEachTensorHasNoGradient() throws {
        try checkTranscript("why", configure: TorchLibrary.install)
    }
}

/// Ctrl-C arriving while the program runs, simulated by a native `ctl.interrupt()`.
@Suite struct InterruptTranscripts {
    @Test func interruptStopsAndBackReturnsThere() throws {
        let source = try String(contentsOf: transcriptFolder.appendingPathComponent("interrupt.py"), encoding: .utf8)
        let commands = try String(contentsOf: transcriptFolder.appendingPathComponent("interrupt.commands"), encoding: .utf8)
        let io = ScriptedIO(commands: ScriptedIO.splitCommands(commands))
        let session = interruptibleSession(file: "interrupt.py", source: source, io: io, torch: false)
        let status = session.run()
        let actual = io.transcript + "[exit status \(status)]\n"
        let url = transcriptFolder.appendingPathComponent("interrupt.expected")
        if ProcessInfo.processInfo.environment["GRADSTEP_RECORD"] != nil {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(actual == (try String(contentsOf: url, encoding: .utf8)))
    }
}

/// A session whose program can `import ctl` and call `ctl.interrupt()`: the same request a
/// Ctrl-C makes, at a chosen point of the program. `torch` installs the torch library too.
func interruptibleSession(file: String, source: String, io: DebuggerIO, torch: Bool) -> Session {
    final class SessionBox: @unchecked Sendable { var session: Session? }
    let box = SessionBox()
    let session = Session(program: DebugProgram(file: file, source: source), io: io) { interp in
        if torch { TorchLibrary.install(into: interp) }
        interp.registerNativeModule("ctl") { _ in
            let m = PyModule(name: "ctl")
            m.define("interrupt") { _, _, _ in
                box.session?.requestInterrupt()
                return .none
            }
            return m
        }
    }
    box.session = session
    return session
}
