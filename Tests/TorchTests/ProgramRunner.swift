// Runs a Python program through the built `gradstep run`, in a scratch folder that holds a
// copy of the program and of digits.csv, as the shared conformance tool does.
import Foundation
import TestProcess
import Testing

/// What a program printed and how it ended.
struct ProgramResult {
    var stdout: String
    var stderr: String
    var status: Int32

    /// The last non-blank line of stderr (what reference `.err` files hold).
    var lastErrorLine: String {
        stderr.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }
}

/// A program beside its expected output (`NAME.out`, `NAME.err`, `NAME.rc`).
struct ExpectedProgram: CustomTestStringConvertible, Sendable {
    let folder: URL
    let name: String

    var testDescription: String { name }
    var source: URL { folder.appending(path: name + ".py") }

    func expectedStdout() throws -> String {
        let url = folder.appending(path: name + ".out")
        return FileManager.default.fileExists(atPath: url.path) ? try String(contentsOf: url, encoding: .utf8) : ""
    }

    func expectedStatus() throws -> Int32 {
        let url = folder.appending(path: name + ".rc")
        guard FileManager.default.fileExists(atPath: url.path) else { return 0 }
        return Int32(try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    func expectedErrorLine() throws -> String {
        let url = folder.appending(path: name + ".err")
        guard FileManager.default.fileExists(atPath: url.path) else { return "" }
        return try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every `.py` in a resource folder of this test target.
    static func all(in resourceFolder: String) -> [ExpectedProgram] {
        guard let folder = Bundle.module.url(forResource: resourceFolder, withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".py") }.sorted().map {
            ExpectedProgram(folder: folder, name: String($0.dropLast(3)))
        }
    }
}

enum GradStepBinary {
    /// The `gradstep` built beside this test bundle (`swift build --build-tests` builds both).
    static var url: URL? {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appending(path: "gradstep"),
            Bundle.module.bundleURL.deletingLastPathComponent().appending(path: "gradstep"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `gradstep run PROGRAM` in a fresh folder holding the program and digits.csv.
    static func run(_ program: ExpectedProgram, timeout: TimeInterval = 300) throws -> ProgramResult {
        guard let binary = url else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "gradstep binary not built"])
        }
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appending(path: "gradstep-program-\(UUID().uuidString)")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }
        try fm.copyItem(at: program.source, to: work.appending(path: program.name + ".py"))
        if let digits = Bundle.module.url(forResource: "Reference/digits", withExtension: "csv") {
            try fm.copyItem(at: digits, to: work.appending(path: "digits.csv"))
        }
        let result = try runChild(binary.path, ["run", program.name + ".py"], directory: work.path, timeout: timeout)
        return ProgramResult(stdout: result.stdout, stderr: result.stderr,
                             status: result.timedOut ? -1 : result.status)
    }
}
