// When to stop: bdb's idea of a few fields consulted on every event.
import MiniPy

/// How the program was told to run on from the last stop.
public enum StepMode: Equatable {
    /// `s`: stop at the very next line, or the next backward node.
    case step
    /// `s` on a line that runs backward: like `next` for Python lines, but stop at the first
    /// backward node (the learner asked to go into `loss.backward()`, not into its wrapper).
    case stepIntoBackward
    /// `n`: stop at the next line of the stop frame or of a frame that called it.
    case next
    /// `r`: stop when the stop frame returns (or, inside backward, when the pass ends).
    case finish
    /// `unt [LINE]`: stop at a line of the stop frame at or after `line`, or when it returns.
    case until(line: Int)
    /// `np`: like `next`, but only where the phase of the executed line differs from `from`.
    case nextPhase(from: Phase?)
    /// `c`: stop only at breakpoints.
    case proceed
}

/// Decides whether an event is a stop. Holds the resume mode and the frame it refers to.
public struct Stepper {
    /// The mode set by the last resuming command.
    public private(set) var mode: StepMode = .step
    /// The frame that was current when the mode was set (`next`/`finish`/`until` refer to it).
    private var stopFrame: Frame?
    /// True while a backward pass that the learner entered is running.
    public private(set) var insideBackward = false
    /// True after `r` inside backward: finish the pass, then stop in the calling frame.
    private var finishingBackward = false

    /// A stepper that stops at the first line.
    public init() {}

    /// Sets how to run on from a stop in `frame` (nil inside backward or post-mortem).
    public mutating func resume(_ mode: StepMode, from frame: Frame?) {
        self.mode = mode
        stopFrame = frame
        finishingBackward = mode == .finish && insideBackward
    }

    /// True when `frame` is the stop frame or one of its callers (bdb's `stop_here` walk:
    /// reaching the bottom without meeting the stop frame means the event is further out).
    func isAtOrAbove(_ frame: Frame) -> Bool {
        guard let stopFrame else { return true }
        var f: Frame? = frame
        while let x = f {
            if x === stopFrame { return x === frame }
            f = x.back
        }
        return true
    }

    /// Whether a `line` event in `frame` stops; `phase` is the phase of the line executed
    /// just before in that frame (for `np`).
    public func shouldStop(atLineIn frame: Frame, phase: Phase?) -> Bool {
        switch mode {
        case .step:
            return true
        case .next, .stepIntoBackward:
            return isAtOrAbove(frame)
        case .finish:
            // Lines of frames further out than the finished one.
            guard let stopFrame else { return true }
            if finishingBackward { return isAtOrAbove(frame) }
            return !frameIsInside(frame, stopFrame)
        case .until(let line):
            // Without a frame: a line of the program's own module (the outermost frame).
            guard let stopFrame else { return frame.back == nil && frame.line >= line }
            if frame === stopFrame { return frame.line >= line }
            return !frameIsInside(frame, stopFrame) && isAtOrAbove(frame)
        case .nextPhase(let from):
            guard isAtOrAbove(frame), let phase else { return false }
            return phase != from
        case .proceed:
            return false
        }
    }

    /// True when `frame` was called (directly or not) by `outer`, or is `outer`.
    private func frameIsInside(_ frame: Frame, _ outer: Frame) -> Bool {
        var f: Frame? = frame
        while let x = f {
            if x === outer { return true }
            f = x.back
        }
        return false
    }

    /// Whether a `return` event of `frame` stops (`r` shows the value being returned).
    public func shouldStop(atReturnOf frame: Frame) -> Bool {
        if case .finish = mode, !finishingBackward { return frame === stopFrame }
        if case .until = mode { return frame === stopFrame }
        return false
    }

    /// Whether the backward node about to run stops.
    public func shouldStop(atNode node: String) -> Bool {
        switch mode {
        case .step, .stepIntoBackward:
            return true
        case .next:
            // `n` inside backward runs one node; outside it, backward runs through.
            return insideBackward
        default:
            return false
        }
    }

    /// Notes that a stop happened at a backward node (so `n` keeps walking nodes).
    public mutating func enteredBackward() { insideBackward = true }

    /// Notes that the backward pass ended: `r` inside it, or `s` on its line, now stops at
    /// the next line of the frame that called backward.
    public mutating func leftBackward() {
        insideBackward = false
        if finishingBackward || mode == .stepIntoBackward {
            mode = .next
            finishingBackward = false
        }
    }
}
