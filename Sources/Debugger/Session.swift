// A debugging session: runs the program under the tracer, stops where the stepper says,
// and answers commands; going back re-runs the program from the start.
import Autograd
import GraphRender
import MiniPy
import Synchronization
import Torch

/// A program to debug: its source and how it is run.
public struct DebugProgram {
    /// The file name as tracebacks and breakpoints show it.
    public var file: String
    /// The Python source.
    public var source: String
    /// `sys.argv[1:]`.
    public var arguments: [String]
    /// Folders searched for imports (the script's folder).
    public var searchPaths: [String]

    /// A program from source text.
    public init(file: String, source: String, arguments: [String] = [], searchPaths: [String] = [""]) {
        self.file = file
        self.source = source
        self.arguments = arguments
        self.searchPaths = searchPaths
    }
}

/// Ways a session leaves the running program early.
enum SessionControl: Error {
    /// `q`: stop the program and the session.
    case quit
    /// `back`, `restart`: run the program again from the start.
    case restart
}

/// What the program is stopped at.
enum StopPlace {
    /// Before a line runs.
    case line
    /// A frame is returning this value (`r`).
    case returning(Value)
    /// A backward node is about to run with these incoming gradients.
    case node(Node, [Tensor?])
    /// An uncaught exception ended the program.
    case postMortem(PyExceptionObject)
    /// The program ran to its end.
    case finished
}

/// Where the previous line of a frame started, and what the program had done by then.
struct LineStart {
    let line: Int
    let facts: LineFacts
    let gradEnabled: Bool
    /// The trace event that started the line (where a replay can stop before it).
    let event: Int
    /// How much held program output came before the line (`np`).
    let outputMark: Int
}

/// `np` under way: the phase being left, and whether the first line has run yet.
struct PhaseWalk {
    var from: Phase?
    var firstLineDone = false
}

/// Replays values recorded in the first run (clock readings, entropy), so re-runs see the
/// same time and the same unseeded randomness.
struct Tape<T> {
    private var values: [T] = []
    private var position = 0

    /// The next recorded value, or a fresh one (recorded) past the end of the tape.
    mutating func next(_ make: () -> T) -> T {
        if position < values.count {
            position += 1
            return values[position - 1]
        }
        let v = make()
        values.append(v)
        position += 1
        return v
    }

    /// Starts reading from the beginning again.
    mutating func rewind() { position = 0 }
}

/// A debugging session over one program; drive it with `run()`.
public final class Session: Tracer {
    let io: DebuggerIO
    let program: DebugProgram
    let configure: (Interpreter) -> Void

    // State kept across runs (what replay needs).
    /// Commands typed at each stop, by stop number.
    var history: [[String]] = []
    /// While replaying: the stop to reach before talking to the learner again.
    var replayTarget: Int?
    var clockTape = Tape<Double>()
    var monotonicTape = Tape<Double>()
    var entropyTape = Tape<UInt64>()
    let initialRNGState: [UInt8]

    // State of the current run.
    var interp: Interpreter
    var stepper = Stepper()
    var breakpoints = BreakpointTable()
    var displays: [(expression: String, last: String?)] = []
    var stopCount = 0
    /// A quit or restart asked for where it cannot be thrown (inside the backward engine).
    var pendingControl: SessionControl?
    /// True while the debugger itself runs code: events are ignored.
    var inPrompt = false
    var place: StopPlace = .finished
    /// The frames at the stop, innermost first, and the one `u`/`d` selected.
    var stack: [Frame] = []
    var frameIndex = 0
    var listCursor: Int?
    var totals = LineFacts()
    var lineStarts: [ObjectIdentifier: LineStart] = [:]
    var snapshots: [ObjectIdentifier: [String: Fingerprint]] = [:]
    var functionBreakFrames: [ObjectIdentifier: Breakpoint] = [:]
    var backward: BackwardWatch?
    /// What the last backward node did, shown at the next stop.
    var pendingBackwardReport: [String] = []
    /// The newest exception and the innermost frame it passed through, for post-mortem
    /// (only the newest is kept, so handled exceptions do not keep frames alive).
    var lastException: (id: ObjectIdentifier, frame: Frame)?
    /// Parameter values, grads and optimizer state at the previous stop (`diff`).
    var lastParameterState: ParameterState?
    var exitStatus: Int32 = 0
    /// The gradients that flowed in the last backward pass (`graph --grads` after it).
    var lastFlow: GradientFlowRecorder?
    /// `anomaly on`: watch backward for NaN and Inf gradients.
    var watchAnomalies = false
    /// The anomaly found, shown (and cleared) at the next stop, which it forces.
    var anomalyNote: String?
    /// Scheduler `step` calls that returned so far.
    var recordedSchedulerSteps = 0
    /// Each optimizer's learning rates after each scheduler step (`lr`).
    var learningRateHistory: [(step: Int, text: String)] = []
    /// `live on`: re-render the graph picture at every stop.
    var liveGraph = false
    /// The right-hand side of the last line that computed a loss (`check`'s default).
    var lastLossExpression: String?
    /// The line each frame last stopped at (to tell one line from several since then).
    var stoppedAt: [ObjectIdentifier: Int] = [:]
    /// The tensors a lesson frame held when a line started with grad mode off or with the
    /// anomaly watch on (what the line made is what is new after it).
    var localsAtLineStart: [ObjectIdentifier: Set<ObjectIdentifier>] = [:]
    /// Which lesson line made each backward node (`anomaly on` names it).
    var nodeOrigins = NodeOrigins()
    /// Facts `why` explains from: no_grad tensors, the last zero_grad and backward.
    var provenance = GradProvenance()
    /// Lines whose comment block was already shown as narration.
    var narrated: Set<Int> = []

    /// `--live`: every run starts with `live on`.
    public var liveFromStart = false
    /// When set, the first stop is at this line of the program instead of its first line.
    public var firstStopLine: Int?
    /// Called at each stop with the names in scope (for a terminal's tab completion).
    public var onStop: (([String]) -> Void)?

    /// Set by Ctrl-C from another thread; the next event becomes a stop.
    let interruptFlag = Atomic<Bool>(false)
    /// Trace events seen in this run (an interrupt stop is replayed at the same event).
    var eventCount = 0
    /// Stops made by Ctrl-C: the stop number and the event it happened at.
    var interruptStops: [(stop: Int, event: Int)] = []
    /// Stops `np` found only after the new phase's first line had run: the stop number and
    /// the event that started that line, where the replay stops instead.
    var phaseStops: [(stop: Int, event: Int, phase: Phase)] = []
    /// The phase that starts at the line of an `np` stop (announced there).
    var upcomingPhase: Phase?
    /// The `np` in progress.
    var phaseWalk: PhaseWalk?
    /// The phase each line had when it last ran in this run, by "file:line" (predicts where
    /// a phase starts; rebuilt identically by every replay).
    var phaseOfLine: [String: Phase] = [:]
    /// Program output held back while `np` runs (a line that turns out to start the next
    /// phase is re-run by replay, and must not print twice).
    var heldOutput: [(isError: Bool, text: String)]?

    /// Ctrl-C: stops the running program at its next line (pdb's SIGINT); safe from a
    /// signal handler.
    public func requestInterrupt() {
        interruptFlag.store(true, ordering: .relaxed)
    }

    /// The phase of the most recent line that had one (where `np` starts from).
    var lastPhase: Phase?

    /// A session over `program`; `configure` registers libraries on each fresh interpreter.
    public init(program: DebugProgram, io: DebuggerIO, configure: @escaping (Interpreter) -> Void) {
        self.program = program
        self.io = io
        self.configure = configure
        interp = Interpreter(stdout: CapturedOutput(), stderr: CapturedOutput())
        initialRNGState = Generator.default.getState()
    }

    /// True while output is held back: replaying towards a stop, or quitting.
    var muted: Bool { replayTarget != nil || pendingControl != nil }

    /// Writes debugger text (nothing while replaying).
    func say(_ text: String) {
        guard !muted else { return }
        io.write(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Runs the program under the debugger until the learner quits; returns the exit status.
    public func run() -> Int32 {
        while true {
            let restart = Interpreter.runOnLargeStack { self.runOnce() }
            if !restart { return exitStatus }
        }
    }

    /// One run of the program from the start; true when it must run again.
    private func runOnce() -> Bool {
        let fresh = Interpreter(stdout: ProgramOutput(self, isError: false), stderr: ProgramOutput(self, isError: true))
        configure(fresh)
        fresh.argv = [program.file] + program.arguments
        fresh.searchPaths = program.searchPaths
        let clock = fresh.clock, monotonic = fresh.monotonicClock, entropy = fresh.entropy
        clockTape.rewind()
        monotonicTape.rewind()
        entropyTape.rewind()
        fresh.clock = { [unowned self] in clockTape.next(clock) }
        fresh.monotonicClock = { [unowned self] in monotonicTape.next(monotonic) }
        fresh.entropy = { [unowned self] in entropyTape.next(entropy) }
        try? Generator.default.setState(initialRNGState)
        resetRunState(fresh)
        fresh.tracer = self
        AutogradState.current.backwardObserver = { [unowned self] event in backwardEvent(event) }
        defer {
            AutogradState.current.backwardObserver = nil
            fresh.tracer = nil
        }
        do {
            do {
                try fresh.runModule(source: program.source, file: program.file, name: "__main__")
                fresh.flushOutput()
                if let pendingControl { throw pendingControl }
                try stop(.finished, frame: nil)
            } catch let e as PyExceptionObject {
                fresh.flushOutput()
                if let pendingControl { throw pendingControl }
                if e.isInstance(of: BuiltinTypes.systemExit) {
                    exitStatus = fresh.report(e)
                    try stop(.finished, frame: nil)
                } else {
                    try postMortem(e)
                }
            }
            return false
        } catch SessionControl.restart {
            return true
        } catch {
            return false
        }
    }

    private func resetRunState(_ fresh: Interpreter) {
        interp = fresh
        stepper = Stepper()
        breakpoints = BreakpointTable()
        displays = []
        stopCount = 0
        pendingControl = nil
        inPrompt = false
        stack = []
        frameIndex = 0
        listCursor = nil
        totals = LineFacts()
        lineStarts = [:]
        snapshots = [:]
        functionBreakFrames = [:]
        backward = nil
        pendingBackwardReport = []
        lastException = nil
        eventCount = 0
        interruptFlag.store(false, ordering: .relaxed)
        lastParameterState = nil
        exitStatus = 0
        lastPhase = nil
        phaseWalk = nil
        provenance = GradProvenance()
        localsAtLineStart = [:]
        nodeOrigins = NodeOrigins()
        upcomingPhase = nil
        phaseOfLine = [:]
        heldOutput = nil
        narrated = []
        lastFlow = nil
        lastLossExpression = nil
        stoppedAt = [:]
        recordedSchedulerSteps = 0
        learningRateHistory = []
        liveGraph = liveFromStart
        watchAnomalies = false
        anomalyNote = nil
        if let firstStopLine { stepper.resume(.until(line: firstStopLine), from: nil) }
    }

    /// Stops at the failing line of an uncaught exception.
    private func postMortem(_ e: PyExceptionObject) throws {
        let frame = lastException?.id == ObjectIdentifier(e) ? lastException?.frame : nil
        try stop(.postMortem(e), frame: frame)
    }

    // MARK: Stops

    /// A stop: during replay, re-applies the commands typed here before; otherwise shows
    /// where the program is and reads commands until one resumes it.
    func stop(_ place: StopPlace, frame: Frame?, breakpoint: Breakpoint? = nil, report: LineReport? = nil) throws {
        releaseHeldOutput()
        phaseWalk = nil
        let index = stopCount
        stopCount += 1
        self.place = place
        if let frame { stoppedAt[ObjectIdentifier(frame)] = frame.line }
        stack = frame?.chain ?? []
        frameIndex = 0
        listCursor = nil
        inPrompt = true
        defer {
            inPrompt = false
            upcomingPhase = nil
        }
        let narration = narrationLines(place, frame: frame, index: index)
        if let target = replayTarget, index < target, index < history.count {
            anomalyNote = nil
            for command in history[index] {
                if try perform(command) { return }
            }
            return
        }
        if replayTarget != nil {
            // A Ctrl-C pressed while replaying belongs to no stop.
            replayTarget = nil
            interruptFlag.store(false, ordering: .relaxed)
        }
        if history.count <= index { history.append([]) } else { history[index] = [] }
        if let note = anomalyNote {
            say(note)
            anomalyNote = nil
        }
        announce(place, breakpoint: breakpoint, report: report, narration: narration)
        if index == 0, liveFromStart { say("live graph: \(livePath) is redrawn at every stop") }
        if liveGraph { drawLiveGraph() }
        if let onStop { onStop(quietly { variablesInScope().map(\.name) }) }
        do {
            while true {
                guard let line = io.readCommand(prompt: prompt) else {
                    throw SessionControl.quit
                }
                history[index].append(line)
                if try perform(line) { return }
            }
        } catch let control as SessionControl {
            // Remembered too, in case library code turns the error into a Python exception.
            pendingControl = control
            throw control
        }
    }

    /// The prompt, naming the phase inside backward.
    var prompt: String {
        if case .node = place { return "(gradstep:backward) " }
        return "(gradstep) "
    }

    // MARK: Tracer

    /// Receives the interpreter's events.
    public func trace(_ event: TraceEvent, frame: Frame, argument: Value) throws {
        if inPrompt { return }
        if let pendingControl { throw pendingControl }
        eventCount += 1
        if event == .line, interruptDue() || phaseStopDue() {
            stepper.resume(.step, from: nil)
        }
        switch event {
        case .call:
            totals.noteCall(file: frame.file, function: frame.functionName)
            if frame.functionName == "zero_grad", frame.file.hasPrefix("torch/") {
                provenance.lastZeroGrad = ProgramMoment(line: frame.line(in: program.file), event: eventCount)
            }
            if !breakpoints.isEmpty, let b = breakpoints.hit(function: frame.functionName) {
                functionBreakFrames[ObjectIdentifier(frame)] = b
            }
        case .line:
            try lineEvent(frame)
        case .return:
            noteBackwardEnded(at: frame)
            if frame.functionName == "step", frame.file == "torch/optim/lr_scheduler.py" {
                recordedSchedulerSteps += 1
                recordLearningRates()
            }
            let id = ObjectIdentifier(frame)
            var report: LineReport?
            if case .nextPhase = stepper.mode, phaseWalk != nil, stepper.isAtOrAbove(frame) {
                let r = lineReport(frame)
                report = r
                try phaseWalkEndsFrame(frame, report: r)
            }
            if stepper.shouldStop(atReturnOf: frame) {
                try stop(.returning(argument), frame: frame, report: report ?? lineReport(frame))
            }
            lineStarts[id] = nil
            snapshots[id] = nil
            stoppedAt[id] = nil
            functionBreakFrames[id] = nil
        case .exception:
            noteBackwardEnded(at: frame)
            if case .object(let e as PyExceptionObject) = argument {
                let key = ObjectIdentifier(e)
                if lastException?.id != key { lastException = (key, frame) }
            }
        }
    }

    /// True when this event is where Ctrl-C asks to stop: pressed just now, or recorded
    /// there in an earlier run that is being replayed.
    private func interruptDue() -> Bool {
        if replayTarget != nil {
            return interruptStops.contains { $0.event == eventCount }
        }
        guard interruptFlag.exchange(false, ordering: .relaxed) else { return false }
        interruptStops.append((stopCount, eventCount))
        return true
    }

    /// The tensors bound to the frame's variables.
    private func tensorIdentities(_ frame: Frame) -> Set<ObjectIdentifier> {
        var ids = Set<ObjectIdentifier>()
        for (_, value) in frame.locals { if let t = tensorValue(value) { ids.insert(ObjectIdentifier(t)) } }
        return ids
    }

    /// Notes the tensors a line run with grad mode off bound to variables (for `why`).
    private func noteTensorsMadeWithoutGrad(_ frame: Frame, before: Set<ObjectIdentifier>, line: Int) {
        for (_, value) in frame.locals {
            guard let t = tensorValue(value), !t.requiresGrad, !before.contains(ObjectIdentifier(t)) else { continue }
            provenance.noteMadeWithoutGrad(t, line: line)
        }
    }

    /// True when a replay reaches the start of a line where `np` should have stopped.
    private func phaseStopDue() -> Bool {
        guard replayTarget != nil, let s = phaseStops.first(where: { $0.event == eventCount }) else { return false }
        upcomingPhase = s.phase
        return true
    }

    /// Shows held program output up to `mark` entries and drops the rest (nil: all).
    func releaseHeldOutput(upTo mark: Int? = nil) {
        guard let held = heldOutput else { return }
        heldOutput = nil
        for item in held.prefix(mark ?? held.count) {
            if muted { continue }
            if item.isError { io.writeProgramError(item.text) } else { io.writeProgramOutput(item.text) }
        }
    }

    /// `np` at the end of a frame: its last line may have started the next phase with no
    /// line after it to notice (`loss.backward()` as a script's last line); replay to stop
    /// before that line, as `phaseWalkStops` does at a line.
    private func phaseWalkEndsFrame(_ frame: Frame, report: LineReport) throws {
        guard let walk = phaseWalk, walk.firstLineDone, replayTarget == nil,
              let phase = report.phase, phase != walk.from,
              let start = lineStarts[ObjectIdentifier(frame)] else { return }
        try replayToStop(before: start, phase: phase)
    }

    /// `np` found that the line begun at `start` started `phase`: shows the output made
    /// before it and replays the run to stop at that line's first event instead.
    private func replayToStop(before start: LineStart, phase: Phase) throws -> Never {
        releaseHeldOutput(upTo: start.outputMark)
        phaseStops.append((stopCount, start.event, phase))
        replayTarget = stopCount
        phaseWalk = nil
        throw SessionControl.restart
    }

    /// `np`: decides at a line of the stop frame (or further out) whether the next phase
    /// starts here. The phase of a line is known only once it ran; a line seen before in this
    /// run is predicted by its last phase, and a line that turns out to start the next phase
    /// unannounced is stopped before by replaying the run to the event that began it.
    private func phaseWalkStops(_ frame: Frame, report: LineReport) throws -> Bool {
        guard var walk = phaseWalk else { return false }
        let phase = report.phase
        if !walk.firstLineDone {
            walk.firstLineDone = true
            if let phase { walk.from = phase }
        } else if let phase, phase != walk.from, let start = lineStarts[ObjectIdentifier(frame)] {
            // Already replaying: the run did not meet the event it was sent to (it should);
            // stop after the line rather than replay again and again.
            if replayTarget != nil { return true }
            try replayToStop(before: start, phase: phase)
        }
        phaseWalk = walk
        if let next = phaseOfLine[frame.file + ":\(frame.line)"], next != walk.from {
            upcomingPhase = next
            return true
        }
        return false
    }

    private func lineEvent(_ frame: Frame) throws {
        noteBackwardEnded(at: frame)
        let id = ObjectIdentifier(frame)
        if let before = localsAtLineStart.removeValue(forKey: id), let start = lineStarts[id] {
            if !start.gradEnabled { noteTensorsMadeWithoutGrad(frame, before: before, line: start.line) }
            if watchAnomalies { checkForwardAnomaly(frame, before: before, line: start.line) }
        }
        if frame.file == program.file { noteNodeOrigin(frame) }
        var breakpoint: Breakpoint?
        if !breakpoints.isEmpty {
            if let b = functionBreakFrames.removeValue(forKey: id) {
                breakpoint = b
            } else {
                breakpoint = breakpoints.hit(file: frame.file, line: frame.line)
            }
        }
        if let start = lineStarts[id], totals.lossCalls > start.facts.lossCalls, frame.file == program.file {
            noteLossLine(frame, start.line)
        }

        var report: LineReport?
        var phaseStart = false
        if case .nextPhase = stepper.mode, stepper.isAtOrAbove(frame) {
            let r = lineReport(frame)
            report = r
            phaseStart = try phaseWalkStops(frame, report: r)
        }
        let stopping = phaseStart || breakpoint != nil || anomalyNote != nil || stepper.shouldStop(atLineIn: frame, phase: nil)
        if stopping, report == nil { report = lineReport(frame) }
        if frame.file == program.file, watchAnomalies || !GradMode.isEnabled {
            localsAtLineStart[id] = tensorIdentities(frame)
        }
        lineStarts[id] = LineStart(line: frame.line, facts: totals, gradEnabled: GradMode.isEnabled,
                                   event: eventCount, outputMark: heldOutput?.count ?? 0)
        if stopping { try stop(.line, frame: frame, breakpoint: breakpoint, report: report) }
    }

    /// What the line that ran before `frame`'s current one did: its number, the variables
    /// that changed since the frame was last looked at, and its phase.
    func lineReport(_ frame: Frame) -> LineReport {
        let id = ObjectIdentifier(frame)
        let start = lineStarts[id]
        let changed: [VariableChange]
        if let before = snapshots[id] {
            changed = changes(in: frame, since: before)
        } else {
            changed = frame.isModuleFrame || start != nil ? changes(in: frame, since: [:]) : []
        }
        snapshots[id] = fingerprints(of: frame)
        var phase: Phase?
        if let start {
            var createdGraph = false, createdScalar = false
            for c in changed {
                guard let t = tensorValue(c.value) else { continue }
                if !start.gradEnabled && !t.requiresGrad { provenance.noteMadeWithoutGrad(t, line: start.line) }
                guard t.gradFn != nil else { continue }
                createdGraph = true
                if t.count == 1 && t.shape.isEmpty { createdScalar = true }
            }
            phase = PhaseRules.classify(totals - start.facts, createdGraph: createdGraph,
                                        createdScalarGraph: createdScalar, gradEnabled: start.gradEnabled)
        }
        if let phase { lastPhase = phase }
        if let start { phaseOfLine[frame.file + ":\(start.line)"] = phase }
        if phase == .loss, let line = start?.line { noteLossLine(frame, line) }
        let single = stoppedAt[id] == start?.line
        return LineReport(executedLine: start?.line, onlyThatLine: single, changes: changed, phase: phase)
    }
}

extension Session {
    /// Remembers the right-hand side of `loss = criterion(out, y)`: what `check` evaluates.
    func noteLossLine(_ frame: Frame, _ line: Int) {
        let text = sourceLine(frame.file, line)
        guard let eq = text.firstIndex(of: "="), !text[..<eq].contains("("),
              text[text.index(after: eq)...].first != "=" else { return }
        lastLossExpression = String(text[text.index(after: eq)...]).trimmingCharacters()
    }
}

/// What one line did, as shown at the next stop.
struct LineReport {
    let executedLine: Int?
    /// False when more lines ran since the last stop in the frame (`c`, `unt`, `np`).
    let onlyThatLine: Bool
    let changes: [VariableChange]
    let phase: Phase?
}

/// Program output passed to the session's I/O, held back while replaying.
final class ProgramOutput: TextSink {
    unowned let session: Session
    let isError: Bool

    init(_ session: Session, isError: Bool) {
        self.session = session
        self.isError = isError
    }

    func write(_ text: String) {
        guard !session.muted else { return }
        if session.heldOutput != nil {
            session.heldOutput?.append((isError, text))
            return
        }
        if isError { session.io.writeProgramError(text) } else { session.io.writeProgramOutput(text) }
    }

    func flush() {}
}
