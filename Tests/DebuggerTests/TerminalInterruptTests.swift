// Ctrl-C at the prompt, in the real terminal: pressed twice it never ends the session
// (only Ctrl-D or `q` do), and the next command is answered.
import Foundation
import Testing

@Suite(.enabled(if: terminalTestsCanRun, "needs tmux and a built gradstep"))
struct TerminalInterruptAtPrompt {
    let pane = TmuxPane(name: "gradstep-ctrlc-\(getpid())")

    @Test func secondCtrlCAtThePromptKeepsTheSession() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(pane.name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        defer { pane.stop() }
        try pane.start("cd \(folder.path) && HOME=\(folder.path) NO_COLOR=1 \(gradstepBinary) repl; echo EXITED; sleep 5")
        #expect(try pane.waitFor("(gradstep)"))
        usleep(200_000)
        try pane.send("C-c")
        usleep(200_000)
        try pane.send("C-c")
        usleep(200_000)
        try pane.send("p 6*7", "Enter")
        let answered = try pane.waitFor("42")
        let shown = try pane.contents()
        #expect(answered, "\(shown)")
        #expect(!shown.contains("EXITED"), "\(shown)")
        try pane.send("C-d")
        #expect(try pane.waitFor("EXITED"))
    }
}
