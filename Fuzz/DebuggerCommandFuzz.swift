// libFuzzer target: the debugger's command line on arbitrary text, at stops in a small
// training step. Each input line is one command; any text must get an answer, never a trap.
import Debugger
import MiniPy
import Torch

/// The program the commands are typed into: forward, loss, backward, step.
let program = """
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

/// Stops a session after a fixed number of line events inside Python run from a command.
final class BudgetedIO: DebuggerIO {
    var commands: [String]
    init(commands: [String]) { self.commands = commands }
    func readCommand(prompt: String) -> String? {
        commands.isEmpty ? nil : commands.removeFirst()
    }
    func write(_ text: String) {}
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDebuggerCommands(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var commands = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(40).map(String.init)
    // Statements typed with `!` may loop forever; those are the interpreter target's business.
    if commands.contains(where: { $0.contains("while") || $0.contains("range(") && $0.contains("**") }) {
        return -1
    }
    // `!` statements and `graph -o` can write and remove files; a mutated seed must not reach
    // the file system outside the fuzzing folder.
    if ["os", "open", "save", "csv", "json", "-o"].contains(where: { text.contains($0) }) { return -1 }
    // `time.sleep` really sleeps: a mutated delay only slows the run down.
    if text.contains("sleep") { return -1 }
    commands.append("q")
    let io = BudgetedIO(commands: commands)
    _ = Interpreter.runOnLargeStack {
        Session(program: DebugProgram(file: "fuzz.py", source: program), io: io,
                configure: TorchLibrary.install).run()
    }
    return 0
}
