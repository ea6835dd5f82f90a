// Buffered output to file descriptors, and the system clocks.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes text to a file descriptor through a buffer (printing is on the hot path of lessons).
public final class StandardStream: TextSink {
    private let fd: Int32
    private let bufferSize: Int
    private var buffer: [UInt8] = []

    /// A stream on `fd`; `bufferSize` 0 writes through immediately.
    public init(fd: Int32, bufferSize: Int) {
        self.fd = fd
        self.bufferSize = bufferSize
        buffer.reserveCapacity(bufferSize)
    }

    deinit { flush() }

    /// Appends text, writing out when the buffer is full.
    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= bufferSize { flush() }
    }

    /// Writes out everything buffered.
    public func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw in
                systemWrite(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if n <= 0 { break }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Collects output in memory (tests, and hosts that display output themselves).
public final class CapturedOutput: TextSink {
    /// Everything written so far.
    public private(set) var text = ""
    /// An empty capture.
    public init() {}
    /// Appends text.
    public func write(_ text: String) { self.text += text }
    /// Nothing to do.
    public func flush() {}
}

/// Wall and monotonic clocks without Foundation.
enum SystemClock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// `write(2)` from the C library.
private func systemWrite(_ fd: Int32, _ buf: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buf, count)
    #else
    return Darwin.write(fd, buf, count)
    #endif
}
