// `check`: a finite-difference check of the parameters' `.grad` against the loss
// evaluated again with each sampled element nudged up and down.
import Autograd
import MiniPy

extension Session {
    /// `check [EXPR]`: EXPR computes the loss from the current state (default: the right-hand
    /// side of the last line that computed a loss). Run it after backward: nudging a
    /// parameter counts as an in-place change for graphs that still hold it.
    func gradientCheck(_ argument: String) {
        let expression = argument.isEmpty ? (lastLossExpression ?? "") : argument
        guard !expression.isEmpty else {
            say("*** usage: check EXPR   (EXPR computes the loss, e.g. criterion(model(x), y))")
            return
        }
        guard let frame = selectedFrame ?? stack.last else {
            say("*** The program is not running")
            return
        }
        let params = discoverParameters().filter { $0.tensor.grad != nil }
        guard !params.isEmpty else {
            say("*** No parameter has a .grad yet: run backward first")
            return
        }
        let rng = Generator.default.getState()
        // The loss at the current values, with the random stream held still between runs.
        func loss() throws -> Double {
            defer { try? Generator.default.setState(rng) }
            let value = try quietly { try GradMode.noGrad { try interp.evaluate(expression: expression, in: frame) } }
            guard let t = tensorValue(value), t.count == 1, let d = t.doubleValues().first else {
                throw CheckError.notAScalar
            }
            return d
        }
        say("checking \(expression)")
        var rows: [[String]] = []
        do {
            _ = try loss()
            for p in params {
                rows.append(try checkParameter(p, loss))
            }
        } catch CheckError.notAScalar {
            say("*** \(expression) does not give a single number")
            return
        } catch let e as PyExceptionObject {
            say("*** " + exceptionLine(e))
            return
        } catch {
            say("*** \(error)")
            return
        }
        say(table(["parameter", "checked", "max |numeric - grad|", "max rel. error", "verdict"], rows))
    }

    /// Central differences at up to eight evenly spread elements of one parameter.
    private func checkParameter(_ p: NamedParameter, _ loss: () throws -> Double) throws -> [String] {
        let t = p.tensor
        let original = t.doubleValues()
        let grad = t.grad?.doubleValues() ?? []
        let eps = t.dtype == .float64 ? 1e-6 : 1e-3
        let stride = max(1, original.count / 8)
        var maxAbs = 0.0, maxRel = 0.0, checked = 0
        func set(_ values: [Double]) throws {
            let replacement = try Tensor.from(values, shape: t.shape, dtype: t.dtype)
            try GradMode.noGrad { _ = try t.copy_(replacement) }
        }
        defer { try? set(original) }
        var i = 0
        while i < original.count && checked < 8 {
            var nudged = original
            nudged[i] = original[i] + eps
            try set(nudged)
            let up = try loss()
            nudged[i] = original[i] - eps
            try set(nudged)
            let down = try loss()
            let numeric = (up - down) / (2 * eps)
            let analytic = i < grad.count ? grad[i] : 0
            let diff = Swift.abs(numeric - analytic)
            maxAbs = max(maxAbs, diff)
            maxRel = max(maxRel, diff / max(1e-8, Swift.abs(numeric) + Swift.abs(analytic)))
            checked += 1
            i += stride
        }
        let tolerance = t.dtype == .float64 ? 1e-5 : 2e-2
        let verdict = maxAbs <= tolerance * max(1, grad.map(Swift.abs).max() ?? 0) ? "ok" : "MISMATCH"
        return [p.name, "\(checked) of \(original.count)", short(maxAbs), short(maxRel), verdict]
    }
}

/// Why a gradient check could not run.
enum CheckError: Error {
    case notAScalar
}
