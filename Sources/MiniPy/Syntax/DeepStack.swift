// Recursive descent needs stack in proportion to nesting; unoptimized builds use tens of
// kilobytes per nested parenthesis, and secondary threads may have as little as 512 KB. Parsing
// therefore runs where the stack covers the deepest input the nesting limits admit: on the
// calling thread when it has that much left (a program's imports, on the interpreter's own
// large stack), otherwise on a thread made for it.

/// Runs work with a large stack under it and returns its result.
enum DeepStack {
    /// Enough for 200 nested brackets plus the other nesting limits in a debug build.
    static let stackSize = 64 << 20

    /// Runs `body` on this thread if its stack has `stackSize` bytes left, else on a fresh
    /// large-stack thread; returns its result or rethrows its error.
    static func run<T>(_ body: @escaping () throws -> T) throws -> T {
        if LargeStack.remaining() >= stackSize { return try body() }
        return try Interpreter.runOnLargeStack(stackSize: stackSize) { Result { try body() } }.get()
    }
}
