import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `gradstep lessons`: the lessons with their titles (each file's first docstring line).
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "List the lessons in lessons/ with their titles."
    )

    @Option(help: "The folder holding the lessons.")
    var dir = "lessons"

    func run() throws {
        guard let d = opendir(dir) else {
            throw ValidationError("no lessons folder at '\(dir)'")
        }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".py") && !name.hasPrefix("_") && name.first?.isNumber == true { names.append(name) }
        }
        closedir(d)
        for name in names.sorted() {
            let title = readTextFile(dir + "/" + name).flatMap(Self.title) ?? ""
            print(name.padding(toLength: 36) + title)
        }
    }

    /// The first line of a module docstring.
    static func title(_ source: String) -> String? {
        let trimmed = source.drop { $0 == " " || $0 == "\n" }
        for quote in ["\"\"\"", "'''"] where trimmed.hasPrefix(quote) {
            let body = trimmed.dropFirst(3)
            let line = body.prefix { $0 != "\n" }
            let text = line.components(until: quote)
            return text.isEmpty ? nil : text
        }
        return nil
    }
}

extension String {
    /// The string padded with spaces to at least `length` characters.
    func padding(toLength length: Int) -> String {
        count >= length ? self + " " : self + String(repeating: " ", count: length - count)
    }
}

extension Substring {
    /// The text before the first occurrence of `marker`.
    func components(until marker: String) -> String {
        var result = ""
        var rest = self[...]
        while !rest.isEmpty {
            if rest.hasPrefix(marker) { break }
            result.append(rest.removeFirst())
        }
        return result.trimmingCharacters(in: " ")
    }
}
