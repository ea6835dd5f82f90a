import ArgumentParser
import Debugger
import GraphRender
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `gradstep gallery [LESSON...] [--check]`: draws every `# graph:` directive of the lessons
/// into graphs/<lesson>/ as DOT and PNG, or checks that the committed DOT is up to date.
struct GalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery",
        abstract: "Draw the pictures the lessons' `# graph:` comments ask for into graphs/<lesson>/."
    )

    @Flag(help: "Only compare the DOT text with graphs/; exit 1 when a picture is stale or missing.")
    var check = false

    @Option(help: "The folder holding the lessons (used when no lesson is named).")
    var dir = "lessons"

    @Option(help: "The gallery folder.")
    var out = "graphs"

    @ArgumentParser.Argument(help: "Lesson files (default: every lesson in --dir).")
    var lessons: [String] = []

    func run() throws {
        let files = lessons.isEmpty ? lessonFiles() : lessons
        if files.isEmpty { throw ValidationError("no lessons found in '\(dir)'") }
        var failures = 0
        for file in files {
            guard let source = readTextFile(file) else {
                throw ValidationError("can't open file '\(file)': No such file or directory")
            }
            let slash = file.lastIndex(of: "/")
            let folder = slash.map { String(file[..<$0]) } ?? ""
            let name = String(file[(slash.map { file.index(after: $0) } ?? file.startIndex)...])
            let stem = name.hasSuffix(".py") ? String(name.dropLast(3)) : name
            let program = DebugProgram(file: file, source: source,
                                       searchPaths: [folder.isEmpty && file.hasPrefix("/") ? "/" : folder])
            for picture in Gallery.render(program: program, configure: installLibraries) {
                let base = "\(out)/\(stem)/\(picture.directive.pictureName)"
                guard let dot = picture.dot else {
                    print("\(file):\(picture.directive.line): \(picture.problem ?? "no picture")")
                    failures += 1
                    continue
                }
                if check {
                    if readTextFile(base + ".dot") != dot {
                        print("stale: \(base).dot (run gradstep gallery \(file))")
                        failures += 1
                    }
                    continue
                }
                _ = mkdir(out, 0o755)
                _ = mkdir("\(out)/\(stem)", 0o755)
                do {
                    try writeTextFile(base + ".dot", dot)
                    try GraphvizRenderer.render(dot: dot, format: .png, toPath: base + ".png")
                    print("wrote \(base).png")
                } catch {
                    print("\(base): \(error)")
                    failures += 1
                }
            }
        }
        if failures > 0 { throw ExitCode(1) }
        if check { print("gallery up to date") }
    }

    /// Every `NN_name.py` in --dir, in order.
    private func lessonFiles() -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".py") && name.first?.isNumber == true { names.append(dir + "/" + name) }
        }
        return names.sorted()
    }
}

/// Writes `text` to `path`, replacing the file.
private func writeTextFile(_ path: String, _ text: String) throws {
    guard let h = fopen(path, "w") else { throw ValidationError("can't write '\(path)'") }
    defer { fclose(h) }
    let bytes = Array(text.utf8)
    guard fwrite(bytes, 1, bytes.count, h) == bytes.count else { throw ValidationError("can't write '\(path)'") }
}
