// Printing uncaught exceptions as CPython does, and the program entry point.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Interpreter {
    /// The full report of an uncaught exception, with its `__cause__`/`__context__` chain.
    public func formatException(_ e: PyExceptionObject) -> String {
        var seen: Set<ObjectIdentifier> = []
        return formatChain(e, &seen)
    }

    private func formatChain(_ e: PyExceptionObject, _ seen: inout Set<ObjectIdentifier>) -> String {
        seen.insert(ObjectIdentifier(e))
        var out = ""
        if let cause = e.cause, !seen.contains(ObjectIdentifier(cause)) {
            out += formatChain(cause, &seen)
            out += "\nThe above exception was the direct cause of the following exception:\n\n"
        } else if let context = e.context, !e.suppressContext, !seen.contains(ObjectIdentifier(context)) {
            out += formatChain(context, &seen)
            out += "\nDuring handling of the above exception, another exception occurred:\n\n"
        }
        return out + formatSingle(e)
    }

    private func formatSingle(_ e: PyExceptionObject) -> String {
        var out = ""
        let entries = Array(e.traceback.reversed())
        if !entries.isEmpty {
            out += "Traceback (most recent call last):\n"
            var i = 0
            while i < entries.count {
                let entry = entries[i]
                var run = 1
                while i + run < entries.count, entries[i + run].file == entry.file, entries[i + run].line == entry.line,
                      entries[i + run].name == entry.name {
                    run += 1
                }
                for _ in 0..<min(run, 3) { out += formatEntry(entry) }
                if run > 3 {
                    let more = run - 3
                    out += "  [Previous line repeated \(more) more time\(more == 1 ? "" : "s")]\n"
                }
                i += run
            }
        }
        if let info = e.syntaxError {
            return out + info.formatted
        }
        let t = e.type
        var name = t.qualname
        if t.moduleName != "builtins" && t.moduleName != "__main__" { name = "\(t.moduleName).\(t.qualname)" }
        let message = (try? str(.object(e))) ?? "<exception str() failed>"
        return out + (message.isEmpty ? name : "\(name): \(message)") + "\n"
    }

    private func formatEntry(_ entry: TracebackEntry) -> String {
        var out = "  File \"\(entry.file)\", line \(entry.line), in \(entry.name)\n"
        if let lines = sourceLines[entry.file], entry.line >= 1, entry.line <= lines.count {
            let text = lines[entry.line - 1].drop { $0 == " " || $0 == "\t" || $0 == "\u{0C}" }
            let trimmed = text.hasSuffix("\r") ? text.dropLast() : text
            if !trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) { out += "    \(trimmed.trimmingTrailingBlanks())\n" }
        }
        return out
    }

    /// Runs a program as `python3 FILE` does and returns the exit status: output flushed,
    /// an uncaught exception's traceback on standard error and status 1, `SystemExit` honoured.
    public func runMain(source: String, file: String) -> Int32 {
        defer { stdout.flush() }
        do {
            try runModule(source: source, file: file, name: "__main__")
            return 0
        } catch let e as PyExceptionObject {
            return report(e)
        } catch {
            stdout.flush()
            stderr.write("\(error)\n")
            stderr.flush()
            return 1
        }
    }

    /// Reports an uncaught exception (or `SystemExit`) and returns the exit status.
    public func report(_ e: PyExceptionObject) -> Int32 {
        stdout.flush()
        if e.isInstance(of: BuiltinTypes.systemExit) {
            let code = e.args.first ?? .none
            switch code {
            case .none: return 0
            case .int(let i): return Int32(truncatingIfNeeded: i)
            case .bool(let b): return b ? 1 : 0
            default:
                stderr.write(((try? str(code)) ?? "") + "\n")
                stderr.flush()
                return 1
            }
        }
        stderr.write(formatException(e))
        stderr.flush()
        return e.isInstance(of: BuiltinTypes.keyboardInterrupt) ? 130 : 1
    }

    /// Runs `body` on a thread with a large stack (deep Python recursion must reach
    /// `RecursionError`, never overflow the Swift stack) and waits for it.
    public static func runOnLargeStack<T>(stackSize: Int = 512 << 20, _ body: @escaping () -> T) -> T {
        var result: T?
        let box = StackThreadBox()
        box.body = { result = body() }
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        pthread_attr_setstacksize(&attr, stackSize)
        let unmanaged = Unmanaged.passRetained(box)
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        box.stackSize = stackSize
        let rc = pthread_create(&thread, &attr, { raw in
            guard let raw else { return nil }
            let b = Unmanaged<StackThreadBox>.fromOpaque(raw).takeRetainedValue()
            LargeStack.noteThreadStart(size: b.stackSize)
            b.body?()
            return nil
        }, unmanaged.toOpaque())
        pthread_attr_destroy(&attr)
        if rc != 0 {
            unmanaged.release()
            box.body?()
        } else {
            #if canImport(Glibc)
            pthread_join(thread, nil)
            #else
            if let thread { pthread_join(thread, nil) }
            #endif
        }
        guard let result else { return body() }
        return result
    }
}

extension Substring {
    func trimmingTrailingBlanks() -> Substring {
        var s = self
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return s
    }
}

/// Carries the work to the large-stack thread.
private final class StackThreadBox: @unchecked Sendable {
    var body: (() -> Void)?
    var stackSize = 0
}

/// Threads started by `runOnLargeStack` record where their stack ends, so work that needs
/// deep recursion (parsing) can tell whether the current thread has room for it.
enum LargeStack {
    /// Thread-specific slot holding the lowest usable stack address of a large-stack thread.
    private static let lowestAddressKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Called first thing on a new large-stack thread: its stack spans `size` bytes below here.
    static func noteThreadStart(size: Int) {
        var marker = 0
        let top = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        // A page of slack for what the thread's start-up already used above this frame.
        let lowest = top - UInt(size) + 4096
        pthread_setspecific(lowestAddressKey, UnsafeRawPointer(bitPattern: lowest))
    }

    /// Bytes of stack left below the caller on a large-stack thread; 0 on any other thread.
    static func remaining() -> Int {
        guard let lowest = pthread_getspecific(lowestAddressKey) else { return 0 }
        var marker = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        let bottom = UInt(bitPattern: lowest)
        return here > bottom ? Int(here - bottom) : 0
    }
}
