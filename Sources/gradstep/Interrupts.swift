// Ctrl-C: stops the running program (it raises KeyboardInterrupt at the next statement,
// and the debugger stops there); at the prompt it only clears the line.
import Debugger
import MiniPy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The session Ctrl-C should interrupt.
enum Interrupts {
    nonisolated(unsafe) static var session: Session?
    nonisolated(unsafe) static var atPrompt = false

    /// Installs the SIGINT handler.
    static func install(for session: Session) {
        self.session = session
        signal(SIGINT) { _ in
            guard !Interrupts.atPrompt else { return }
            Interrupts.session?.requestInterrupt()
        }
    }
}
