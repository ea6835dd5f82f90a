// One golden transcript per lesson, of its central moment: the lesson read from the
// repository's lessons/ folder (found from this file's path), the commands from
// Transcripts/lessons/NAME.commands, the session compared with NAME.expected.
// `GRADSTEP_RECORD=1` rewrites the expected files. Every command file ends with `q` before
// the lesson writes any file.
import Foundation
import Testing
import Torch
@testable import Debugger

/// The repository's lessons/ folder.
let lessonFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lessons")

/// Every lesson with a command file, in order.
let lessonTranscriptNames: [String] = {
    let folder = transcriptFolder.appendingPathComponent("lessons")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".commands") }.map { String($0.dropLast(".commands".count)) }.sorted()
}()

/// Runs lesson `name` under the debugger with its commands; returns the whole transcript.
func runLessonTranscript(_ name: String) throws -> String {
    let source = try String(contentsOf: lessonFolder.appendingPathComponent(name + ".py"), encoding: .utf8)
    let commands = try String(contentsOf: transcriptFolder.appendingPathComponent("lessons/\(name).commands"),
                              encoding: .utf8)
    let io = ScriptedIO(commands: ScriptedIO.splitCommands(commands))
    let session = Session(program: DebugProgram(file: name + ".py", source: source,
                                                searchPaths: [lessonFolder.path]),
                          io: io, configure: TorchLibrary.install)
    let status = session.run()
    return io.transcript + "[exit status \(status)]\n"
}

@Suite(.enabled(if: torchAvailable, "the torch bindings are not in this build"))
struct LessonTranscripts {
    @Test func everyLessonHasATranscript() throws {
        let lessons = try FileManager.default.contentsOfDirectory(atPath: lessonFolder.path)
            .filter { $0.hasSuffix(".py") && ($0.first?.isNumber ?? false) }.map { String($0.dropLast(3)) }
        #expect(lessons.count >= 13)
        #expect(Set(lessons) == Set(lessonTranscriptNames))
    }

    @Test(arguments: lessonTranscriptNames)
    func centralMoment(_ name: String) throws {
        let actual = try runLessonTranscript(name)
        let url = transcriptFolder.appendingPathComponent("lessons/\(name).expected")
        if ProcessInfo.processInfo.environment["GRADSTEP_RECORD"] != nil {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "transcript of \(name) differs; rerun with GRADSTEP_RECORD=1 and review the diff")
    }
}

/// The committed gallery (graphs/<lesson>/*.dot) is what the lessons' `# graph:` directives
/// draw today.
@Suite(.enabled(if: torchAvailable, "the torch bindings are not in this build"))
struct GalleryStaleness {
    static let graphs = lessonFolder.deletingLastPathComponent().appendingPathComponent("graphs")

    static var lessonsWithDirectives: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lessonFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".py") && ($0.first?.isNumber ?? false) }.sorted().filter { name in
            let source = (try? String(contentsOf: lessonFolder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return !GraphDirective.all(in: source).isEmpty
        }.map { String($0.dropLast(3)) }
    }

    @Test func someLessonsHavePictures() {
        #expect(Self.lessonsWithDirectives.count >= 3)
    }

    @Test(arguments: lessonsWithDirectives)
    func committedDOTIsCurrent(_ name: String) throws {
        let source = try String(contentsOf: lessonFolder.appendingPathComponent(name + ".py"), encoding: .utf8)
        let pictures = Gallery.render(program: DebugProgram(file: name + ".py", source: source,
                                                            searchPaths: [lessonFolder.path]),
                                      configure: TorchLibrary.install)
        for picture in pictures {
            let dot = try #require(picture.dot, "\(name):\(picture.directive.line): \(picture.problem ?? "")")
            let url = Self.graphs.appendingPathComponent("\(name)/\(picture.directive.pictureName).dot")
            let committed = try? String(contentsOf: url, encoding: .utf8)
            #expect(committed == dot, "graphs/\(name)/\(picture.directive.pictureName).dot is stale: run gradstep gallery")
        }
        // No picture left behind by a directive that was removed or renamed.
        let drawn = Set(pictures.map { $0.directive.pictureName + ".dot" })
        let committed = (try? FileManager.default.contentsOfDirectory(atPath: Self.graphs.appendingPathComponent(name).path)) ?? []
        for file in committed where file.hasSuffix(".dot") {
            #expect(drawn.contains(file), "graphs/\(name)/\(file) has no # graph: directive any more")
        }
    }
}

@Suite struct GraphDirectiveParsing {
    @Test func stopLineSkipsCommentsAndBlankLines() {
        let source = "x = 1\n    # graph: loss --grads\n\n    # step next\n    optimizer.step()\n#graph: a.b[0] --saved\n"
        let found = GraphDirective.all(in: source)
        // The second directive has no code after it, so it draws nothing.
        #expect(found == [GraphDirective(line: 2, stopLine: 5, expression: "loss", grads: true, saved: false, ordinal: 1)])
        #expect(found.first?.pictureName == "01-loss-grads")
    }

    @Test func namesComeFromTheExpressionAndFlags() {
        let found = GraphDirective.all(in: "# graph: model(x)[0] --saved --grads\ny = 2\n# graph:\nz = 3\n")
        #expect(found.map(\.pictureName) == ["01-model-x-0-grads-saved", "02-loss"])
        #expect(found.map(\.stopLine) == [2, 4])
    }

    @Test func ordinaryCommentsAreNotDirectives() {
        #expect(GraphDirective.all(in: "# graphs are nice\n# graph loss\nx = 1\n").isEmpty)
    }
}
