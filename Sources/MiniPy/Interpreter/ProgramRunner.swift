// Running a script the way `python3 FILE args...` and `python3 -c CODE` do.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interpreter that Ctrl-C interrupts (read from the signal handler).
nonisolated(unsafe) private var interruptTarget: Interpreter?

/// What to run: a file or a command string.
public enum ProgramSource: Sendable {
    /// `python3 FILE`.
    case file(String)
    /// `python3 -c CODE`.
    case command(String)
}

extension Interpreter {
    /// Runs a program on a large-stack thread and returns the process exit status.
    /// `configure` runs first (a host registers its native and bundled modules there).
    /// For a process that exits next: the program's objects are never freed.
    public static func runProgram(_ source: ProgramSource, arguments: [String],
                                  configure: @escaping (Interpreter) -> Void = { _ in }) -> Int32 {
        runOnLargeStack {
            let interp = Interpreter()
            // The process exits right after the program: freeing its objects one by one (the
            // teardown of `deinit`) would only spend time, 5 % of a training script's run.
            _ = Unmanaged.passRetained(interp)
            configure(interp)
            // Ctrl-C raises KeyboardInterrupt at the next statement, as in CPython.
            interruptTarget = interp
            signal(SIGINT) { _ in interruptTarget?.requestInterrupt() }
            defer {
                signal(SIGINT, SIG_DFL)
                interruptTarget = nil
            }
            switch source {
            case .file(let path):
                guard let text = readFile(path) else {
                    var cwd = [CChar](repeating: 0, count: 4096)
                    let base = getcwd(&cwd, cwd.count) != nil ? String(decoding: cwd.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
                    let shown = path.hasPrefix("/") || base.isEmpty ? path : base + "/" + path
                    // A folder is run through its __main__.py, which MiniPy does not do.
                    var info = stat()
                    if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                        interp.stderr.write("python3: can't find '__main__' module in '\(shown)'\n")
                        return 1
                    }
                    interp.stderr.write("python3: can't open file '\(shown)': [Errno 2] No such file or directory\n")
                    return 2
                }
                interp.argv = [path] + arguments
                let dir = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : ""
                interp.searchPaths = [dir.isEmpty && path.hasPrefix("/") ? "/" : dir]
                return interp.runMain(source: text, file: path)
            case .command(let code):
                interp.argv = ["-c"] + arguments
                interp.searchPaths = [""]
                return interp.runMain(source: code, file: "<string>")
            }
        }
    }
}
