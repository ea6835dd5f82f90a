// `gradstep graph`: run a script to a line (or to its end), pick a tensor there and draw its
// autograd graph. The script runs under a session driven by fixed moves, so names, phases
// and gradients come out as the debugger's `graph` command shows them.
import Autograd
import GraphRender
import MiniPy

/// What to draw and where to stop.
public struct GraphSnapshotRequest: Sendable {
    /// Stop before this line of the script first runs; nil runs the script to its end.
    public var line: Int?
    /// The tensor to draw, a Python expression; nil picks the last backpropagated tensor,
    /// or else the newest tensor in scope with a `grad_fn`.
    public var expression: String?
    /// Label edges with the gradients of the last backward pass.
    public var grads: Bool
    /// Draw each node's saved tensors.
    public var saved: Bool

    /// Creates a request.
    public init(line: Int? = nil, expression: String? = nil, grads: Bool = false, saved: Bool = false) {
        self.line = line
        self.expression = expression
        self.grads = grads
        self.saved = saved
    }
}

/// Why no picture was taken.
public enum GraphSnapshotError: Error, Equatable, CustomStringConvertible {
    /// The line is not in the file.
    case lineOutOfRange(line: Int, lineCount: Int, file: String)
    /// The line holds no code (blank or a comment).
    case lineHasNoCode(line: Int, file: String)
    /// The script ended without running the line.
    case lineNotReached(line: Int, file: String)
    /// The script raised (or could not be parsed); `traceback` is CPython's report.
    case scriptFailed(traceback: String)
    /// Evaluating the expression raised; `message` is the exception's last line.
    case expressionFailed(expression: String, message: String)
    /// The expression is not a tensor.
    case notATensor(expression: String, typeName: String)
    /// The tensor has no `grad_fn` and is not a leaf that requires grad.
    case noGraph(expression: String)
    /// No tensor with a graph was found to draw by default.
    case nothingToDraw(file: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case .lineOutOfRange(let line, let count, let file):
            return "line \(line) is not in \(file) (it has \(count) line\(count == 1 ? "" : "s"))"
        case .lineHasNoCode(let line, let file):
            return "line \(line) of \(file) is blank or a comment; give a line with code"
        case .lineNotReached(let line, let file):
            return "the script ended without reaching line \(line) of \(file)"
        case .scriptFailed(let traceback):
            return traceback.hasSuffix("\n") ? String(traceback.dropLast()) : traceback
        case .expressionFailed(let expression, let message):
            return "cannot evaluate \(expression): \(message)"
        case .notATensor(let expression, let typeName):
            return "\(expression) is a \(typeName), not a tensor"
        case .noGraph(let expression):
            return "\(expression) has no grad_fn and does not require grad: there is no graph to draw"
        case .nothingToDraw(let file):
            return "no tensor with a grad_fn in \(file) at that point; name one with --expr"
        }
    }

    /// 1 when the script itself failed (as `python3` exits), 2 for a request that cannot be met.
    public var exitStatus: Int32 {
        if case .scriptFailed = self { return 1 }
        return 2
    }
}

/// A picture of an autograd graph, taken from a script at a line or at its end.
public struct GraphSnapshot {
    /// The picture, with its title and legend.
    public let picture: GraphPicture
    /// What was drawn: the expression, or the variable picked by default.
    public let tensorName: String
    /// The line the script stopped before; nil at its end.
    public let line: Int?

    /// Runs `program` as far as `request` says and takes the picture; `configure` installs
    /// the libraries on the interpreter (as `gradstep run` does).
    public static func take(program: DebugProgram, request: GraphSnapshotRequest,
                            configure: @escaping (Interpreter) -> Void) -> Result<GraphSnapshot, GraphSnapshotError> {
        if let line = request.line {
            let lines = program.source.split(separator: "\n", omittingEmptySubsequences: false)
            // A final newline ends the last line; it does not start another.
            let count = program.source.hasSuffix("\n") ? lines.count - 1 : lines.count
            guard line >= 1, line <= count else {
                return .failure(.lineOutOfRange(line: line, lineCount: count, file: program.file))
            }
            let text = lines[line - 1].drop { $0 == " " || $0 == "\t" }
            if text.isEmpty || text.hasPrefix("#") || text == "\r" {
                return .failure(.lineHasNoCode(line: line, file: program.file))
            }
        }
        let driver = SnapshotDriver(program: program, request: request)
        let session = Session(program: program, io: driver, configure: configure)
        driver.session = session
        _ = session.run()
        return driver.result ?? .failure(.lineNotReached(line: request.line ?? 0, file: program.file))
    }

    /// `graphs/<script stem>/line-12` or `graphs/<script stem>/end` (plus `-<expression>`
    /// when one was given), without an extension.
    public func defaultPathStem(scriptFile: String, expression: String?) -> String {
        let file = scriptFile.split(separator: "/").last.map(String.init) ?? scriptFile
        let stem = file.hasSuffix(".py") ? String(file.dropLast(3)) : file
        var name = line.map { "line-\($0)" } ?? "end"
        if let expression {
            let safe = String(expression.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." ? $0 : "_" })
            name += "-" + safe
        }
        return "graphs/\(stem.isEmpty ? "script" : stem)/\(name)"
    }
}

/// Answers the session's stops with fixed moves: set a breakpoint and continue (or run to
/// the end of the script), then take the picture and quit.
private final class SnapshotDriver: DebuggerIO {
    let program: DebugProgram
    let request: GraphSnapshotRequest
    weak var session: Session?
    var result: Result<GraphSnapshot, GraphSnapshotError>?
    private var pending: [String] = []
    private var started = false
    /// Taken where the script's module frame returns; kept only if the script then ends
    /// without an exception (an exception unwinding the frame also makes it return).
    private var provisional: Result<GraphSnapshot, GraphSnapshotError>?

    init(program: DebugProgram, request: GraphSnapshotRequest) {
        self.program = program
        self.request = request
    }

    func readCommand(prompt: String) -> String? {
        guard let session, result == nil else { return nil }
        if !pending.isEmpty { return pending.removeFirst() }
        switch session.place {
        case .postMortem(let e):
            result = .failure(.scriptFailed(traceback: session.interp.formatException(e)))
            return nil
        case .finished:
            if let line = request.line {
                result = .failure(.lineNotReached(line: line, file: program.file))
            } else {
                result = provisional ?? capture(session, frame: nil)
            }
            return nil
        case .node:
            return "c"
        case .returning:
            if request.line == nil, provisional == nil, let frame = session.stack.first, frame.isModuleFrame,
               frame.file == program.file {
                provisional = capture(session, frame: frame)
            }
            return "c"
        case .line:
            if let line = request.line, let frame = session.stack.first, frame.file == program.file, frame.line == line {
                result = capture(session, frame: frame)
                return nil
            }
            if started { return "c" }
            started = true
            if let line = request.line {
                pending = ["c"]
                return "b \(line)"
            }
            // `r` in the module frame runs to the script's end and stops there with its globals.
            return "r"
        }
    }

    func write(_ text: String) {}
    func writeProgramOutput(_ text: String) {}
    func writeProgramError(_ text: String) {}

    /// Picks the tensor and builds the picture while the script is stopped.
    private func capture(_ session: Session, frame: Frame?) -> Result<GraphSnapshot, GraphSnapshotError> {
        session.quietly {
            let root: Tensor, name: String
            switch pick(session, frame: frame) {
            case .success(let picked): (root, name) = picked
            case .failure(let error): return .failure(error)
            }
            // The session's phase of a line is only worked out at stops, and this run makes
            // none on the way; what the picture needs is whether backward went through it.
            let backpropagated = root.gradFn.map { session.lastFlow?.hasRun($0) ?? false } ?? false
            let phase = backpropagated ? "after backward" : Phase.forward.label
            let title = GraphTitle(lesson: session.baseName(program.file), line: request.line, phase: phase,
                                   note: request.line == nil ? "at the end of the script" : "before line \(request.line ?? 0) runs")
            let picture = session.graphPicture(of: root, title: title, grads: request.grads, saved: request.saved)
            return .success(GraphSnapshot(picture: picture, tensorName: name, line: request.line))
        }
    }

    /// The tensor to draw and its name.
    private func pick(_ session: Session, frame: Frame?) -> Result<(Tensor, String), GraphSnapshotError> {
        let scope = session.variablesInScope().compactMap { v in tensorValue(v.value).map { (v.name, $0) } }
        if let expression = request.expression {
            let value: Value
            if let frame {
                do {
                    value = try session.interp.evaluate(expression: expression, in: frame)
                } catch let e as PyExceptionObject {
                    return .failure(.expressionFailed(expression: expression, message: session.exceptionLine(e)))
                } catch {
                    return .failure(.expressionFailed(expression: expression, message: "\(error)"))
                }
            } else if let bound = session.variablesInScope().first(where: { $0.name == expression }) {
                value = bound.value
            } else {
                return .failure(.expressionFailed(expression: expression, message: "NameError: name '\(expression)' is not defined"))
            }
            guard let tensor = tensorValue(value) else {
                return .failure(.notATensor(expression: expression, typeName: value.typeName))
            }
            guard tensor.gradFn != nil || (tensor.isLeaf && tensor.requiresGrad) else {
                return .failure(.noGraph(expression: expression))
            }
            return .success((tensor, expression))
        }
        // The last backpropagated tensor: the one whose grad_fn ran first in the last pass.
        if let first = session.lastFlow?.ranNodes.first,
           let found = scope.first(where: { $0.1.gradFn === first }) {
            return .success((found.1, found.0))
        }
        // Else the newest tensor with a grad_fn (highest sequence number).
        let newest = scope.filter { $0.1.gradFn != nil }.max { ($0.1.gradFn?.sequenceNr ?? 0) < ($1.1.gradFn?.sequenceNr ?? 0) }
        guard let newest else { return .failure(.nothingToDraw(file: program.file)) }
        return .success((newest.1, newest.0))
    }
}
