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
        installHandler()
    }

    /// (Re)installs the handler and unblocks SIGINT on the calling thread: libedit swaps in
    /// its own while it edits a line and does not always put things back (after a
    /// completion, for one).
    static func installHandler() {
        // libedit blocks SIGINT while it edits and may leave it blocked on this thread.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        signal(SIGINT) { _ in
            guard !Interrupts.atPrompt else { return }
            Interrupts.session?.requestInterrupt()
        }
    }
}
