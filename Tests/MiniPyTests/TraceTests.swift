import Testing
@testable import MiniPy

/// Records trace events as `event function line argument`, as a `sys.settrace` hook would see them.
final class RecordingTracer: Tracer {
    var events: [String] = []
    let interp: Interpreter
    init(_ interp: Interpreter) { self.interp = interp }

    func trace(_ event: TraceEvent, frame: Frame, argument: Value) throws {
        var text = "\(event.rawValue) \(frame.functionName) \(frame.line)"
        switch event {
        case .return: text += " " + (try interp.repr(argument))
        case .exception: text += " " + argument.typeName
        default: break
        }
        events.append(text)
    }
}

struct TraceTests {
    static let program = """
        def inner(x):
            if x > 1:
                raise ValueError("big")
            return x * 2


        def outer(n):
            try:
                return inner(n)
            except ValueError:
                return -1


        a = outer(1)
        b = outer(5)

        """

    /// The sequence CPython 3.11's `sys.settrace` reports for the same program.
    @Test func eventSequenceMatchesCPython() {
        let events: [String] = Interpreter.runOnLargeStack {
            let interp = Interpreter(stdout: CapturedOutput(), stderr: CapturedOutput())
            let tracer = RecordingTracer(interp)
            interp.tracer = tracer
            _ = interp.runMain(source: Self.program, file: "prog.py")
            return tracer.events
        }
        #expect(events == [
            "call <module> 0", "line <module> 1", "line <module> 7", "line <module> 14",
            "call outer 7", "line outer 8", "line outer 9",
            "call inner 1", "line inner 2", "line inner 4", "return inner 4 2",
            "return outer 9 2",
            "line <module> 15",
            "call outer 7", "line outer 8", "line outer 9",
            "call inner 1", "line inner 2", "line inner 3", "exception inner 3 ValueError", "return inner 3 None",
            "exception outer 9 ValueError", "line outer 10", "line outer 11", "return outer 11 -1",
            "return <module> 15 None",
        ])
    }

    /// A tracer can read a frame's locals and evaluate expressions in its scope.
    @Test func evaluatesInPausedFrame() {
        final class Probe: Tracer {
            let interp: Interpreter
            var seen: [String] = []
            init(_ interp: Interpreter) { self.interp = interp }
            func trace(_ event: TraceEvent, frame: Frame, argument: Value) throws {
                guard event == .line, frame.functionName == "f", frame.line == 3 else { return }
                let locals = frame.locals.map { "\($0.name)=\((try? interp.repr($0.value)) ?? "?")" }
                seen.append(locals.joined(separator: ","))
                seen.append((try? interp.repr(interp.evaluate(expression: "x * 10 + len(G)", in: frame))) ?? "error")
                try interp.execute(statement: "y = 99", in: frame)
            }
        }
        let (seen, output): ([String], String) = Interpreter.runOnLargeStack {
            let out = CapturedOutput()
            let interp = Interpreter(stdout: out, stderr: CapturedOutput())
            let probe = Probe(interp)
            interp.tracer = probe
            _ = interp.runMain(source: "G = [1, 2]\ndef f(x):\n    y = x + 1\n    return y\nprint(f(4))\n", file: "p.py")
            return (probe.seen, out.text)
        }
        #expect(seen == ["x=4", "42"])
        #expect(output == "5\n")
    }

    /// A tracer that throws stops the program with that error.
    @Test func tracerCanStopTheProgram() {
        struct Quit: Error {}
        final class Stopper: Tracer {
            var lines = 0
            func trace(_ event: TraceEvent, frame: Frame, argument: Value) throws {
                if event == .line {
                    lines += 1
                    if lines == 3 { throw Quit() }
                }
            }
        }
        let (status, out): (Int32, String) = Interpreter.runOnLargeStack {
            let captured = CapturedOutput()
            let interp = Interpreter(stdout: captured, stderr: CapturedOutput())
            interp.tracer = Stopper()
            let status = interp.runMain(source: "print(1)\nprint(2)\nprint(3)\nprint(4)\n", file: "s.py")
            return (status, captured.text)
        }
        #expect(status == 1)
        #expect(out == "1\n2\n")
    }
}
