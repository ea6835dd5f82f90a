// The commands typed at a stop: pdb's letters plus GradStep's own.
import Autograd
import MiniPy

extension Session {
    /// Runs one command line; true when the program should run on.
    func perform(_ line: String) throws -> Bool {
        let text = line.trimmingCharacters()
        guard !text.isEmpty else { return false }
        if text.hasPrefix("!") {
            runPython(String(text.dropFirst()))
            return false
        }
        let (word, rest) = splitCommand(text)
        // `n = 3`, `l = [1]`, `w += 1`: an assignment to a variable named like a command.
        if isAssignment(rest) {
            runPython(text)
            return false
        }
        switch word {
        case "s", "step": return resume(.step)
        case "n", "next": return resume(.next)
        case "r", "return", "finish": return resume(.finish)
        case "c", "cont", "continue": return resume(.proceed)
        case "unt", "until":
            guard let frame = selectedFrame else { return resume(.proceed) }
            let line = rest.isEmpty ? frame.line + 1 : Int(rest) ?? -1
            guard line > 0 else {
                say("*** Error in argument: '\(rest)'")
                return false
            }
            return resume(.until(line: line))
        case "np", "phase":
            let from = currentPhase()
            guard resume(.nextPhase(from: from)) else { return false }
            phaseWalk = PhaseWalk(from: from)
            heldOutput = []
            return true
        case "q", "quit", "exit":
            throw SessionControl.quit
        case "back":
            try goBack(rest)
            return false
        case "restart", "run":
            history = []
            interruptStops = []
            phaseStops = []
            replayTarget = nil
            say("Restarting \(program.file)")
            throw SessionControl.restart
        case "b", "break": setBreakpoint(rest)
        case "cl", "clear": clearBreakpoints(rest)
        case "l", "list": listCommand(rest)
        case "ll", "longlist": listSource(whole: true)
        case "w", "where", "bt": showStack()
        case "u", "up": moveFrame(by: Int(rest) ?? 1)
        case "d", "down": moveFrame(by: -(Int(rest) ?? 1))
        case "p": printExpression(rest, pretty: false)
        case "pp": printExpression(rest, pretty: true)
        case "display": addDisplay(rest)
        case "undisplay":
            displays.removeAll { rest.isEmpty || $0.expression == rest }
        case "h", "help": say(helpText(rest))
        default:
            if let inspection = inspectionCommands[word] {
                inspection(self, rest)
            } else {
                runPython(text)
            }
        }
        return false
    }

    /// True when the text after the first word makes the line a Python assignment.
    func isAssignment(_ rest: String) -> Bool {
        if rest.hasPrefix("=") { return !rest.hasPrefix("==") }
        let augmented = ["+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "&=", "|=", "^=", ">>=", "<<="]
        return augmented.contains { rest.hasPrefix($0) }
    }

    /// `word rest` split at the first blank.
    func splitCommand(_ text: String) -> (String, String) {
        guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (text, "") }
        return (String(text[..<space]), String(text[space...]).trimmingCharacters())
    }

    /// Sets the stepper going, unless the program cannot run on from here.
    private func resume(_ mode: StepMode) -> Bool {
        switch place {
        case .finished:
            say("The program has finished. `back` returns to an earlier stop, `restart` runs it again, `q` quits.")
            return false
        case .postMortem:
            say("The program ended with an uncaught exception. `back`, `restart` or `q`.")
            return false
        case .node:
            stepper.resume(mode, from: backward?.callerFrame)
        case .line, .returning:
            var mode = mode
            if mode == .step, let frame = selectedFrame, frameIndex == 0,
               sourceLine(frame.file, frame.line).contains("backward(") {
                mode = .stepIntoBackward
            }
            stepper.resume(mode, from: selectedFrame)
        }
        rememberParameterState()
        return true
    }

    /// The phase the program is in at this stop (of the last line that had one).
    private func currentPhase() -> Phase? {
        if case .node = place { return .backward }
        return lastPhase
    }

    /// `back [N]`: re-runs the program to the N-th stop before this one.
    private func goBack(_ argument: String) throws {
        let steps = argument.isEmpty ? 1 : Int(argument) ?? 0
        guard steps >= 1 else {
            say("*** back takes a positive number of stops")
            return
        }
        let current = stopCount - 1
        guard current - steps >= 0 else {
            say("*** Only \(current) earlier stop\(current == 1 ? "" : "s") to go back to")
            return
        }
        let target = current - steps
        history.removeSubrange(target...)
        interruptStops.removeAll { $0.stop > target }
        phaseStops.removeAll { $0.stop > target }
        replayTarget = target
        throw SessionControl.restart
    }

    /// `l`, `l LINE`, `l FIRST, LAST`, `l .`.
    private func listCommand(_ argument: String) {
        if argument == "." {
            listCursor = nil
            listSource()
            return
        }
        let parts = argument.split(separator: ",").map { Int(String($0).trimmingCharacters()) }
        if parts.isEmpty {
            listSource()
        } else if parts.count == 1, let first = parts[0] {
            listSource(first: first - 5)
        } else if parts.count == 2, let first = parts[0], let last = parts[1] {
            listSource(first: first, last: last < first ? first + last : last)
        } else {
            say("*** Error in argument: '\(argument)'")
        }
    }

    /// `u`/`d`: moves the selected frame outwards (positive) or inwards.
    private func moveFrame(by delta: Int) {
        guard !stack.isEmpty else {
            say("*** The program is not running")
            return
        }
        let target = frameIndex + delta
        if target >= stack.count {
            say("*** Oldest frame")
        } else if target < 0 {
            say("*** Newest frame")
        } else {
            frameIndex = target
            listCursor = nil
            say(whereLines(stack[frameIndex], current: true).joined(separator: "\n"))
        }
    }

    /// `b`: lists breakpoints, or sets one on a line, a function or a backward node.
    private func setBreakpoint(_ argument: String) {
        if argument.isEmpty {
            say(breakpoints.all.isEmpty ? "No breakpoints" : breakpoints.all.map {
                $0.description + ($0.hits > 0 ? " (hit \($0.hits) time\($0.hits == 1 ? "" : "s"))" : "")
            }.joined(separator: "\n"))
            return
        }
        var file = stack.last?.file ?? program.file
        var spec = argument
        if let colon = argument.lastIndex(of: ":"), Int(argument[argument.index(after: colon)...]) != nil {
            file = String(argument[..<colon])
            spec = String(argument[argument.index(after: colon)...])
        }
        let target: BreakpointTarget
        if let line = Int(spec) {
            guard let lines = interp.sourceLines[file] ?? (file == program.file ? program.source.split(separator: "\n", omittingEmptySubsequences: false) : nil),
                  line >= 1, line <= lines.count else {
                say("*** Line \(spec) is not in \(file)")
                return
            }
            target = .line(file: file, line: line)
        } else if spec == "AccumulateGrad" || spec.contains("Backward") {
            target = .node(spec)
        } else if spec.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
            target = .function(spec)
        } else {
            say("*** Bad breakpoint: '\(argument)'")
            return
        }
        say(breakpoints.add(target).description)
    }

    /// `cl [N ...]`: removes breakpoints (all without a number).
    private func clearBreakpoints(_ argument: String) {
        if argument.isEmpty {
            breakpoints.removeAll()
            say("Deleted all breakpoints")
            return
        }
        for word in argument.split(separator: " ") {
            if let n = Int(word), breakpoints.remove(n) {
                say("Deleted breakpoint \(n)")
            } else {
                say("*** No breakpoint numbered \(word)")
            }
        }
    }

    /// `p EXPR` / `pp EXPR`: prints the value (`pp` without shortening).
    private func printExpression(_ source: String, pretty: Bool) {
        guard let frame = selectedFrame ?? stack.last else {
            say("*** The program is not running")
            return
        }
        quietly {
            do {
                let v = try interp.evaluate(expression: source, in: frame)
                say(pretty ? ((try? interp.repr(v)) ?? "<repr failed>") : interp.shortRepr(v, maxLines: 20))
            } catch let e as PyExceptionObject {
                say("*** " + exceptionLine(e))
            } catch {
                say("*** \(error)")
            }
        }
    }

    /// An expression (its repr printed unless None) or a statement, run in the selected frame.
    func runPython(_ source: String) {
        guard let frame = selectedFrame ?? stack.last else {
            say("*** The program is not running")
            return
        }
        quietly {
            do {
                let v = try interp.evaluate(expression: source, in: frame)
                if !v.isNone { say(interp.shortRepr(v, maxLines: 20)) }
            } catch let e as PyExceptionObject where e.isInstance(of: BuiltinTypes.syntaxError) {
                do {
                    try interp.execute(statement: source, in: frame)
                } catch let e as PyExceptionObject {
                    say("*** " + exceptionLine(e))
                } catch {
                    say("*** \(error)")
                }
            } catch let e as PyExceptionObject {
                say("*** " + exceptionLine(e))
            } catch {
                say("*** \(error)")
            }
            interp.flushOutput()
        }
    }

    /// `display EXPR`: shows the expression whenever its value changes; alone, lists them.
    private func addDisplay(_ expression: String) {
        guard !expression.isEmpty else {
            say(displays.isEmpty ? "No display expressions" : "Currently displaying:\n"
                + displays.map { "\($0.expression): \($0.last ?? "")" }.joined(separator: "\n"))
            return
        }
        guard let frame = selectedFrame else {
            say("*** The program is not running")
            return
        }
        let text = evaluateForDisplay(expression, in: frame)
        displays.append((expression, text))
        say("display \(expression): \(text)")
    }

    /// Runs debugger work that may call Python without the tracer seeing it.
    func quietly<R>(_ body: () throws -> R) rethrows -> R {
        let was = inPrompt
        inPrompt = true
        defer { inPrompt = was }
        return try body()
    }
}
