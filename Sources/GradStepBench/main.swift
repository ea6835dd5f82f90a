#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Release-build benchmarks of GradStep alone. `make bench` (scripts/bench.py) runs them
/// with `--tsv` beside the whole-process workloads and, with PYTHON=..., beside PyTorch.
///
///     GradStepBench [--tsv]          every workload
///     GRADSTEP_BENCH=ops.add ...     only the figures whose name starts with the prefix

/// Every workload, in the order they run; each lives in its own file.
let workloads: [Workload] = [
    opsWorkload,       // OpsBench.swift
    sgemmWorkload,     // SgemmBench.swift
    graphWorkload,     // GraphBench.swift
    debuggerWorkload,  // DebuggerBench.swift
]

let recorder = Recorder(only: getenv("GRADSTEP_BENCH").map { String(cString: $0) },
                        tsv: CommandLine.arguments.contains("--tsv"))
var failed = false
for workload in workloads where recorder.wantsWorkload(workload.name) {
    do {
        try workload.body(recorder)
    } catch {
        failed = true
        print("\(workload.name): benchmark failed: \(error)")
    }
}
exit(failed ? 1 : 0)
