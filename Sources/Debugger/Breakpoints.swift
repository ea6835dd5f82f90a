// Breakpoints on lines, functions and backward nodes.

/// Where a breakpoint sits.
public enum BreakpointTarget: Equatable, Sendable {
    /// A line of a file (the file as the program names it).
    case line(file: String, line: Int)
    /// The first line of every call of a function with this name.
    case function(String)
    /// A backward node about to run, by class name (`AddmmBackward0`).
    case node(String)
}

/// A numbered breakpoint.
public struct Breakpoint: Equatable, Sendable {
    /// pdb's number, counting from 1 and never reused.
    public let number: Int
    /// Where it sits.
    public let target: BreakpointTarget
    /// Times it was hit.
    public var hits = 0

    /// The breakpoint as `b` lists it.
    public var description: String {
        switch target {
        case .line(let file, let line): return "Breakpoint \(number) at \(file):\(line)"
        case .function(let name): return "Breakpoint \(number) at function \(name)"
        case .node(let name): return "Breakpoint \(number) at backward node \(name)"
        }
    }
}

/// The breakpoints of a session.
public struct BreakpointTable {
    /// All breakpoints, by number order.
    public private(set) var all: [Breakpoint] = []
    private var nextNumber = 1

    /// An empty table.
    public init() {}

    /// Adds a breakpoint and returns it.
    public mutating func add(_ target: BreakpointTarget) -> Breakpoint {
        let b = Breakpoint(number: nextNumber, target: target)
        nextNumber += 1
        all.append(b)
        return b
    }

    /// Removes breakpoint `number`; false when there is none.
    public mutating func remove(_ number: Int) -> Bool {
        guard let i = all.firstIndex(where: { $0.number == number }) else { return false }
        all.remove(at: i)
        return true
    }

    /// Removes all breakpoints.
    public mutating func removeAll() { all.removeAll() }

    /// True when there is nothing to check (the common case costs one branch).
    public var isEmpty: Bool { all.isEmpty }

    /// The breakpoint hit by a line event, counting the hit.
    public mutating func hit(file: String, line: Int) -> Breakpoint? {
        hit { if case .line(let f, let l) = $0 { return l == line && f == file }; return false }
    }

    /// The breakpoint hit by the first line of a call of `function`, counting the hit.
    public mutating func hit(function: String) -> Breakpoint? {
        hit { if case .function(let n) = $0 { return n == function }; return false }
    }

    /// The breakpoint hit by a backward node, counting the hit.
    public mutating func hit(node: String) -> Breakpoint? {
        hit { if case .node(let n) = $0 { return n == node }; return false }
    }

    /// True when some breakpoint names a function.
    public var hasFunctionBreakpoints: Bool {
        all.contains { if case .function = $0.target { return true }; return false }
    }

    private mutating func hit(_ matches: (BreakpointTarget) -> Bool) -> Breakpoint? {
        guard let i = all.firstIndex(where: { matches($0.target) }) else { return nil }
        all[i].hits += 1
        return all[i]
    }
}
