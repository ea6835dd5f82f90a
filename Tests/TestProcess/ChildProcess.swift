// Runs a child process for a test, with a deadline, in a process group of its own.
//
// Foundation's `Process` notices a child's exit through a socket the child inherits; a child
// that starts a daemon (tmux starts its server that way) hands the socket on, the exit is
// never noticed, and `waitUntilExit` blocks forever. Tests therefore spawn with
// `posix_spawn`, read both pipes with `poll`, reap with `waitpid`, and kill the whole group
// when the deadline passes.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished (or killed) child printed and how it ended.
public struct ChildResult: Sendable {
    /// Everything the child wrote to stdout.
    public var stdout: String
    /// Everything the child wrote to stderr.
    public var stderr: String
    /// The exit status, or 128 + signal number when a signal ended it.
    public var status: Int32
    /// True when the deadline passed and the child's process group was killed.
    public var timedOut: Bool
}

/// Why a child could not be started.
public struct ChildProcessError: Error, CustomStringConvertible {
    /// What failed, with the errno text.
    public let description: String
}

/// Runs `executable` with `arguments`, stdin from /dev/null, and returns once it has exited
/// (or was killed at `timeout` seconds). `environment` entries are added to this process's.
public func runChild(_ executable: String, _ arguments: [String], directory: String? = nil,
                     environment: [String: String] = [:], timeout: TimeInterval = 60) throws -> ChildResult {
    var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
    guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
        throw ChildProcessError(description: "pipe: \(String(cString: strerror(errno)))")
    }
    // Only the child's stdout and stderr may hold the write ends (see above).
    for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
    if let directory {
        guard let addChdir = spawnAddChdir else {
            throw ChildProcessError(description: "posix_spawn_file_actions_addchdir_np is missing")
        }
        _ = addChdir(&actions, directory)
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)

    var merged = ProcessInfo.processInfo.environment
    for (key, value) in environment { merged[key] = value }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }

    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    close(outPipe[1]); close(errPipe[1])
    defer { close(outPipe[0]); close(errPipe[0]) }
    guard spawned == 0 else {
        throw ChildProcessError(description: "\(executable): \(String(cString: strerror(spawned)))")
    }

    var output = [Data(), Data()]
    var open = [true, true]
    var status: Int32 = 0
    var exited = false, timedOut = false
    let deadline = Date().addingTimeInterval(timeout)
    var drainUntil = Date.distantFuture
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        if !exited, waitpid(pid, &status, WNOHANG) == pid {
            exited = true
            // A grandchild may keep the pipes open; give them a moment, not forever.
            drainUntil = Date().addingTimeInterval(1)
        }
        if exited && (!open.contains(true) || Date() > drainUntil) { break }
        if !exited, !timedOut, Date() > deadline {
            kill(-pid, SIGKILL)
            timedOut = true
        }
        var fds = [pollfd(fd: open[0] ? outPipe[0] : -1, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: open[1] ? errPipe[0] : -1, events: Int16(POLLIN), revents: 0)]
        if poll(&fds, 2, 20) < 0 && errno != EINTR { usleep(20_000) }
        for i in 0..<2 where open[i] && fds[i].revents != 0 {
            let n = buffer.withUnsafeMutableBytes { read(fds[i].fd, $0.baseAddress, $0.count) }
            if n > 0 { output[i].append(contentsOf: buffer[0..<n]) } else if n == 0 || errno != EINTR { open[i] = false }
        }
    }
    // Whatever the child left behind in its group goes with it.
    kill(-pid, SIGKILL)
    let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ChildResult(stdout: String(decoding: output[0], as: UTF8.self),
                       stderr: String(decoding: output[1], as: UTF8.self),
                       status: code, timedOut: timedOut)
}

/// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which its headers declare only
/// under `_GNU_SOURCE`.
private let spawnAddChdir: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>,
                                            UnsafePointer<CChar>) -> Int32)? = {
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addchdir_np") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>,
                                                      UnsafePointer<CChar>) -> Int32).self)
}()
