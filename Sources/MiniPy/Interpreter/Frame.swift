// Execution frames and the tracer protocol.

/// One activation of a function, a class body or a module.
public final class Frame {
    /// The compiled code this frame runs.
    let code: CodeObject
    /// Local variable slots (nil while unbound); captured variables hold a `PyCell`.
    let slots: UnsafeMutablePointer<Value?>
    /// How many slots were allocated (at least one).
    let slotCapacity: Int
    /// The module's globals.
    @exclusivity(unchecked) var globals: Namespace
    /// The class namespace while a class body runs.
    @exclusivity(unchecked) var classNamespace: [String: Value]?
    /// Order in which names were bound in the class body.
    @exclusivity(unchecked) var classNamespaceOrder: [String] = []
    /// The function being run (for `super()` without arguments).
    @exclusivity(unchecked) var function: PyFunction?
    /// The interpreter running this frame.
    unowned(unsafe) let interp: Interpreter
    /// The caller's frame.
    @exclusivity(unchecked) public internal(set) var back: Frame?
    /// The line of the statement running now.
    @exclusivity(unchecked) public internal(set) var line: Int
    /// The value of the `return` statement that ended the frame.
    @exclusivity(unchecked) var returnValue: Value = .none
    /// Set once an `exception` trace event was sent for the exception passing through.
    @exclusivity(unchecked) var lastTracedException: ObjectIdentifier?

    init(code: CodeObject, globals: Namespace, function: PyFunction?, interp: Interpreter) {
        self.code = code
        self.interp = interp
        self.globals = globals
        self.function = function
        self.line = code.firstLine
        slotCapacity = max(code.slotCount, 1)
        slots = .allocate(capacity: slotCapacity)
        slots.initialize(repeating: nil, count: slotCapacity)
    }

    /// Clears a finished frame so a later call of the same code can reuse it.
    func reset() {
        for i in 0..<slotCapacity { slots[i] = nil }
        back = nil
        returnValue = .none
        lastTracedException = nil
    }

    deinit {
        slots.deinitialize(count: slotCapacity)
        slots.deallocate()
    }

    /// The function name as tracebacks print it (`<module>`, `forward`, `<listcomp>`).
    public var functionName: String { code.name }
    /// The file as tracebacks print it.
    public var file: String { code.file }
    /// The line where the function starts.
    public var firstLine: Int { code.firstLine }
    /// True for a module's top-level frame.
    public var isModuleFrame: Bool { code.kind == .module }

    /// Local variables by name, in definition order (module frames: the globals).
    public var locals: [(name: String, value: Value)] {
        switch code.kind {
        case .module:
            return globals.bindings.map { (name: $0.0, value: $0.1) }
        case .classBody:
            return classNamespaceOrder.compactMap { n in classNamespace?[n].map { (name: n, value: $0) } }
        case .function:
            var result: [(name: String, value: Value)] = []
            for (i, name) in code.slotNames.enumerated() {
                guard var v = slots[i] else { continue }
                if code.cellSlots.contains(i) || code.freeSlots.contains(where: { $0.slot == i }) {
                    guard case .object(let c as PyCell) = v, let inner = c.value else { continue }
                    v = inner
                }
                result.append((name: name, value: v))
            }
            return result
        }
    }

    /// The frames from this one outwards to the module frame.
    public var chain: [Frame] {
        var result: [Frame] = []
        var f: Frame? = self
        while let x = f {
            result.append(x)
            f = x.back
        }
        return result
    }
}

/// The kinds of trace event, as `sys.settrace` reports them.
public enum TraceEvent: String, Sendable {
    case call, line, `return`, exception
}

/// Receives trace events (bdb's view of a running program). A tracer may throw to stop the
/// program, and may run interpreter code (`evaluate(expression:in:)`) while handling an event.
public protocol Tracer: AnyObject {
    /// One event: `argument` is the return value for `return`, the exception object for
    /// `exception`, and `None` otherwise.
    func trace(_ event: TraceEvent, frame: Frame, argument: Value) throws
}

extension Interpreter {
    /// Sends an event to the tracer (output is flushed first so the host sees it in order).
    func emit(_ event: TraceEvent, frame: Frame, argument: Value) throws {
        guard let tracer, !insideTracer else { return }
        stdout.flush()
        insideTracer = true
        defer { insideTracer = false }
        try tracer.trace(event, frame: frame, argument: argument)
    }
}
