// The built `gradstep` as a learner types it: debugger options after the file (`--live`,
// `-c`), and the live picture they ask for.
import Foundation
import TestProcess
import Testing
@testable import Debugger

@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: gradstepBinary), "needs a built gradstep"))
struct CommandLineTests {
    @Test func liveAndCommandsAfterTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradstep-cli-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lesson = try String(contentsOf: transcriptFolder.appendingPathComponent("torch_loop.py"), encoding: .utf8)
        try lesson.write(to: folder.appendingPathComponent("loop.py"), atomically: true, encoding: .utf8)
        let result = try runChild(gradstepBinary, ["loop.py", "--live", "-c", "unt 17;n;q", "--", "extra"],
                                  directory: folder.path, environment: ["NO_COLOR": "1"], timeout: 60)
        #expect(!result.timedOut)
        #expect(result.stdout.contains("live graph: graphs/loop/live.png is redrawn at every stop"))
        #expect(result.stdout.contains("ran 17: optimizer.zero_grad()"))
        let png = folder.appendingPathComponent("graphs/loop/live.png")
        let bytes = try Data(contentsOf: png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func withoutCommandsAndNoTerminalItQuitsAtEndOfInput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradstep-eof-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "x = 1\nprint(x)\n".write(to: folder.appendingPathComponent("one.py"), atomically: true, encoding: .utf8)
        // Standard input is /dev/null: the first prompt reads end of input and quits.
        let result = try runChild(gradstepBinary, ["one.py"], directory: folder.path, timeout: 60)
        #expect(!result.timedOut)
        #expect(result.stdout.contains("(gradstep) "))
    }

    /// The version `GradStep.swift` declares (the executable cannot be imported by a test).
    func declaredVersion() throws -> String {
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/gradstep/GradStep.swift").standardizedFileURL, encoding: .utf8)
        let line = try #require(source.split(separator: "\n").first { $0.contains("static let version = \"") })
        return String(line.split(separator: "\"")[1])
    }

    @Test func versionPrintsTheDeclaredVersion() throws {
        let version = try declaredVersion()
        #expect(version.split(separator: ".").count == 3 && version.split(separator: ".").allSatisfy { Int($0) != nil })
        let result = try runChild(gradstepBinary, ["--version"], environment: ["NO_COLOR": "1"], timeout: 60)
        #expect(!result.timedOut)
        #expect(result.status == 0)
        #expect(result.stdout == version + "\n")
        #expect(result.stderr.isEmpty)
    }

    @Test(arguments: ["--help", "-h"])
    func helpShowsOverviewUsageAndSubcommands(_ flag: String) throws {
        let result = try runChild(gradstepBinary, [flag], environment: ["NO_COLOR": "1", "COLUMNS": "80"], timeout: 60)
        #expect(!result.timedOut)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "OVERVIEW: Step through the deep-learning training loop of a PyTorch script.")
        #expect(lines.contains("USAGE: gradstep <subcommand>"))
        #expect(lines.contains { $0.hasPrefix("  --version ") && $0.hasSuffix("Show the version.") })
        #expect(result.stdout.contains("See 'gradstep help <subcommand>' for detailed help."))
        // The names listed under SUBCOMMANDS, in order (continuation lines are indented further).
        let section = lines.drop { $0 != "SUBCOMMANDS:" }.dropFirst().prefix { !$0.isEmpty }
        let names = section.filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(names == ["debug", "run", "repl", "lessons", "graph", "gallery"])
        #expect(section.first?.hasPrefix("  debug (default) ") == true)
        #expect(section.contains { $0.hasPrefix("  lessons ") && $0.hasSuffix("List the lessons in lessons/ with their titles.") })
    }
}

@Suite struct NodeOriginTests {
    @Test func aSequenceNumberMapsToTheLineThatWasRunning() {
        var origins = NodeOrigins()
        origins.note(sequence: 0, line: 3)
        origins.note(sequence: 0, line: 4)   // line 3 made no node
        origins.note(sequence: 5, line: 6)
        origins.note(sequence: 9, line: 2)
        #expect(origins.line(of: 0) == 4)
        #expect(origins.line(of: 4) == 4)
        #expect(origins.line(of: 5) == 6)
        #expect(origins.line(of: 8) == 6)
        #expect(origins.line(of: 40) == 2)
        #expect(NodeOrigins().line(of: 1) == nil)
    }
}
