// How the debugger works.
//
// One event stream. `Session` is the interpreter's `Tracer` (line/call/return/exception)
// and the listener of the backward engine (`AutogradState.backwardObserver`: nodeReady /
// nodeRan / gradAccumulated). No other target had to change: `tensor.backward()` builds a
// `BackwardPlan`, which reports to the thread's observer before each node runs. The prompt
// loop runs inside those callbacks, as pdb's does inside `sys.settrace`, so no threads are
// involved: `s` on a backward line stops at the first node's `nodeReady`; each further `s`
// lets one node run and stops at the next. The engine cannot be interrupted from its
// observer, so `q`, `back` and `restart` typed inside backward are remembered
// (`pendingControl`), the pass finishes quietly, and the next Python event throws.
//
// When to stop. `Stepper` holds bdb's few fields (the resume mode and the frame it refers
// to) and answers for each event; breakpoints (`BreakpointTable`) sit on lines, function
// names or backward node names.
//
// Phases. `LineFacts` counts telling calls (module `__call__`, loss modules and functions,
// `zero_grad`, optimizer and scheduler `step`) and backward nodes; the difference between a
// line's start and its end, plus grad mode and the tensors the line made, give its phase
// (`PhaseRules`). `np` stops at the start of the next phase, before its first line runs.
// A line's phase is known only after it ran (PyTorch has no way to say what a call will do
// before it does it), so: a line that already ran in this run is predicted by the phase it
// had then (loops repeat, so from the second iteration on `np` just stops there); a line met
// for the first time runs, and if it turns out to begin a new phase the run is replayed to
// the trace event that began it (`phaseStops`, the same machinery as `back`), so the stop
// lands before it with identical state. Program output is held while `np` runs, so the
// line replayed does not print twice.
//
// Back. Each run starts from a fresh interpreter on a fresh thread (fresh autograd state),
// with the default generator's state restored and time and entropy replayed from tapes.
// The commands typed at every stop are kept (`history`); `back N` re-runs the program
// quietly, re-applying them, until the stop N before the current one. A Ctrl-C stop is
// remembered by its event number and replayed there.
//
// Why and anomalies. `why` answers from the tensor (requires_grad, grad_fn, retain_grad,
// a storage shared with a tensor that requires grad = detached) and from what the run
// recorded (`GradProvenance`: tensors a lesson line bound while grad mode was off, the
// last zero_grad and backward). `anomaly on` checks each backward node's outputs, as
// PyTorch's anomaly mode does, and the tensors each lesson line binds in forward; a node is
// traced to its forward line by sequence number (`NodeOrigins`: the next sequence number
// noted at every lesson line), as anomaly mode's forward traceback does.
//
// Text. Everything goes through `DebuggerIO` (`ScriptedIO` for tests); the executable adds
// the terminal. Transcripts are deterministic: reprs lose object addresses, tensors are
// printed by the engine's own PyTorch formatter.
