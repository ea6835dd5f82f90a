// `# graph: EXPR [--grads] [--saved]` comments in a lesson mark moments worth a picture.
// CPython ignores them and the debugger shows them as narration; the gallery runs the lesson
// in a debugger session, stops before the first code line after each directive (so a
// directive written after `loss.backward()` sees the gradients) and draws the picture with
// the `graph` command itself, so a gallery picture is exactly what a learner would get there.

import MiniPy

/// One `# graph:` comment of a lesson.
public struct GraphDirective: Equatable, Sendable {
    /// The 1-based line of the comment.
    public var line: Int
    /// The first code line after the comment: the picture is drawn just before it runs.
    public var stopLine: Int
    /// The tensor to draw (a Python expression).
    public var expression: String
    /// Whether to label edges with the gradients of the last backward pass.
    public var grads: Bool
    /// Whether to show each node's saved tensors.
    public var saved: Bool
    /// The directive's position among the lesson's directives, from 1.
    public var ordinal: Int

    /// The file name without extension: `01-loss-grads`.
    public var pictureName: String {
        var slug = ""
        for c in expression {
            if c.isLetter || c.isNumber || c == "_" {
                slug.append(c)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        let number = ordinal < 10 ? "0\(ordinal)" : "\(ordinal)"
        return number + "-" + (slug.isEmpty ? "graph" : slug) + (grads ? "-grads" : "") + (saved ? "-saved" : "")
    }

    /// The `graph` command that draws this directive's picture as DOT text.
    var command: String {
        "graph \(expression)" + (grads ? " --grads" : "") + (saved ? " --saved" : "") + " --dot"
    }

    /// Every directive of `source`, in order; a directive with no code line after it is dropped.
    public static func all(in source: String) -> [GraphDirective] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [GraphDirective] = []
        for (index, text) in lines.enumerated() {
            guard let words = directiveWords(text) else { continue }
            let stop = lines[(index + 1)...].firstIndex { isCode($0) }
            guard let stop else { continue }
            var expression: [String] = []
            var grads = false, saved = false
            for w in words {
                switch w {
                case "--grads": grads = true
                case "--saved": saved = true
                default: expression.append(w)
                }
            }
            found.append(GraphDirective(line: index + 1, stopLine: stop + 1,
                                        expression: expression.isEmpty ? "loss" : expression.joined(separator: " "),
                                        grads: grads, saved: saved, ordinal: found.count + 1))
        }
        return found
    }

    /// The words after `# graph:`, or nil when the line is not a directive.
    static func directiveWords(_ line: String) -> [String]? {
        let trimmed = line.trimmingCharacters()
        guard trimmed.hasPrefix("#") else { return nil }
        let body = trimmed.dropFirst().drop { $0 == " " }
        guard body.hasPrefix("graph:") else { return nil }
        return body.dropFirst("graph:".count).split(separator: " ").map(String.init)
    }

    /// True for a line that runs: not blank and not only a comment.
    static func isCode(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters()
        return !trimmed.isEmpty && !trimmed.hasPrefix("#")
    }
}

/// One rendered directive: its picture as DOT text, or why it could not be drawn.
public struct GalleryPicture: Sendable {
    /// The directive drawn.
    public var directive: GraphDirective
    /// The DOT text (nil when the picture could not be drawn).
    public var dot: String?
    /// What the debugger said instead of a picture.
    public var problem: String?
}

/// Draws every directive of a lesson.
public enum Gallery {
    /// Runs `program` in a debugger session and draws each directive the first time
    /// execution reaches its stop line. Directives never reached come back with a problem.
    public static func render(program: DebugProgram,
                              configure: @escaping (Interpreter) -> Void) -> [GalleryPicture] {
        let directives = GraphDirective.all(in: program.source)
        guard !directives.isEmpty else { return [] }
        let io = GalleryIO(directives: directives)
        let session = Session(program: program, io: io, configure: configure)
        io.session = session
        _ = session.run()
        return directives.map { d in
            if let text = io.output[d.ordinal] {
                let isDOT = text.hasPrefix("digraph") || text.hasPrefix("strict digraph")
                return GalleryPicture(directive: d, dot: isDOT ? text : nil,
                                      problem: isDOT ? nil : text.trimmingCharacters())
            }
            return GalleryPicture(directive: d, dot: nil,
                                  problem: "line \(d.stopLine) was never reached")
        }
    }
}

/// Sets a breakpoint on every stop line, answers each stop with the directives' `graph`
/// commands, clears the breakpoint and continues; collects what each command printed.
final class GalleryIO: DebuggerIO {
    let directives: [GraphDirective]
    weak var session: Session?
    /// What each directive's command printed, by ordinal.
    var output: [Int: String] = [:]
    private var queue: [String] = []
    private var capturing: Int?
    private var started = false
    private var pending: [Int: Int] = [:]   // stop line → breakpoint number
    private var lastWasContinue = false

    init(directives: [GraphDirective]) {
        self.directives = directives
    }

    func readCommand(prompt: String) -> String? {
        capturing = nil
        if !queue.isEmpty { return next() }
        if !started {
            started = true
            var number = 0
            for line in Set(directives.map(\.stopLine)).sorted() {
                number += 1
                pending[line] = number
                queue.append("b \(line)")
            }
            queue.append("c")
            return next()
        }
        if let frame = session?.selectedFrame, frame.file == session?.program.file,
           let number = pending[frame.line] {
            let line = frame.line
            pending[line] = nil
            for d in directives where d.stopLine == line {
                queue.append("#\(d.ordinal)")
            }
            queue.append("cl \(number)")
            queue.append(pending.isEmpty ? "q" : "c")
            return next()
        }
        // Anywhere else after a continue: the program ended or failed before the rest.
        if lastWasContinue || pending.isEmpty { return nil }
        queue.append("c")
        return next()
    }

    private func next() -> String? {
        guard !queue.isEmpty else { return nil }
        let c = queue.removeFirst()
        lastWasContinue = c == "c"
        if c.hasPrefix("#"), let ordinal = Int(c.dropFirst()),
           let d = directives.first(where: { $0.ordinal == ordinal }) {
            capturing = ordinal
            output[ordinal] = ""
            return d.command
        }
        return c
    }

    func write(_ text: String) {
        if let capturing { output[capturing, default: ""] += text }
    }

    func writeProgramOutput(_ text: String) {}
    func writeProgramError(_ text: String) {}
}
