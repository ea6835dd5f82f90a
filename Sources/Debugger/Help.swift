// `h`: the command list.

extension Session {
    /// The help text, or one command's line.
    func helpText(_ topic: String) -> String {
        let lines = Self.helpLines
        if !topic.isEmpty {
            let matches = lines.filter { $0.hasPrefix(topic + " ") || $0.hasPrefix(topic + "/") || $0.contains("/" + topic + " ") }
            return matches.isEmpty ? "*** No help on \(topic)" : matches.joined(separator: "\n")
        }
        return "Commands (any other input runs as Python in the selected frame):\n" + lines.joined(separator: "\n")
    }

    static let helpLines = [
        "s/step          run the line; go into a function, or into backward on a .backward() line",
        "n/next          run to the next line here (inside backward: the next node)",
        "r/return        run until this function returns (inside backward: to the end of the pass)",
        "c/continue      run until a breakpoint",
        "unt/until [N]   run until a line at or after N in this frame",
        "np/phase        run to the start of the next training-loop phase",
        "back [N]        go back N stops (re-runs the program from the start)",
        "restart         run the program again from the start",
        "b/break [X]     list breakpoints, or break at LINE, FILE:LINE, FUNCTION or a NodeBackward0",
        "cl/clear [N]    remove breakpoint N (all without N)",
        "l/list [A[,B]]  list source; ll/longlist lists the whole function",
        "w/where         show the stack; u/up and d/down select a frame",
        "p EXPR          print a value; pp EXPR prints it in full",
        "display EXPR    show EXPR whenever its value changes; undisplay [EXPR]",
        "grads           gradient table of every parameter in scope",
        "params          parameter values",
        "diff            what changed in parameters and gradients since the last stop",
        "optim           optimizer hyper-parameters and state",
        "lr              learning rates after each scheduler step, and now",
        "tree [EXPR]     the grad_fn tree of EXPR (default: loss)",
        "node            inside backward: the current node with its saved tensors",
        "why EXPR        why EXPR.grad is None",
        "graph [EXPR]    draw the graph of EXPR (default: loss): --grads, --saved, --dot, -o PATH",
        "check [EXPR]    finite-difference check of every .grad against EXPR (default: the loss line)",
        "live on|off     redraw graphs/<lesson>/live.png at every stop (gradstep --live)",
        "anomaly on|off  stop at the first NaN or Inf (forward or backward) and name its line",
        "!STMT           run a Python statement",
        "q/quit          quit",
    ]
}
