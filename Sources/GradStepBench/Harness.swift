#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The clock a figure was taken with. On a machine shared with other builds, wall time
/// mostly measures the scheduler; the thread's CPU time measures the code. Multi-threaded
/// work (GEMM on several threads) has to be timed on the wall.
enum BenchClock: String, Sendable {
    case cpu, wall
}

/// A named group of figures, e.g. `ops` or `graph`. `GRADSTEP_BENCH=prefix` runs only the
/// figures whose name starts with the prefix.
struct Workload: Sendable {
    /// Short name, the first part of every figure's name (`ops` for `ops.add`).
    let name: String
    /// Records the figures through the recorder; throwing stops this workload only.
    let body: @Sendable (Recorder) throws -> Void

    init(_ name: String, _ body: @escaping @Sendable (Recorder) throws -> Void) {
        self.name = name
        self.body = body
    }
}

/// Collects the figures of a run and prints each as it is taken: aligned for people, or
/// tab-separated (`--tsv`: name, value, unit, clock, label) for scripts/bench.py.
final class Recorder {
    let only: String?
    let tsv: Bool

    init(only: String?, tsv: Bool) {
        self.only = only
        self.tsv = tsv
    }

    /// Whether the figure `name` was asked for.
    func wants(_ name: String) -> Bool {
        guard let only else { return true }
        return name.hasPrefix(only)
    }

    /// Whether any figure of the workload `name` can have been asked for.
    func wantsWorkload(_ name: String) -> Bool {
        guard let only else { return true }
        return name.hasPrefix(only) || only.hasPrefix(name + ".") || only == name
    }

    /// Prints one figure. `name` is dotted (`graph.lesson_png`); `label` says what it is.
    func record(_ name: String, _ value: Double, unit: String, clock: BenchClock, label: String) {
        guard value.isFinite else { return }
        if tsv {
            print("\(name)\t\(value)\t\(unit)\t\(clock.rawValue)\t\(label)")
        } else {
            let padded = label + String(repeating: " ", count: Swift.max(1, 48 - label.count))
            print("  \(padded)\(formatted(value)) \(unit) (\(clock.rawValue))")
        }
    }

    /// Times `body` per call with `measure` and records nanoseconds, when `name` is wanted.
    func time(_ name: String, _ label: String, clock: BenchClock = .cpu, _ body: () throws -> Void) rethrows {
        guard wants(name) else { return }
        record(name, try measure(clock: clock, body), unit: "ns", clock: clock, label: label)
    }

    /// A heading before a workload's figures (people's output only).
    func heading(_ text: String) {
        if !tsv { print(text) }
    }

    private func formatted(_ value: Double) -> String {
        if value >= 100 { return String(Int(value.rounded())) }
        return String(Double(Int((value * 10).rounded())) / 10)
    }
}

/// Nanoseconds of CPU time this thread has used.
func threadCPUNanoseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}

/// Nanoseconds on a monotonic wall clock.
func wallNanoseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}

/// Nanoseconds per call of `body`, the same scheme as scripts/bench/torch_ops.py: a warm-up,
/// then the iteration count doubled until a chunk takes 40 ms, then the median of five
/// chunks. A preempted chunk lands at the top and is dropped by the median.
func measure(clock: BenchClock = .cpu, _ body: () throws -> Void) rethrows -> Double {
    let now = clock == .cpu ? threadCPUNanoseconds : wallNanoseconds
    for _ in 0..<20 { try body() }
    var iterations = 1
    while true {
        let start = now()
        for _ in 0..<iterations { try body() }
        if now() - start >= 40e6 { break }
        iterations *= 2
    }
    var chunks: [Double] = []
    for _ in 0..<5 {
        let start = now()
        for _ in 0..<iterations { try body() }
        chunks.append((now() - start) / Double(iterations))
    }
    chunks.sort()
    return chunks[chunks.count / 2]
}

/// The middle value (the mean of the two middle ones for an even count; NaN when empty).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
