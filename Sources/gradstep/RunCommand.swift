import ArgumentParser
import MiniPy

/// `gradstep run FILE.py [args]` / `gradstep run -c CODE`: runs a program as `python3` does.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Python file (or -c code) with GradStep's interpreter, as python3 would."
    )

    @Option(name: .customShort("c"), help: "Program passed in as a string.")
    var command: String?

    @ArgumentParser.Argument(parsing: .captureForPassthrough, help: "The script and its arguments.")
    var arguments: [String] = []

    func run() throws {
        let status: Int32
        if let command {
            status = Interpreter.runProgram(.command(command), arguments: arguments)
        } else {
            guard let file = arguments.first else {
                throw ValidationError("Give a file to run, or -c CODE.")
            }
            status = Interpreter.runProgram(.file(file), arguments: Array(arguments.dropFirst()))
        }
        if status != 0 { throw ExitCode(status) }
    }
}
