// The real terminal, end to end: the built `gradstep` inside tmux, driven by keystrokes
// (line editing, tab completion, Ctrl-C, Ctrl-D). Runs when both are present.
import Foundation
import TestProcess
import Testing

/// The debug build of the executable next to this package's sources.
let gradstepBinary = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../.build/debug/gradstep").standardizedFileURL.path

/// tmux, if installed.
let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite(.enabled(if: tmuxPath != nil && FileManager.default.isExecutableFile(atPath: gradstepBinary),
                "needs tmux and a built gradstep"))
struct TerminalTests {
    let session = "gradstep-test-\(getpid())"

    /// Runs a tmux command against this test's own server (its own socket), so the test
    /// neither meets nor leaves behind any other tmux.
    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        try runChild(tmuxPath ?? "/usr/bin/tmux", ["-L", session] + args, timeout: 10).stdout
    }

    /// Polls the pane until `text` shows (or gives up after a generous while).
    func waitFor(_ text: String) throws -> Bool {
        for _ in 0..<200 {
            if try tmux(["capture-pane", "-t", session, "-p"]).contains(text) { return true }
            usleep(50_000)
        }
        return false
    }

    /// Polls until the pane's last line is an empty prompt (libedit is reading keys: keys
    /// sent earlier would meet the terminal's own line editing instead).
    func waitForPrompt() throws -> Bool {
        for _ in 0..<200 {
            let lines = try tmux(["capture-pane", "-t", session, "-p"]).split(separator: "\n")
            let last = lines.last(where: { line in !line.allSatisfy { $0 == " " } })
            if let last, last.hasSuffix("(gradstep)") || last.hasSuffix("(gradstep) ") { return true }
            usleep(50_000)
        }
        return false
    }

    /// Kills what runs in the pane (the shell leads its process group: gradstep and `sleep`
    /// go with it) and then the private tmux server.
    func stopServer() {
        if let text = try? tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]),
           let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
        }
        _ = try? tmux(["kill-server"])
    }

    @Test func editingCompletionInterruptAndEndOfInput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(session)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let program = folder.appendingPathComponent("spin.py")
        try "total = 0\ni = 0\nwhile True:\n    i += 1\n    total += i\n".write(to: program, atomically: true, encoding: .utf8)
        // Cleanup is armed before the server exists: a new-session that timed out may still
        // have started it.
        defer { stopServer() }
        try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "30",
                  "cd \(folder.path) && HOME=\(folder.path) NO_COLOR=1 \(gradstepBinary) spin.py; echo EXITED; sleep 5"])
        #expect(try waitForPrompt())
        try tmux(["send-keys", "-t", session, "n", "Enter"])
        #expect(try waitFor("-> i = 0"))
        #expect(try waitForPrompt())
        // Completion: `to` + Tab completes to `total`; editing: a typo fixed with Backspace.
        try tmux(["send-keys", "-t", session, "p to", "Tab"])
        try tmux(["send-keys", "-t", session, "x", "BSpace", "Enter"])
        #expect(try waitFor("p total"))
        #expect(try waitForPrompt())
        try tmux(["send-keys", "-t", session, "c", "Enter"])
        usleep(300_000)
        try tmux(["send-keys", "-t", session, "C-c"])
        #expect(try waitFor("ran up to"))
        #expect(try waitForPrompt())
        try tmux(["send-keys", "-t", session, "p i > 0", "Enter"])
        #expect(try waitFor("True"))
        #expect(try waitForPrompt())
        try tmux(["send-keys", "-t", session, "C-d"])
        #expect(try waitFor("EXITED"))
        let history = try String(contentsOf: folder.appendingPathComponent(".gradstep_history"), encoding: .utf8)
        #expect(history.contains("p\\040i\\040>\\0400") || history.contains("p i > 0"))
    }
}
