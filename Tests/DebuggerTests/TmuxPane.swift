// A tmux pane on a private server (its own socket), for tests that drive the built
// `gradstep` with keystrokes. Runs when tmux and the debug build are present.
import Foundation
import TestProcess

/// The debug build of the executable next to this package's sources.
let gradstepBinary = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../.build/debug/gradstep").standardizedFileURL.path

/// tmux, if installed.
let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Whether the terminal tests can run here.
let terminalTestsCanRun = tmuxPath != nil && FileManager.default.isExecutableFile(atPath: gradstepBinary)

/// One tmux session on a server of its own, so a test neither meets nor leaves behind any
/// other tmux.
struct TmuxPane {
    /// The session's name, also the server's socket name.
    let name: String

    /// Runs a tmux command against this pane's server.
    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        try runChild(tmuxPath ?? "/usr/bin/tmux", ["-L", name] + args, timeout: 10).stdout
    }

    /// Starts the session running `command` in a 100×30 pane.
    func start(_ command: String) throws {
        try tmux(["new-session", "-d", "-s", name, "-x", "100", "-y", "30", command])
    }

    /// Sends keys (tmux key names such as `Enter`, `C-c`, `Tab`).
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    /// What the pane shows now.
    func contents() throws -> String {
        try tmux(["capture-pane", "-t", name, "-p"])
    }

    /// Polls the pane until `text` shows (or gives up after a generous while).
    func waitFor(_ text: String) throws -> Bool {
        for _ in 0..<200 {
            if try contents().contains(text) { return true }
            usleep(50_000)
        }
        return false
    }

    /// Polls until the pane's last line is an empty prompt (libedit is reading keys: keys
    /// sent earlier would meet the terminal's own line editing instead).
    func waitForPrompt() throws -> Bool {
        for _ in 0..<200 {
            let lines = try contents().split(separator: "\n")
            let last = lines.last(where: { line in !line.allSatisfy { $0 == " " } })
            if let last, last.hasSuffix("(gradstep)") || last.hasSuffix("(gradstep) ") { return true }
            usleep(50_000)
        }
        return false
    }

    /// Kills what runs in the pane (the shell leads its process group: gradstep and `sleep`
    /// go with it) and then the private server.
    func stop() {
        if let text = try? tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]),
           let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
        }
        _ = try? tmux(["kill-server"])
    }
}
