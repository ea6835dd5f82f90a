import ArgumentParser
import Debugger
import MiniPy
import Torch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `gradstep debug FILE.py` (also plain `gradstep FILE.py`): step through a lesson.
struct DebugCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug",
        abstract: "Step through a Python file: lines, phases, and node by node through backward."
    )

    @Option(name: .customLong("commands"), help: "Read debugger commands from this file, one per line.")
    var commandsFile: String?

    @Option(name: .customShort("c"), help: "Debugger commands separated by ';' (e.g. 'n;n;s;grads').")
    var commands: String?

    @Flag(help: "Redraw graphs/<lesson>/live.png at every stop (as typing `live on` at the start).")
    var live = false

    @ArgumentParser.Argument(help: "The Python file to debug.")
    var file: String

    @ArgumentParser.Argument(parsing: .captureForPassthrough, help: "Arguments passed to the program.")
    var arguments: [String] = []

    func run() throws {
        guard let source = readTextFile(file) else {
            throw ValidationError("can't open file '\(file)': No such file or directory")
        }
        // The debugger's own options may also follow the file (`gradstep FILE.py -c q
        // --live`); the program's arguments come after them, or after `--`. Left to the
        // program, a `-c` would make the debugger wait for commands on standard input.
        var programArguments = arguments[...]
        var live = self.live
        var commandsFile = self.commandsFile
        var commandText = commands.map { [$0] } ?? []
        options: while let first = programArguments.first {
            switch first {
            case "--live":
                live = true
            case "-c", "--commands":
                guard programArguments.count >= 2 else { throw ValidationError("\(first) needs a value") }
                programArguments.removeFirst()
                if first == "-c" { commandText.append(programArguments[programArguments.startIndex]) }
                else { commandsFile = programArguments[programArguments.startIndex] }
            case "--":
                programArguments.removeFirst()
                break options
            default:
                break options
            }
            programArguments.removeFirst()
        }
        var scripted: [String]?
        if let commandsFile {
            guard let text = readTextFile(commandsFile) else {
                throw ValidationError("can't open file '\(commandsFile)'")
            }
            scripted = ScriptedIO.splitCommands(text)
        }
        for text in commandText { scripted = (scripted ?? []) + ScriptedIO.splitCommands(text) }
        let dir = file.contains("/") ? String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)]) : ""
        let program = DebugProgram(file: file, source: source, arguments: Array(programArguments),
                                   searchPaths: [dir.isEmpty && file.hasPrefix("/") ? "/" : dir])
        let status = runSession(program, scripted: scripted, live: live)
        if status != 0 { throw ExitCode(status) }
    }
}

/// Runs a session with the terminal (or with commands from a list or a pipe).
func runSession(_ program: DebugProgram, scripted: [String]?, firstStopLine: Int? = nil, live: Bool = false) -> Int32 {
    Palette.configure()
    let interactive = scripted == nil && isatty(0) != 0
    let io: DebuggerIO = interactive ? TerminalIO() : LineIO(commands: scripted)
    let session = Session(program: program, io: io, configure: installLibraries)
    session.firstStopLine = firstStopLine
    session.liveFromStart = live
    if interactive {
        session.onStop = { names in CompletionWords.names = names }
        Interrupts.install(for: session)
    }
    return session.run()
}

/// A text file's contents, nil when it cannot be read.
func readTextFile(_ path: String) -> String? {
    guard let h = fopen(path, "r") else { return nil }
    defer { fclose(h) }
    var bytes: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buf, 1, buf.count, h)
        if n <= 0 { break }
        bytes.append(contentsOf: buf[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}
