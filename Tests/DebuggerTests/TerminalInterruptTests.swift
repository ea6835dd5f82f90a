// Ctrl-C at the prompt, in the real terminal: pressed twice it never ends the session
// (only Ctrl-D or `q` do), and the next command is answered.
import Foundation
import TestProcess
import Testing

@Suite(.enabled(if: tmuxPath != nil && FileManager.default.isExecutableFile(atPath: gradstepBinary),
                "needs tmux and a built gradstep"))
struct TerminalInterruptAtPrompt {
    let session = "gradstep-ctrlc-\(getpid())"

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        try runChild(tmuxPath ?? "/usr/bin/tmux", ["-L", session] + args, timeout: 10).stdout
    }

    func waitFor(_ text: String) throws -> Bool {
        for _ in 0..<200 {
            if try tmux(["capture-pane", "-t", session, "-p"]).contains(text) { return true }
            usleep(50_000)
        }
        return false
    }

    @Test func secondCtrlCAtThePromptKeepsTheSession() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(session)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "30",
                  "cd \(folder.path) && HOME=\(folder.path) NO_COLOR=1 \(gradstepBinary) repl; echo EXITED; sleep 5"])
        defer { _ = try? tmux(["kill-server"]) }
        #expect(try waitFor("(gradstep)"))
        usleep(200_000)
        try tmux(["send-keys", "-t", session, "C-c"])
        usleep(200_000)
        try tmux(["send-keys", "-t", session, "C-c"])
        usleep(200_000)
        try tmux(["send-keys", "-t", session, "p 6*7", "Enter"])
        let answered = try waitFor("42")
        let shown = try tmux(["capture-pane", "-t", session, "-p"])
        #expect(answered, "\(shown)")
        let pane = try tmux(["capture-pane", "-t", session, "-p"])
        #expect(!pane.contains("EXITED"), "\(pane)")
        try tmux(["send-keys", "-t", session, "C-d"])
        #expect(try waitFor("EXITED"))
    }
}
