import ArgumentParser
import Debugger
import GraphRender
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `gradstep graph FILE.py [--line N] [--expr NAME] [--grads] [--saved] [-o PATH]
/// [--format png|svg|dot]`: runs a script to a line (or to its end) and draws the autograd
/// graph of a tensor there.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Run a Python file to a line (or to its end) and draw the autograd graph of a tensor there.",
        discussion: """
            Without --expr the tensor drawn is the last one backward was called on, or else the \
            newest tensor with a grad_fn. The path written is printed; by default it is \
            graphs/<script>/line-N.png (or end.png), SVG when the graph is too large for a bitmap.
            """
    )

    @ArgumentParser.Argument(help: "The Python file.")
    var file: String

    @Option(help: "Stop before this line first runs (default: run the script to its end).")
    var line: Int?

    @Option(name: .customLong("at"), help: .hidden)
    var at: Int?

    @Option(help: "The tensor to draw, a Python expression evaluated where the script stopped.")
    var expr: String?

    @Flag(help: "Label edges with the gradients of the last backward pass.")
    var grads = false

    @Flag(help: "Show each node's saved tensors.")
    var saved = false

    @Option(name: .customShort("o"), help: ArgumentHelp("Where to write the picture (.png, .svg or .dot).", valueName: "path"))
    var output: String?

    @Option(help: ArgumentHelp("png, svg or dot (default: from -o's extension, else png; svg for large graphs).",
                               valueName: "format"))
    var format: String?

    func validate() throws {
        if line != nil, at != nil, line != at {
            throw ValidationError("--at is another name for --line; give one of them")
        }
        // Format mistakes are found before the script runs.
        if case .failure(let error) = GraphOutput.resolve(format: format, output: output, preferred: .png, defaultStem: "") {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        guard let source = readTextFile(file) else {
            writeError("gradstep graph: can't open file '\(file)': No such file or directory\n")
            throw ExitCode(2)
        }
        let dir = file.contains("/") ? String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)]) : ""
        let program = DebugProgram(file: file, source: source,
                                   searchPaths: [dir.isEmpty && file.hasPrefix("/") ? "/" : dir])
        let request = GraphSnapshotRequest(line: line ?? at, expression: expr, grads: grads, saved: saved)
        let snapshot: GraphSnapshot
        switch GraphSnapshot.take(program: program, request: request, configure: installLibraries) {
        case .success(let taken): snapshot = taken
        case .failure(let error):
            if case .scriptFailed = error {
                writeError(error.description + "\n")
            } else {
                writeError("gradstep graph: \(error)\n")
            }
            throw ExitCode(error.exitStatus)
        }
        let target: GraphOutput
        switch GraphOutput.resolve(format: format, output: output, preferred: snapshot.picture.preferredFormat,
                                   defaultStem: snapshot.defaultPathStem(scriptFile: file, expression: expr)) {
        case .success(let resolved): target = resolved
        case .failure(let error):
            writeError("gradstep graph: \(error)\n")
            throw ExitCode(2)
        }
        do {
            try target.write(snapshot.picture)
        } catch {
            writeError("gradstep graph: \(error)\n")
            throw ExitCode(1)
        }
        writeOut(target.path + "\n")
    }
}
