// Syntax trees of the modules shipped inside the binary, parsed once per process.

/// Parsed bundled modules shared by every interpreter in the process. The debugger runs the
/// program again from the start for every `back` (re-importing the whole torch library), and
/// parsing is about half of an import; a bundled module's source never changes, so its tree
/// and lines are kept. Each interpreter still compiles its own code objects.
enum BundledParseCache {
    /// One module's source with what was made from it.
    struct Entry: Sendable {
        let source: String
        let ast: ModuleAST
        let lines: [Substring]
    }

    private static let lock = ProcessLock()
    /// Parsed modules by path; only touched holding `lock`.
    nonisolated(unsafe) private static var entries: [String: Entry] = [:]

    /// The parse of `source` shown as `path`, from the cache when the same source was parsed
    /// before. Syntax errors are thrown, not kept.
    static func parse(source: String, path: String) throws -> Entry {
        if let cached = lock.withLock({ entries[path] }), cached.source == source {
            return cached
        }
        let entry = Entry(source: source, ast: try PythonParser.parse(source: source, file: path),
                          lines: Interpreter.lines(of: source))
        lock.withLock { entries[path] = entry }
        return entry
    }
}
