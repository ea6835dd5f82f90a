// The debugger's only contact with the outside: lines in, text out.

/// Where commands come from and where the debugger's and the program's text goes.
public protocol DebuggerIO: AnyObject {
    /// Reads one command line after showing `prompt`; nil at end of input (quit).
    func readCommand(prompt: String) -> String?
    /// Writes debugger text.
    func write(_ text: String)
    /// Writes what the program printed (a terminal may show it differently).
    func writeProgramOutput(_ text: String)
    /// Writes what the program printed to standard error.
    func writeProgramError(_ text: String)
}

extension DebuggerIO {
    /// Program output goes with the debugger's text unless the host says otherwise.
    public func writeProgramOutput(_ text: String) { write(text) }
    /// Program errors go with the debugger's text unless the host says otherwise.
    public func writeProgramError(_ text: String) { write(text) }
}

/// Commands from a list, everything written collected into one transcript: the prompt and
/// each command are echoed, as a terminal would show them, so the transcript reads alone.
public final class ScriptedIO: DebuggerIO {
    private var commands: [String]
    /// Everything written so far.
    public private(set) var transcript = ""

    /// Reads `commands` in order, then reports end of input.
    public init(commands: [String]) {
        self.commands = commands
    }

    /// Splits `-c 'n;n;s'` style text into commands (newlines separate them as well).
    public static func splitCommands(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "\n" })
            .map { String($0).trimmingCharacters() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// The next command, echoed after the prompt.
    public func readCommand(prompt: String) -> String? {
        guard !commands.isEmpty else {
            transcript += prompt + "\n"
            return nil
        }
        let c = commands.removeFirst()
        transcript += prompt + c + "\n"
        return c
    }

    /// Appends to the transcript.
    public func write(_ text: String) { transcript += text }
}

extension String {
    /// The string without leading and trailing blanks.
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
