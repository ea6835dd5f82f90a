// Debugger benchmarks: start to first prompt of the real executable, and one `n` inside a
// session stepping through a lesson. Targets: 150 ms and 20 ms (median).
import Debugger
import Foundation
import MiniPy
import Torch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Commands from a list, timing the program's run between one prompt and the next.
private final class TimedIO: DebuggerIO {
    private var commands: [String]
    private var lastPrompt: Double?
    /// Nanoseconds from each command to the next prompt (the command's own cost, display included).
    var durations: [Double] = []

    init(commands: [String]) { self.commands = commands }

    func readCommand(prompt: String) -> String? {
        let now = wallNanoseconds()
        if let lastPrompt { durations.append(now - lastPrompt) }
        guard !commands.isEmpty, !finished else { return nil }
        lastPrompt = wallNanoseconds()
        return commands.removeFirst()
    }

    /// True once the program ran to its end (later `n`s would only print a notice).
    private var finished = false

    func write(_ text: String) {
        if text.contains("The program finished") || text.contains("Post-mortem") { finished = true }
    }
}

/// Wall-clock milliseconds of one run of `gradstep -c q LESSON` (stdin and output on
/// /dev/null), or nil when it could not be started.
private func timeStartup(_ binary: String, _ lesson: String) -> Double? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let words: [String] = [binary, "-c", "q", lesson]
    var argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) }
    argv.append(nil)
    defer { argv.forEach { free($0) } }
    let start = wallNanoseconds()
    var pid: pid_t = 0
    guard posix_spawn(&pid, binary, &actions, nil, argv, environ) == 0 else { return nil }
    var status: Int32 = 0
    // A start-up benchmark of a program that hangs must not hang too: give up after 30 s.
    let deadline = start + 30e9
    while waitpid(pid, &status, WNOHANG) == 0 {
        if wallNanoseconds() > deadline {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            return nil
        }
        usleep(200)
    }
    return (wallNanoseconds() - start) / 1e6
}

/// `debugger`: start-up of the executable beside this one (target 150 ms) and the median `n`
/// stepping through lesson 2 (target 20 ms), both on the wall clock.
let debuggerWorkload = Workload("debugger") { r in
    let lesson = "lessons/02_training_loop.py"
    r.heading("debugger")
    guard let source = try? String(contentsOfFile: lesson, encoding: .utf8) else {
        r.heading("  \(lesson) not found (run from the package folder)")
        return
    }
    if r.wants("debugger.startup") {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let binary = here.appendingPathComponent("gradstep").path
        if FileManager.default.isExecutableFile(atPath: binary) {
            _ = timeStartup(binary, lesson)
            let runs = (0..<9).compactMap { _ in timeStartup(binary, lesson) }
            r.record("debugger.startup", median(runs), unit: "ms", clock: .wall,
                     label: "start to first prompt (gradstep -c q)")
        } else {
            r.heading("  no gradstep at \(binary) (build it in the same configuration)")
        }
    }
    if r.wants("debugger.next") {
        var durations: [Double] = []
        for _ in 0..<5 {
            let io = TimedIO(commands: Array(repeating: "n", count: 200))
            let program = DebugProgram(file: lesson, source: source, searchPaths: ["lessons"])
            let session = Session(program: program, io: io, configure: { TorchLibrary.install(into: $0) })
            _ = session.run()
            durations += io.durations
        }
        r.record("debugger.next", median(durations) / 1e6, unit: "ms", clock: .wall,
                 label: "one `n` on lesson 2 (\(durations.count) stops)")
    }
}
