import Testing
import MiniPy
import Torch
@testable import Debugger

/// Going back re-runs the program; the run left behind must be freed, not kept.
@Suite struct SessionMemoryTests {
    /// Weak references to the objects a program hands to `probe.watch`.
    final class Watched: @unchecked Sendable {
        final class WeakBox {
            weak var object: PyObject?
            init(_ object: PyObject) { self.object = object }
        }
        var boxes: [WeakBox] = []
        var alive: Int { boxes.filter { $0.object != nil }.count }
    }

    @Test func backFreesThePreviousRun() {
        let source = """
            import probe
            import torch
            import torch.nn as nn
            class Model(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(2, 1)
                def forward(self, x):
                    return self.fc(x)
            model = Model()
            probe.watch(model)
            loss = model(torch.ones(1, 2)).sum()
            loss.backward()
            print(loss.item() != 0)
            """
        let watched = Watched()
        // Each `back` replays the run up to the line before; `watch` runs again in each replay
        // that goes past it.
        let commands = ["n", "n", "n", "n", "n", "n", "n", "n", "back", "back", "n", "back", "c"]
        let status: Int32 = Interpreter.runOnLargeStack {
            let io = ScriptedIO(commands: commands)
            let session = Session(program: DebugProgram(file: "memory.py", source: source), io: io) { interp in
                TorchLibrary.install(into: interp)
                interp.registerNativeModule("probe") { _ in
                    let module = PyModule(name: "probe")
                    module.define("watch") { _, args, _ in
                        if case .object(let object)? = args.first { watched.boxes.append(Watched.WeakBox(object)) }
                        return .none
                    }
                    return module
                }
            }
            return session.run()
        }
        #expect(status == 0)
        // One model per run: the first run and the three replays that `back` made.
        #expect(watched.boxes.count >= 4)
        let alive = watched.alive
        #expect(alive == 0, "\(alive) of \(watched.boxes.count) runs' models are still alive")
    }
}
