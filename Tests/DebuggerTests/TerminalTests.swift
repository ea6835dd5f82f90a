// The real terminal, end to end: the built `gradstep` inside tmux, driven by keystrokes
// (line editing, tab completion, Ctrl-C, Ctrl-D). Runs when both are present.
import Foundation
import Testing

@Suite(.enabled(if: terminalTestsCanRun, "needs tmux and a built gradstep"))
struct TerminalTests {
    let pane = TmuxPane(name: "gradstep-test-\(getpid())")

    @Test func editingCompletionInterruptAndEndOfInput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(pane.name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let program = folder.appendingPathComponent("spin.py")
        try "total = 0\ni = 0\nwhile True:\n    i += 1\n    total += i\n".write(to: program, atomically: true, encoding: .utf8)
        // Cleanup is armed before the server exists: a start that timed out may still have
        // started it.
        defer { pane.stop() }
        try pane.start("cd \(folder.path) && HOME=\(folder.path) NO_COLOR=1 \(gradstepBinary) spin.py; echo EXITED; sleep 5")
        #expect(try pane.waitForPrompt())
        try pane.send("n", "Enter")
        #expect(try pane.waitFor("-> i = 0"))
        #expect(try pane.waitForPrompt())
        // Completion: `to` + Tab completes to `total`; editing: a typo fixed with Backspace.
        try pane.send("p to", "Tab")
        try pane.send("x", "BSpace", "Enter")
        #expect(try pane.waitFor("p total"))
        #expect(try pane.waitForPrompt())
        try pane.send("c", "Enter")
        usleep(300_000)
        try pane.send("C-c")
        #expect(try pane.waitFor("ran up to"))
        #expect(try pane.waitForPrompt())
        try pane.send("p i > 0", "Enter")
        #expect(try pane.waitFor("True"))
        #expect(try pane.waitForPrompt())
        try pane.send("C-d")
        #expect(try pane.waitFor("EXITED"))
        let history = try String(contentsOf: folder.appendingPathComponent(".gradstep_history"), encoding: .utf8)
        #expect(history.contains("p\\040i\\040>\\0400") || history.contains("p i > 0"))
    }
}
