import ArgumentParser
import Debugger

/// `gradstep graph FILE.py --at LINE [EXPR] [-o PATH]`: runs a lesson to a line and draws
/// the autograd graph of a tensor there (by default `loss`).
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Run a Python file to a line and draw the autograd graph of a tensor there."
    )

    @Option(help: "Stop before this line of the file (the first time it is reached).")
    var at: Int

    @Option(name: .customShort("o"), help: "Where to write the picture (.png or .svg).")
    var output: String?

    @Flag(help: "Label edges with the gradients of the last backward pass.")
    var grads = false

    @Flag(help: "Show each node's saved tensors.")
    var saved = false

    @ArgumentParser.Argument(help: "The Python file.")
    var file: String

    @ArgumentParser.Argument(help: "The tensor to draw (a Python expression).")
    var expression = "loss"

    func run() throws {
        guard let source = readTextFile(file) else {
            throw ValidationError("can't open file '\(file)': No such file or directory")
        }
        let dir = file.contains("/") ? String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)]) : ""
        let program = DebugProgram(file: file, source: source,
                                   searchPaths: [dir.isEmpty && file.hasPrefix("/") ? "/" : dir])
        var draw = "graph \(expression)"
        if grads { draw += " --grads" }
        if saved { draw += " --saved" }
        if let output { draw += " -o \(output)" }
        let io = QuietIO(commands: ["b \(at)", "c", draw, "q"])
        let session = Session(program: program, io: io, configure: installLibraries)
        _ = session.run()
        if !io.wrote { throw ExitCode(1) }
    }
}

/// Runs fixed commands and shows only what the graph command says (the path, or why not).
final class QuietIO: DebuggerIO {
    private var commands: [String]
    /// True once a picture was written.
    private(set) var wrote = false

    init(commands: [String]) {
        self.commands = commands
    }

    func readCommand(prompt: String) -> String? {
        commands.isEmpty ? nil : commands.removeFirst()
    }

    func write(_ text: String) {
        for line in text.split(separator: "\n") where line.hasPrefix("wrote ") || line.hasPrefix("***") {
            if line.hasPrefix("wrote ") { wrote = true }
            writeOut(line + "\n")
        }
    }

    func writeProgramOutput(_ text: String) {}
}
