/// The string-only parts of `os.path` on POSIX (Lib/posixpath.py, Lib/genericpath.py).
public enum PosixPath {
    /// `os.path.join(a, *rest)`: an absolute component restarts the path.
    public static func join(_ first: String, _ rest: [String]) -> String {
        var path = first
        for part in rest {
            if part.hasPrefix("/") {
                path = part
            } else if path.isEmpty || path.hasSuffix("/") {
                path += part
            } else {
                path += "/" + part
            }
        }
        return path
    }

    /// `os.path.split(p)`: (head, tail), trailing slashes stripped from a head that is not all slashes.
    public static func split(_ path: String) -> (head: String, tail: String) {
        let scalars = Array(path.unicodeScalars)
        let cut = (scalars.lastIndex(of: "/") ?? -1) + 1
        var head = Array(scalars[..<cut])
        let tail = Array(scalars[cut...])
        if !head.isEmpty && head.contains(where: { $0 != "/" }) {
            while head.last == "/" { head.removeLast() }
        }
        return (text(head), text(tail))
    }

    /// `os.path.basename(p)`: everything after the last slash.
    public static func basename(_ path: String) -> String { split(path).tail }

    /// `os.path.dirname(p)`.
    public static func dirname(_ path: String) -> String { split(path).head }

    /// `os.path.splitext(p)`: the extension starts at the last dot of the last component,
    /// unless every character before that dot in the component is a dot (`.bashrc`).
    public static func splitext(_ path: String) -> (root: String, ext: String) {
        let scalars = Array(path.unicodeScalars)
        let sepIndex = scalars.lastIndex(of: "/") ?? -1
        guard let dotIndex = scalars.lastIndex(of: "."), dotIndex > sepIndex else { return (path, "") }
        var index = sepIndex + 1
        while index < dotIndex {
            if scalars[index] != "." {
                return (text(Array(scalars[..<dotIndex])), text(Array(scalars[dotIndex...])))
            }
            index += 1
        }
        return (path, "")
    }

    /// `os.path.isabs(p)`.
    public static func isabs(_ path: String) -> Bool { path.hasPrefix("/") }

    /// `os.path.normpath(p)`: collapses `//`, `.` and `..` without touching the file system.
    public static func normpath(_ path: String) -> String {
        if path.isEmpty { return "." }
        let initialSlashes = path.hasPrefix("//") && !path.hasPrefix("///") ? 2 : path.hasPrefix("/") ? 1 : 0
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component != ".." || (initialSlashes == 0 && parts.isEmpty) || parts.last == ".." {
                parts.append(component)
            } else if !parts.isEmpty {
                parts.removeLast()
            }
        }
        let joined = String(repeating: "/", count: initialSlashes) + parts.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    /// `os.path.abspath(p)` against the given working directory.
    public static func abspath(_ path: String, cwd: String) -> String {
        normpath(isabs(path) ? path : join(cwd, [path]))
    }

    private static func text(_ scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
