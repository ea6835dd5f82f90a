// The terminal side of the debugger: libedit line editing with history and completion,
// colours, and Ctrl-C; plus plain line I/O for pipes and command lists.
import CEditLine
import Debugger
import Rainbow
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes text to standard output right away (the debugger's text must not wait behind a
/// buffer while the learner reads it).
func writeOut(_ text: String) { writeAll(text, to: 1) }

/// Writes text to standard error right away.
func writeError(_ text: String) { writeAll(text, to: 2) }

/// Writes all of `text` to the file descriptor, through short writes; gives up on an error.
private func writeAll(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { raw in write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset) }
        if n <= 0 { break }
        offset += n
    }
}

/// Colours for the debugger's lines (a no-op when Rainbow is disabled).
enum Palette {
    /// Whether to colour at all (Rainbow also checks the output on its own).
    nonisolated(unsafe) static var enabled = false

    /// Decides once whether colour is wanted: a terminal, and no `NO_COLOR`.
    static func configure() {
        enabled = isatty(1) != 0 && getenv("NO_COLOR") == nil
    }

    /// Colours a block of debugger text line by line.
    static func paint(_ text: String) -> String {
        guard Palette.enabled else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let s = String(line)
            if s.hasPrefix("-> ") { return s.green }
            if s.hasPrefix("> ") { return s.cyan }
            if s.hasPrefix(">> ") { return s.yellow.bold }
            if s.hasPrefix("***") { return s.red }
            if s.hasPrefix("ran ") { return s.dim }
            if s.hasPrefix("Breakpoint") { return s.magenta }
            return s
        }.joined(separator: "\n")
    }
}

/// Commands from a list (`-c`, `--commands`) or a pipe, each echoed after the prompt so
/// the output reads as a transcript.
final class LineIO: DebuggerIO {
    private var commands: [String]?

    /// Commands from `list`, or standard input when nil.
    init(commands: [String]?) {
        self.commands = commands
    }

    func readCommand(prompt: String) -> String? {
        let line: String?
        if commands != nil {
            line = commands?.isEmpty == false ? commands?.removeFirst() : nil
        } else {
            line = readLine()
        }
        writeOut(prompt + (line ?? "") + "\n")
        return line
    }

    func write(_ text: String) { writeOut(Palette.paint(text)) }
    func writeProgramOutput(_ text: String) { writeOut(text) }
    func writeProgramError(_ text: String) { writeOut(text) }
}

/// The interactive terminal: libedit's readline with history in `~/.gradstep_history`
/// and tab completion of commands and names.
final class TerminalIO: DebuggerIO {
    private let historyPath: String?

    /// The terminal's settings before libedit touched them (restored after each line, so
    /// Ctrl-C raises SIGINT and the program's own input works while it runs).
    private var savedTerminal = termios()
    private let haveSavedTerminal: Bool

    init() {
        haveSavedTerminal = tcgetattr(0, &savedTerminal) == 0
        if let home = getenv("HOME") {
            historyPath = String(cString: home) + "/.gradstep_history"
        } else {
            historyPath = nil
        }
        using_history()
        if let historyPath { _ = read_history(historyPath) }
        installCompletion()
    }

    /// Sets libedit's `rl_attempted_completion_function` (a C global, reached through its
    /// address so no Swift global state is shared).
    private func installCompletion() {
        #if os(Linux)
        let everywhere = UnsafeMutableRawPointer(bitPattern: 0)
        #else
        let everywhere = UnsafeMutableRawPointer(bitPattern: -2)
        #endif
        guard let address = dlsym(everywhere, "rl_attempted_completion_function") else { return }
        address.assumingMemoryBound(to: Optional<CompletionFunction>.self).pointee = completeWord
    }

    deinit {
        if let historyPath { _ = write_history(historyPath) }
    }

    func readCommand(prompt: String) -> String? {
        Interrupts.atPrompt = true
        defer { Interrupts.atPrompt = false }
        // Plain prompt: libedit counts escape codes as printed characters.
        let result = readline(prompt)
        if haveSavedTerminal { _ = tcsetattr(0, TCSANOW, &savedTerminal) }
        if Interrupts.session != nil { Interrupts.installHandler() }
        guard let raw = result else {
            writeOut("\n")
            return nil
        }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.trimmingCharacters(in: " ").isEmpty {
            add_history(raw)
            if let historyPath { _ = write_history(historyPath) }
        }
        return line
    }

    func write(_ text: String) { writeOut(Palette.paint(text)) }
    func writeProgramOutput(_ text: String) { writeOut(text) }
    func writeProgramError(_ text: String) { writeOut(Palette.enabled ? text.red : text) }
}

extension String {
    /// The string without the given leading and trailing characters.
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
