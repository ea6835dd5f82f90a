// Compiled code: the executable form of a module, function, class body or comprehension.

/// How a block of statements ended.
enum Flow {
    case normal, breakLoop, continueLoop, returned
}

/// A compiled expression.
class ExprNode {
    /// The line of the expression (for error positions inside multi-line statements).
    let line: Int
    init(line: Int) { self.line = line }
    /// Evaluates the expression in a frame.
    func eval(_ f: Frame) throws -> Value { .none }
    /// Evaluates for a condition (`if`, `while`, `and`...); comparisons skip boxing the bool.
    func test(_ f: Frame) throws -> Bool {
        let v = try eval(f)
        if case .bool(let b) = v { return b }
        return try f.interp.isTruthy(v)
    }
}

/// A compiled statement.
class StmtNode {
    /// The statement's first line (trace `line` events and tracebacks).
    let line: Int
    init(line: Int) { self.line = line }
    /// Runs the statement.
    func exec(_ f: Frame) throws -> Flow { .normal }
}

/// Runs statements in order: sets the frame's line, gives the tracer and interrupts their
/// chance (one branch when neither is active), and stops at break/continue/return.
@inline(__always)
func runBlock(_ body: ContiguousArray<StmtNode>, _ f: Frame) throws -> Flow {
    for i in body.indices {
        // The block's owner holds its statements for as long as they run: no reference
        // counting per statement.
        let r = try Unmanaged.passUnretained(body[i])._withUnsafeGuaranteedRef { try runStatement($0, f) }
        if r != .normal { return r }
    }
    return .normal
}

/// `runBlock` over a code object's statements, which it holds without reference counts.
@inline(__always)
func runBlock(_ body: UnsafeBufferPointer<Unmanaged<StmtNode>>, _ f: Frame) throws -> Flow {
    for statement in body {
        let r = try statement._withUnsafeGuaranteedRef { try runStatement($0, f) }
        if r != .normal { return r }
    }
    return .normal
}

/// One statement of a block: its line, the tracer's and interrupts' chance, then the statement.
@inline(__always)
private func runStatement(_ s: StmtNode, _ f: Frame) throws -> Flow {
    f.line = s.line
    if f.interp.attention { try f.interp.attend(f) }
    return try s.exec(f)
}

/// The compiled form of one scope.
final class CodeObject {
    enum Kind { case module, function, classBody }

    let kind: Kind
    /// `__name__` (`<module>`, `forward`, `<lambda>`, `<listcomp>`).
    let name: String
    /// `__qualname__` (`Linear.forward`), used in argument error messages.
    let qualname: String
    let file: String
    let firstLine: Int
    /// Local variable names in slot order (parameters first).
    var slotNames: [String] = []
    var slotCount: Int { slotNames.count }
    /// Slots of local variables captured by inner functions: they hold a `PyCell`.
    var cellSlots: [Int] = [] { didSet { updateCallFacts() } }
    /// Slots receiving the function's closure cells, with their index in the closure.
    var freeSlots: [(slot: Int, index: Int)] = [] { didSet { updateCallFacts() } }
    /// Names of the enclosing frame's cells to capture, in closure order.
    var freeNames: [String] = []
    var body: ContiguousArray<StmtNode> = [] {
        didSet {
            statementRefs.deallocate()
            let refs = UnsafeMutableBufferPointer<Unmanaged<StmtNode>>.allocate(capacity: body.count)
            _ = refs.initialize(from: body.lazy.map { Unmanaged.passUnretained($0) })
            statementRefs = UnsafeBufferPointer(refs)
        }
    }
    /// `body` as unretained references, for running it without touching reference counts
    /// (`body` keeps the statements alive).
    private(set) var statementRefs = UnsafeBufferPointer<Unmanaged<StmtNode>>(start: nil, count: 0)
    var docstring: String?
    /// Finished frames kept for reuse (calls allocate no frame in steady state).
    @exclusivity(unchecked) var spareFrames: [Frame] = []
    /// How many finished frames a code object keeps: enough for the depth a recursive
    /// function swings through (fib(25) returns and re-enters up to ~20 levels at a time;
    /// with 4 kept, one call in eight made and freed a frame).
    static var spareFrameLimit: Int { 32 }

    /// A cleared frame for a call of this code.
    @inline(__always)
    func makeFrame(globals: Namespace, function: PyFunction?, interp: Interpreter) -> Frame {
        if let f = spareFrames.popLast() {
            // Usually the same function again: skip the retain/release pairs of reassigning.
            if f.globals !== globals { f.globals = globals }
            if f.function !== function { f.function = function }
            f.line = firstLine
            return f
        }
        return Frame(code: self, globals: globals, function: function, interp: interp)
    }

    /// Takes back a frame nobody else refers to.
    @inline(__always)
    func recycle(_ frame: inout Frame) {
        guard spareFrames.count < Self.spareFrameLimit, isKnownUniquelyReferenced(&frame) else { return }
        frame.reset()
        spareFrames.append(frame)
    }

    // Signature (functions only). Parameter slots: positional, keyword-only, *args, **kwargs.
    var positionalNames: [String] = [] { didSet { updateCallFacts() } }
    var positionalOnlyCount = 0
    var keywordOnlyNames: [String] = [] { didSet { updateCallFacts() } }
    var hasVarArgs = false { didSet { updateCallFacts() } }
    var hasVarKeywords = false { didSet { updateCallFacts() } }

    // What every call asks of the signature, kept as plain stored values: computing them
    // from the arrays above on each call cost a retain and release of an array buffer.
    /// True when calls can bind positional arguments straight into slots.
    private(set) var isSimple = true
    /// True when the frame needs cells prepared (captured locals or a closure).
    private(set) var hasCells = false
    /// The number of positional parameters.
    private(set) var positionalCount = 0

    private func updateCallFacts() {
        isSimple = !hasVarArgs && !hasVarKeywords && keywordOnlyNames.isEmpty && cellSlots.isEmpty
        hasCells = !cellSlots.isEmpty || !freeSlots.isEmpty
        positionalCount = positionalNames.count
    }

    init(kind: Kind, name: String, qualname: String, file: String, firstLine: Int) {
        self.kind = kind
        self.name = name
        self.qualname = qualname
        self.file = file
        self.firstLine = firstLine
    }

    deinit {
        statementRefs.deallocate()
    }
}

/// A function defined in Python (`def` or `lambda`).
public final class PyFunction: PyObject {
    let code: CodeObject
    /// The defining module's globals.
    let globals: Namespace
    /// Defaults of the last positional parameters (`__defaults__`).
    var defaults: [Value]
    /// Defaults of keyword-only parameters (`__kwdefaults__`).
    var keywordDefaults: [String: Value]
    /// Cells of the free variables (`__closure__`).
    let closure: [PyCell]
    /// The class whose body defined this function (for `super()` without arguments).
    var definingClass: PyType?
    /// `__name__`, `__qualname__`, `__module__`.
    public var name: String
    public var qualname: String
    public var moduleName: String

    init(code: CodeObject, globals: Namespace, defaults: [Value], keywordDefaults: [String: Value],
         closure: [PyCell], moduleName: String) {
        self.code = code
        self.globals = globals
        self.defaults = defaults
        self.keywordDefaults = keywordDefaults
        self.closure = closure
        self.name = code.name
        self.qualname = code.qualname
        self.moduleName = moduleName
        super.init(type: BuiltinTypes.function)
    }
}
