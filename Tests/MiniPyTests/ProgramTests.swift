import Foundation
import Testing
@testable import MiniPy

/// Runs a program in-process on a large stack and captures what it prints.
func runCaptured(_ source: String, file: String, searchPath: String = "") -> (stdout: String, stderr: String, status: Int32) {
    Interpreter.runOnLargeStack {
        let out = CapturedOutput(), err = CapturedOutput()
        let interp = Interpreter(stdout: out, stderr: err)
        interp.argv = [file]
        interp.searchPaths = [searchPath]
        let status = interp.runMain(source: source, file: file)
        return (out.text, err.text, status)
    }
}

/// The conformance programs shipped as test resources.
enum ConformancePrograms {
    static var directory: URL? { Bundle.module.url(forResource: "Programs", withExtension: nil) }

    static func names(in subfolder: String?) -> [String] {
        guard var dir = directory else { return [] }
        if let subfolder { dir = dir.appendingPathComponent(subfolder) }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".py") }.sorted()
    }

    static func read(_ name: String, _ ext: String, in subfolder: String? = nil) -> String? {
        guard var dir = directory else { return nil }
        if let subfolder { dir = dir.appendingPathComponent(subfolder) }
        let base = String(name.dropLast(3))
        return try? String(contentsOf: dir.appendingPathComponent(base + ext), encoding: .utf8)
    }
}

struct ConformanceTests {
    @Test func programsArePresent() {
        #expect(ConformancePrograms.names(in: nil).count >= 60)
        #expect(ConformancePrograms.names(in: "errors").count >= 20)
    }

    /// Each program prints exactly what CPython printed (`NAME.out`).
    @Test(arguments: ConformancePrograms.names(in: nil))
    func program(_ name: String) throws {
        let source = try #require(ConformancePrograms.read(name, ".py"))
        let expected = try #require(ConformancePrograms.read(name, ".out"))
        let dir = ConformancePrograms.directory?.path ?? ""
        let result = runCaptured(source, file: name, searchPath: dir)
        #expect(result.stdout == expected)
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    /// Each failing program ends with CPython's exit status and last line of standard error.
    @Test(arguments: ConformancePrograms.names(in: "errors"))
    func failingProgram(_ name: String) throws {
        let source = try #require(ConformancePrograms.read(name, ".py", in: "errors"))
        let expectedLast = try #require(ConformancePrograms.read(name, ".err", in: "errors"))
        let expectedStatus = try #require(ConformancePrograms.read(name, ".rc", in: "errors"))
        let result = runCaptured(source, file: name)
        let lastLine = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().last.map(String.init) ?? ""
        #expect(lastLine + "\n" == expectedLast || (lastLine.isEmpty && expectedLast.isEmpty))
        #expect(String(result.status) == expectedStatus.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
