// libFuzzer target: the MiniPy interpreter on programs that parse, with a statement budget.
// A program may raise any Python exception; a trap or sanitizer report is a bug.
import MiniPy

/// Stops a program after a fixed number of line events, so endless loops end.
final class StatementBudget: Tracer {
    struct Exhausted: Error {}
    var remaining = 2_000

    func trace(_ event: TraceEvent, frame: Frame, argument: Value) throws {
        guard event == .line else { return }
        remaining -= 1
        if remaining < 0 { throw Exhausted() }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterpreter(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // The seeds include programs that create and remove files; a mutated one could remove
    // anything the fuzzing user may. Inputs that can reach the file system are skipped.
    if ["os", "open", "save", "csv", "json"].contains(where: { source.contains($0) }) { return -1 }
    // `time.sleep` really sleeps: a mutated delay only slows the run down.
    if source.contains("sleep") { return -1 }
    // Programs that do not parse are the parser target's business.
    guard (try? PythonParser.parse(source: source, file: "<fuzz>")) != nil else { return -1 }
    Interpreter.runOnLargeStack {
        let interp = Interpreter(stdout: CapturedOutput(), stderr: CapturedOutput())
        interp.recursionLimit = 200
        interp.tracer = StatementBudget()
        _ = interp.runMain(source: source, file: "<fuzz>")
    }
    return 0
}
