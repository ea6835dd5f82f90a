// `graph`: draws the autograd graph of a tensor with the graph renderer, highlighting the
// node backward stands at, with the gradients that flowed so far.
import Autograd
import GraphRender
import MiniPy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parsed arguments of `graph [EXPR] [--grads] [--saved] [--dot] [-o PATH]`.
struct GraphRequest {
    var expression = ""
    var grads = false
    var saved = false
    var dotOnly = false
    var path: String?

    /// Parses the words after `graph`; nil (with a message) when they make no sense.
    init?(_ argument: String, complain: (String) -> Void) {
        var words = argument.split(separator: " ").map(String.init)[...]
        var rest: [String] = []
        while let w = words.popFirst() {
            switch w {
            case "--grads": grads = true
            case "--saved": saved = true
            case "--dot": dotOnly = true
            case "-o":
                guard let p = words.popFirst() else {
                    complain("*** -o needs a path")
                    return nil
                }
                path = p
            default: rest.append(w)
            }
        }
        expression = rest.joined(separator: " ")
    }
}

extension Session {
    /// `graph`: writes the picture and prints its path (or prints the DOT text with `--dot`).
    func drawGraph(_ argument: String, quiet: Bool = false) {
        guard let request = GraphRequest(argument, complain: { say($0) }) else { return }
        guard let root = tensorArgument(request.expression) else { return }
        guard root.gradFn != nil else {
            say("*** \(request.expression.isEmpty ? "loss" : request.expression) has no grad_fn: there is no graph to draw")
            return
        }
        var current: Node?
        if case .node(let node, _) = place { current = node }
        let phase = current != nil ? Phase.backward.label : lastPhase?.label
        let title = GraphTitle(lesson: baseName(program.file), line: selectedFrame?.line, phase: phase)
        let picture = graphPicture(of: root, title: title, grads: request.grads || current != nil,
                                   saved: request.saved, current: current)
        if request.dotOnly {
            say(picture.dotText)
            return
        }
        let format: GraphImageFormat
        if let path = request.path, path.hasSuffix(".svg") {
            format = .svg
        } else if let path = request.path, path.hasSuffix(".png") {
            format = .png
        } else {
            format = picture.preferredFormat
        }
        let path = request.path ?? "graphs/\(baseName(program.file))/stop\(stopCount).\(format.rawValue)"
        makeFolders(for: path)
        do {
            try picture.write(toPath: path, as: format)
            if !quiet { say("wrote \(path)  (\(picture.vertexCount) boxes)") }
        } catch {
            say("*** could not draw the graph: \(error)")
        }
    }

    /// The picture of `root`'s graph with the names in scope (parameters by module path),
    /// the gradients of the running or last backward pass when `grads` is set.
    func graphPicture(of root: Tensor, title: GraphTitle, grads: Bool, saved: Bool, current: Node? = nil) -> GraphPicture {
        var named: [(String, Tensor)] = discoverParameters().map { ($0.name, $0.tensor) }
        for v in quietly({ variablesInScope() }) {
            if let t = tensorValue(v.value) { named.append((v.name, t)) }
        }
        var options = GraphPictureOptions(title: title, showSaved: saved)
        options.current = current
        if grads { options.flow = backward?.flow ?? lastFlow }
        return GraphPicture(roots: [root], names: GraphNames(named), options: options)
    }

    /// `lessons/02_loop.py` → `02_loop`.
    func baseName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".py") ? String(file.dropLast(3)) : file
    }
}

extension Session {
    /// `live on|off`: re-render `graphs/<lesson>/live.png` at every stop.
    func setLiveGraph(_ argument: String) {
        switch argument {
        case "on": liveGraph = true
        case "off": liveGraph = false
        default:
            say("*** usage: live on|off")
            return
        }
        say(liveGraph ? "live graph: \(livePath) is redrawn at every stop" : "live graph off")
        if liveGraph { drawLiveGraph() }
    }

    /// Where the live picture goes.
    var livePath: String { "graphs/\(baseName(program.file))/live.png" }

    /// Redraws the live picture of `loss` (quietly: no message when there is nothing to draw).
    func drawLiveGraph() {
        guard !muted, let frame = selectedFrame ?? stack.last else { return }
        let value = quietly { try? interp.evaluate(expression: "loss", in: frame) }
        guard let t = value.flatMap(tensorValue), t.gradFn != nil else { return }
        drawGraph("--grads -o \(livePath)", quiet: true)
    }
}

/// Creates the folders above `path` (`graphs/lesson/` for `graphs/lesson/live.png`).
func makeFolders(for path: String) {
    var prefix = path.hasPrefix("/") ? "/" : ""
    let parts = path.split(separator: "/").dropLast()
    for part in parts {
        prefix += part
        _ = mkdir(prefix, 0o755)
        prefix += "/"
    }
}
