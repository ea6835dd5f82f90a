// Recursive descent needs stack in proportion to nesting; unoptimized builds use tens of
// kilobytes per nested parenthesis, and secondary threads may have as little as 512 KB. Parsing
// therefore runs on a dedicated thread whose stack covers the deepest input the nesting limits
// admit, whatever thread the caller is on.

import Foundation

/// Runs work on a thread with a large stack and waits for its result.
enum DeepStack {
    /// Enough for 200 nested brackets plus the other nesting limits in a debug build.
    static let stackSize = 64 << 20

    /// Runs `body` on a fresh large-stack thread, returning its result or rethrowing its error.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        let box = ResultBox<T>()
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.store(Result { try body() })
            finished.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        finished.wait()
        guard let result = box.load() else {
            throw SyntaxErrorInfo(message: "parser thread produced no result", file: "", line: 0, column: 0, text: nil)
        }
        return try result.get()
    }
}

/// Hands a result from the worker thread to the waiting caller; the semaphore orders the
/// write before the read, and the lock keeps the access well-defined regardless.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, Error>?

    func store(_ value: Result<T, Error>) {
        lock.lock()
        result = value
        lock.unlock()
    }

    func load() -> Result<T, Error>? {
        lock.lock()
        defer { lock.unlock() }
        return result
    }
}
