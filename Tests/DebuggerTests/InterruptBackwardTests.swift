// Ctrl-C while backward runs: the session stops at the next Python line (here inside a
// gradient hook, in the middle of backward) with the program's state intact, and running
// on finishes backward as if nothing had happened.
import Testing
import MiniPy
import Torch
@testable import Debugger

@Suite struct InterruptInsideBackward {
    static let program = """
        import torch
        import ctl
        w = torch.ones(3, requires_grad=True)
        def hook(g):
            ctl.interrupt()
            return g
        handle = w.register_hook(hook)
        loss = (w * 2).sum()
        loss.backward()
        print("grad", w.grad)
        """

    @Test func stopsInsideBackwardAndFinishesAfterward() {
        let io = ScriptedIO(commands: ["c", "w", "p loss.item()", "c"])
        let session = interruptibleSession(file: "interrupt_backward.py", source: Self.program, io: io, torch: true)
        let status = session.run()
        let transcript = io.transcript
        #expect(status == 0)
        // The stop is inside the hook, which backward called.
        #expect(transcript.contains("-> return g"), "\(transcript)")
        #expect(transcript.contains("(gradstep) p loss.item()\n6.0\n"), "\(transcript)")
        // The stack shows the lesson line that called backward.
        #expect(transcript.contains("interrupt_backward.py(9)<module>()\n-> loss.backward()"), "\(transcript)")
        #expect(transcript.contains("grad tensor([2., 2., 2.])"), "\(transcript)")
    }
}
