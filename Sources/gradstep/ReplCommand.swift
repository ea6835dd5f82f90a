import ArgumentParser
import Debugger

/// `gradstep repl`: a prompt with torch, nn and F imported and every debugger command.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "An interactive prompt with torch, nn and F imported; debugger commands work too."
    )

    @Option(name: .customShort("c"), help: "Commands separated by ';'.")
    var commands: String?

    static let prelude = """
        import torch
        import torch.nn as nn
        import torch.nn.functional as F
        _repl = None
        """

    func run() throws {
        let program = DebugProgram(file: "<repl>", source: Self.prelude)
        let status = runSession(program, scripted: commands.map(ScriptedIO.splitCommands), firstStopLine: 4)
        if status != 0 { throw ExitCode(status) }
    }
}
