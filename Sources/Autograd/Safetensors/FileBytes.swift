#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read or written, in words for the user.
public struct FileBytesError: Error, Equatable, CustomStringConvertible {
    /// The path as given.
    public var path: String
    /// The operating system's reason, e.g. "Permission denied", with context.
    public var reason: String

    /// The path followed by the reason.
    public var description: String { "\(path): \(reason)" }
}

/// Whole-file reads, and writes that never leave a half-written file behind.
public enum FileBytes {
    /// Reads the whole regular file at `path`.
    public static func read(path: String) throws(FileBytesError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileBytesError(path: path, reason: systemReason()) }
        defer { _ = close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FileBytesError(path: path, reason: systemReason()) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw FileBytesError(path: path, reason: "not a regular file")
        }
        let size = Int(status.st_size)
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            while initialized < size, let base = buffer.baseAddress {
                let count = systemRead(descriptor, base + initialized, size - initialized)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = systemReason()
                    return
                }
                // The file shrank while being read; keep what arrived and report it below.
                if count == 0 { break }
                initialized += count
            }
        }
        if let failure { throw FileBytesError(path: path, reason: failure) }
        guard bytes.count == size else {
            throw FileBytesError(path: path, reason: "file changed size while being read")
        }
        return bytes
    }

    /// Writes `bytes` to `path` atomically: into a temporary file in the same folder, flushed
    /// to disk, then renamed over `path`, so readers see either the old file or the new one.
    public static func writeAtomically(_ bytes: [UInt8], toPath path: String) throws(FileBytesError) {
        let folder = folderOf(path)
        let temporary = "\(folder)/.\(fileNameOf(path)).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = systemReason()
            throw FileBytesError(path: path, reason: "cannot create a file in folder \"\(folder)\" (\(reason))")
        }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count, let base = buffer.baseAddress {
                let count = systemWrite(descriptor, base + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = systemReason()
                    return
                }
                written += count
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = systemReason() }
        if close(descriptor) != 0, failure == nil { failure = systemReason() }
        if failure == nil, rename(temporary, path) != 0 { failure = systemReason() }
        if let failure {
            _ = unlink(temporary)
            throw FileBytesError(path: path, reason: failure)
        }
    }

    /// The folder part of `path`: "." for a bare name, "/" for a file at the root.
    static func folderOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    private static func fileNameOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    private static func systemReason() -> String {
        String(cString: strerror(errno))
    }
}

// `read` and `write` are shadowed by the static methods' names inside `FileBytes`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
