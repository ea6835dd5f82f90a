// What a stop shows, and the source listing and stack commands.
import Autograd
import MiniPy

extension Session {
    /// The frame `u`/`d` selected (nil when the program is not running).
    var selectedFrame: Frame? {
        frameIndex < stack.count ? stack[frameIndex] : nil
    }

    /// Shows a stop: what ran since the last one, then where the program is.
    func announce(_ place: StopPlace, breakpoint: Breakpoint?, report: LineReport?, narration: [String] = []) {
        var out: [String] = []
        if case .node = place {} else {
            out.append(contentsOf: pendingBackwardReport)
            pendingBackwardReport = []
        }
        // The first stop of a run started at a later line (the repl) reports nothing.
        let skipReport = firstStopLine != nil && stopCount == 1
        if let report, let frame = stack.first, !skipReport {
            out.append(contentsOf: reportLines(report, frame: frame))
        }
        if let breakpoint {
            out.append("Breakpoint \(breakpoint.number) hit (\(breakpoint.hits) time\(breakpoint.hits == 1 ? "" : "s"))")
        }
        out.append(contentsOf: narration)
        switch place {
        case .line:
            if let frame = stack.first { out.append(contentsOf: whereLines(frame, current: true)) }
            if let phase = upcomingPhase { out.append("   [\(phase.label) starts here]") }
        case .returning(let value):
            out.append("--Return-- " + interp.shortRepr(value))
            if let frame = stack.first { out.append(contentsOf: whereLines(frame, current: true)) }
        case .node(let node, let grads):
            out.append(contentsOf: nodeStopText(node, grads))
        case .postMortem(let e):
            out.append(interp.formatException(e).trimmingTrailingNewlines())
            out.append("Post-mortem: the program stopped at the failing line. Inspect it, `back` to step")
            out.append("back to the last stop before it, `restart`, or `q`.")
            if let frame = stack.first { out.append(contentsOf: whereLines(frame, current: true)) }
        case .finished:
            out.append("The program finished. `back` returns to an earlier stop, `restart` runs it again, `q` quits.")
        }
        out.append(contentsOf: displayLines())
        say(out.joined(separator: "\n"))
    }

    /// The lesson's narration for a stop: its opening docstring at the first stop, and the
    /// comment block right above a line the first time the program stops there.
    func narrationLines(_ place: StopPlace, frame: Frame?, index: Int) -> [String] {
        guard case .line = place, let frame, frame.file == program.file else { return [] }
        var out: [String] = []
        if index == 0, let doc = moduleDocstring() { out.append(doc) }
        guard narrated.insert(frame.line).inserted, let lines = interp.sourceLines[frame.file] else { return out }
        var n = frame.line - 1
        var block: [String] = []
        while n >= 1, n <= lines.count {
            let text = String(lines[n - 1]).trimmingCharacters()
            guard text.hasPrefix("#") else { break }
            block.insert(text, at: 0)
            n -= 1
        }
        out.append(contentsOf: block)
        return out
    }

    /// The program's opening docstring, if it has one.
    func moduleDocstring() -> String? {
        let source = program.source.drop { $0 == "\n" || $0 == " " }
        for quote in ["\"\"\"", "'''"] where source.hasPrefix(quote) {
            let body = source.dropFirst(3)
            guard let end = body.firstRange(of: quote) else { return nil }
            return String(body[..<end.lowerBound]).trimmingTrailingNewlines()
        }
        return nil
    }

    /// The executed line, its phase and the variables it changed.
    func reportLines(_ report: LineReport, frame: Frame) -> [String] {
        var out: [String] = []
        if let line = report.executedLine {
            let phase = report.phase.map { "   [\($0.label)]" } ?? ""
            let what = report.onlyThatLine ? "ran \(line)" : "ran up to \(line)"
            out.append("\(what): \(sourceLine(frame.file, line))\(phase)")
        }
        let limit = report.changes.count <= 10 ? 10 : 8
        for c in report.changes.prefix(limit) {
            let prefix = "    \(c.name) = "
            let text = hangingIndent(interp.shortRepr(c.value), width: prefix.count)
            out.append(prefix + text + (c.isNew ? "" : "   (changed)"))
        }
        if report.changes.count > limit {
            let more = report.changes.count - limit
            out.append("    ... and \(more) more: " + report.changes.dropFirst(limit).map(\.name).joined(separator: ", "))
        }
        return out
    }

    /// pdb's two lines: `> file(line)function()` and `-> source`.
    func whereLines(_ frame: Frame, current: Bool) -> [String] {
        [
            "\(current ? ">" : " ") \(frame.file)(\(frame.line))\(frame.functionName)()",
            "-> " + sourceLine(frame.file, frame.line),
        ]
    }

    /// A line of source without its indentation ("" when unknown).
    func sourceLine(_ file: String, _ line: Int) -> String {
        guard let lines = interp.sourceLines[file], line >= 1, line <= lines.count else { return "" }
        return String(lines[line - 1]).trimmingCharacters()
    }

    /// `display` expressions whose value changed since the last stop.
    func displayLines() -> [String] {
        guard let frame = selectedFrame else { return [] }
        var out: [String] = []
        for i in displays.indices {
            let text = evaluateForDisplay(displays[i].expression, in: frame)
            if text != displays[i].last {
                out.append("display \(displays[i].expression): \(text)"
                           + (displays[i].last.map { "  [old: \($0)]" } ?? ""))
                displays[i].last = text
            }
        }
        return out
    }

    /// An expression's short repr, or the exception it raised.
    func evaluateForDisplay(_ expression: String, in frame: Frame) -> String {
        do {
            return interp.shortRepr(try interp.evaluate(expression: expression, in: frame), maxLines: 3)
        } catch let e as PyExceptionObject {
            return exceptionLine(e)
        } catch {
            return "\(error)"
        }
    }

    /// `TypeError: message` for an exception.
    func exceptionLine(_ e: PyExceptionObject) -> String {
        let text = interp.formatException(e).trimmingTrailingNewlines()
        return String(text.split(separator: "\n").last ?? Substring(text))
    }

    /// `l`: eleven lines around the current one, or the next eleven after a previous `l`.
    func listSource(first: Int? = nil, last: Int? = nil, whole: Bool = false) {
        guard let frame = selectedFrame, let lines = interp.sourceLines[frame.file] else {
            say("*** No source to list")
            return
        }
        let start: Int, end: Int
        if whole {
            // A module frame's first line is 0; listing starts at line 1.
            start = max(1, frame.firstLine)
            end = functionEnd(frame, lines)
        } else if let first {
            start = max(1, first)
            end = last ?? start + 10
        } else if let cursor = listCursor {
            start = cursor
            end = cursor + 10
        } else {
            start = max(1, frame.line - 5)
            end = start + 10
        }
        var out: [String] = []
        if start <= lines.count, start <= end {
            for n in start...min(end, lines.count) {
                let marker = n == frame.line ? "->" : "  "
                let number = String(n)
                let pad = String(repeating: " ", count: max(0, 4 - number.count))
                out.append("\(pad)\(number) \(marker) \(lines[n - 1])")
            }
        }
        listCursor = end + 1
        say(out.isEmpty ? "[EOF]" : out.joined(separator: "\n"))
    }

    /// The last line of the function running in `frame` (by indentation), or the file's end.
    private func functionEnd(_ frame: Frame, _ lines: [Substring]) -> Int {
        guard !frame.isModuleFrame, frame.firstLine >= 1, frame.firstLine <= lines.count else { return lines.count }
        let header = lines[frame.firstLine - 1]
        let indent = header.prefix { $0 == " " || $0 == "\t" }.count
        var last = frame.firstLine
        var n = frame.firstLine + 1
        while n <= lines.count {
            let text = lines[n - 1]
            let blank = text.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            if !blank {
                if text.prefix(while: { $0 == " " || $0 == "\t" }).count <= indent { break }
                last = n
            }
            n += 1
        }
        return last
    }

    /// `w`: the stack, outermost first, the selected frame marked.
    func showStack() {
        guard !stack.isEmpty else {
            say(backward != nil ? "inside backward, called from no Python frame" : "*** The program is not running")
            return
        }
        var out: [String] = []
        for (i, frame) in stack.enumerated().reversed() {
            out.append(contentsOf: whereLines(frame, current: i == frameIndex))
        }
        if case .node(let node, _) = place {
            out.append(">> inside backward at \(node.name)")
        }
        say(out.joined(separator: "\n"))
    }
}

extension String {
    /// The string without trailing newlines.
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while s.last == "\n" { s = s.dropLast() }
        return String(s)
    }
}
