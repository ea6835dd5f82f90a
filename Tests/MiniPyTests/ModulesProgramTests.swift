import Testing
@testable import MiniPy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder holding the conformance programs, next to this file.
private let programsFolder: String = {
    let file = "\(#filePath)"
    let folder = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    return folder + "/Programs"
}()

/// The text of a file, or nil when it cannot be read.
private func readText(_ path: String) -> String? {
    guard let handle = fopen(path, "r") else { return nil }
    defer { fclose(handle) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = fread(&chunk, 1, chunk.count, handle)
        if count <= 0 { break }
        bytes.append(contentsOf: chunk[..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// The standard-module programs (`mod_*.py`) with CPython's output beside them.
private let modulePrograms = ["mod_math", "mod_random", "mod_json", "mod_csv", "mod_collections", "mod_copy",
                              "mod_os_sys", "mod_time", "mod_format"]

@Test(arguments: modulePrograms)
func moduleProgramPrintsWhatCPythonPrints(_ name: String) throws {
    let path = "\(programsFolder)/\(name).py"
    let source = try #require(readText(path))
    let expected = try #require(readText("\(programsFolder)/\(name).out"))
    let out = CapturedOutput()
    let err = CapturedOutput()
    let interp = Interpreter(stdout: out, stderr: err)
    let status = interp.runMain(source: source, file: path)
    #expect(status == 0, "\(name): \(err.text)")
    #expect(out.text == expected, "\(name) stderr: \(err.text)")
}
