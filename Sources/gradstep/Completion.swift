// Tab completion for libedit: debugger commands first, then names in scope.
import CEditLine
import Debugger
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The words completion offers; the session refreshes the names at each stop.
enum CompletionWords {
    nonisolated(unsafe) static var names: [String] = []
    static let commands = [
        "step", "next", "return", "continue", "until", "phase", "back", "restart", "break", "clear",
        "list", "longlist", "where", "up", "down", "display", "undisplay", "help", "quit",
        "grads", "params", "diff", "optim", "lr", "tree", "node", "why", "anomaly", "graph", "check", "live",
    ]
    nonisolated(unsafe) static var matches: [String] = []
}

/// libedit's generator: returns one match per call, nil when done.
private let generateMatch: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { text, state in
    if state == 0 {
        let prefix = text.map { String(cString: $0) } ?? ""
        let pool = CompletionWords.commands + CompletionWords.names
        CompletionWords.matches = pool.filter { $0.hasPrefix(prefix) }
    }
    guard !CompletionWords.matches.isEmpty else { return nil }
    return strdup(CompletionWords.matches.removeFirst())
}

/// The C type of libedit's completion entry point.
typealias CompletionFunction = @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?

/// libedit's completion entry point.
let completeWord: CompletionFunction = { text, _, _ in
    rl_completion_matches(text, generateMatch)
}
