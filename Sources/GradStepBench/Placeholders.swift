/// Stand-ins until GraphBench.swift and DebuggerBench.swift define these workloads; delete
/// each line when its file lands (a duplicate definition will not compile).
let graphWorkload = Workload("graph") { r in r.heading("graph rendering: not measured in this build") }
let debuggerWorkload = Workload("debugger") { r in r.heading("debugger: not measured in this build") }
