// Writes a Swift file holding every .py file below a folder, keyed by its relative path.
// Used at build time by the BundleLibrary plugin.
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: LibraryBundler LIBRARY_DIR OUTPUT_SWIFT\n".utf8))
    exit(2)
}
let library = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])

/// The source as a Swift string literal: escapes make it independent of the text's content.
func swiftLiteral(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

var files: [(path: String, source: String)] = []
if let walker = FileManager.default.enumerator(at: library, includingPropertiesForKeys: nil) {
    for case let url as URL in walker where url.pathExtension == "py" {
        let relative = String(url.standardizedFileURL.path.dropFirst(library.path.count + 1))
        do {
            files.append((relative, try String(contentsOf: url, encoding: .utf8)))
        } catch {
            FileHandle.standardError.write(Data("LibraryBundler: cannot read \(url.path): \(error)\n".utf8))
            exit(1)
        }
    }
}
files.sort { $0.path < $1.path }

var swift = """
    // Generated at build time from the Library folder. Do not edit.

    /// The Python half of the torch library, embedded so the binary needs no files beside it.
    enum BundledLibrary {
        /// Each file's path inside the library and its source text.
        static let files: [(path: String, source: String)] = [

    """
for file in files {
    swift += "        (\(swiftLiteral(file.path)), \(swiftLiteral(file.source))),\n"
}
swift += "    ]\n}\n"
do {
    try swift.write(to: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("LibraryBundler: cannot write \(output.path): \(error)\n".utf8))
    exit(1)
}
