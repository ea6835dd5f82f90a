// Attribute and subscript access, displays, functions, comprehensions and f-strings.

final class AttributeLoad: ExprNode {
    let object: ExprNode, name: String
    init(object: ExprNode, name: String, line: Int) {
        self.object = object
        self.name = name
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        let v = try object.eval(f)
        if case .object(let o) = v, type(of: o) == PyInstance.self, !o.type.hasProperties, let r = o.dict[name] {
            return r
        }
        return try f.interp.getAttribute(v, name)
    }
}

final class SubscriptLoad: ExprNode {
    let object: ExprNode, index: ExprNode
    init(object: ExprNode, index: ExprNode, line: Int) {
        self.object = object
        self.index = index
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        let o = try object.eval(f)
        let i = try index.eval(f)
        if case .object(let obj) = o, case .int(let k) = i, let l = obj as? PyList {
            let n = l.items.count
            let j = k < 0 ? k + n : k
            if j >= 0 && j < n { return l.items[j] }
        }
        return try f.interp.getItem(o, i)
    }
}

final class SliceNode: ExprNode {
    let lower: ExprNode?, upper: ExprNode?, step: ExprNode?
    init(lower: ExprNode?, upper: ExprNode?, step: ExprNode?, line: Int) {
        self.lower = lower
        self.upper = upper
        self.step = step
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        .object(PySlice(start: try lower?.eval(f) ?? .none, stop: try upper?.eval(f) ?? .none, step: try step?.eval(f) ?? .none))
    }
}

/// An element of a display: plain or `*iterable`.
enum DisplayItem {
    case single(ExprNode)
    case starred(ExprNode)
}

func evalItems(_ items: [DisplayItem], _ f: Frame) throws -> [Value] {
    var out: [Value] = []
    out.reserveCapacity(items.count)
    for item in items {
        switch item {
        case .single(let e): out.append(try e.eval(f))
        case .starred(let e): out.append(contentsOf: try f.interp.toArray(e.eval(f)))
        }
    }
    return out
}

final class ListDisplay: ExprNode {
    let items: [DisplayItem]
    init(_ items: [DisplayItem], line: Int) {
        self.items = items
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value { .list(try evalItems(items, f)) }
}

final class TupleDisplay: ExprNode {
    let items: [DisplayItem]
    init(_ items: [DisplayItem], line: Int) {
        self.items = items
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value { .tuple(try evalItems(items, f)) }
}

final class SetDisplay: ExprNode {
    let items: [DisplayItem]
    init(_ items: [DisplayItem], line: Int) {
        self.items = items
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        let s = PySet()
        for v in try evalItems(items, f) { s.storage.append(try f.interp.hashKey(v)) }
        return .object(s)
    }
}

final class DictDisplay: ExprNode {
    let entries: [(ExprNode?, ExprNode)]
    init(_ entries: [(ExprNode?, ExprNode)], line: Int) {
        self.entries = entries
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        let d = PyDict()
        for (k, v) in entries {
            if let k {
                let key = try f.interp.hashKey(k.eval(f))
                d.storage[key] = try v.eval(f)
            } else {
                let other = try v.eval(f)
                guard case .object(let o) = other, let od = o as? PyDict else {
                    throw PyErr.typeError("'\(other.typeName)' object is not a mapping")
                }
                for (kk, vv) in od.storage { d.storage[kk] = vv }
            }
        }
        return .object(d)
    }
}

/// `def` and `lambda`: evaluates defaults and captures closure cells.
final class MakeFunctionNode: ExprNode {
    let code: CodeObject
    let defaults: [ExprNode]
    let keywordDefaults: [(String, ExprNode)]
    /// Slots of the enclosing frame holding the cells to capture.
    let captureSlots: [Int]
    init(code: CodeObject, defaults: [ExprNode], keywordDefaults: [(String, ExprNode)], captureSlots: [Int], line: Int) {
        self.code = code
        self.defaults = defaults
        self.keywordDefaults = keywordDefaults
        self.captureSlots = captureSlots
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        var d: [Value] = []
        for e in defaults { d.append(try e.eval(f)) }
        var kd: [String: Value] = [:]
        for (k, e) in keywordDefaults { kd[k] = try e.eval(f) }
        let cells = captureSlots.map { slot -> PyCell in
            if case .object(let c as PyCell)? = f.slots[slot] { return c }
            let c = PyCell(f.slots[slot] ?? nil)
            f.slots[slot] = .object(c)
            return c
        }
        let moduleName: String
        if case .str(let n)? = f.globals["__name__"] { moduleName = n } else { moduleName = "__main__" }
        let fn = PyFunction(code: code, globals: f.globals, defaults: d, keywordDefaults: kd, closure: cells, moduleName: moduleName)
        return .object(fn)
    }
}

/// One `for ... in ... if ...` clause of a comprehension, compiled in the comprehension's scope.
struct ComprehensionClause {
    var target: TargetNode
    /// nil for the first clause, whose iterable is evaluated outside and passed in slot 0.
    var iterable: ExprNode?
    var conditions: [ExprNode]
}

/// A list/set/dict comprehension or generator expression, run in its own frame as CPython
/// 3.11 does (so tracebacks show `<listcomp>`). Generator expressions are evaluated eagerly.
final class ComprehensionNode: ExprNode {
    enum Kind { case list, set, dict, generator }
    let kind: Kind
    let code: CodeObject
    let firstIterable: ExprNode
    let clauses: [ComprehensionClause]
    let element: ExprNode
    let value: ExprNode?
    let captureSlots: [Int]
    init(kind: Kind, code: CodeObject, firstIterable: ExprNode, clauses: [ComprehensionClause],
         element: ExprNode, value: ExprNode?, captureSlots: [Int], line: Int) {
        self.kind = kind
        self.code = code
        self.firstIterable = firstIterable
        self.clauses = clauses
        self.element = element
        self.value = value
        self.captureSlots = captureSlots
        super.init(line: line)
    }

    override func eval(_ f: Frame) throws -> Value {
        let interp = f.interp
        let source = try firstIterable.eval(f)
        let cells = captureSlots.map { slot -> PyCell in
            if case .object(let c as PyCell)? = f.slots[slot] { return c }
            return PyCell(f.slots[slot] ?? nil)
        }
        let frame = Frame(code: code, globals: f.globals, function: nil, interp: interp)
        for (slot, index) in code.freeSlots where index < cells.count { frame.slots[slot] = .object(cells[index]) }
        for s in code.cellSlots { frame.slots[s] = .object(PyCell()) }
        frame.line = line
        interp.depth += 1
        if interp.depth > interp.recursionLimit {
            interp.depth -= 1
            throw PyErr.recursion()
        }
        frame.back = interp.currentFrame
        interp.currentFrame = frame
        defer {
            interp.currentFrame = frame.back
            interp.depth -= 1
        }
        var list: [Value] = []
        if kind == .list || kind == .generator, clauses.count == 1, clauses[0].conditions.isEmpty,
           let count = Self.knownLength(source) {
            list.reserveCapacity(min(count, Self.reservationLimit))
        }
        let dict = kind == .dict ? PyDict() : nil
        let set = kind == .set ? PySet() : nil
        do {
            try run(clauseIndex: 0, source: source, frame) {
                switch kind {
                case .list, .generator: list.append(try element.eval(frame))
                case .set: set?.storage.append(try interp.hashKey(element.eval(frame)))
                case .dict:
                    let k = try interp.hashKey(element.eval(frame))
                    dict?.storage[k] = try value?.eval(frame) ?? Value.none
                }
            }
        } catch let e as PyExceptionObject {
            try interp.noteException(e, in: frame)
            throw e
        }
        switch kind {
        case .list: return .list(list)
        case .generator: return .object(PyArrayIterator(list, type: BuiltinTypes.generatorType))
        case .set: return set.map { .object($0) } ?? .none
        case .dict: return dict.map { .object($0) } ?? .none
        }
    }

    /// The most elements reserved ahead: a comprehension over a huge range may raise early.
    static let reservationLimit = 1 << 16

    /// The length of a list, tuple or range, which a comprehension with one clause and no
    /// condition produces exactly; reserving it spares the doubling growth, which left up to
    /// half of every list unused (a 65-number row took room for 128).
    static func knownLength(_ source: Value) -> Int? {
        guard case .object(let object) = source else { return nil }
        switch object {
        case let list as PyList: return list.items.count
        case let tuple as PyTuple: return tuple.items.count
        case let range as PyRange: return range.count
        default: return nil
        }
    }

    private func run(clauseIndex: Int, source: Value?, _ frame: Frame, _ emit: () throws -> Void) throws {
        let clause = clauses[clauseIndex]
        let iterable = try source ?? clause.iterable?.eval(frame) ?? .none
        try frame.interp.forEach(iterable) { item in
            try clause.target.assign(frame, item)
            for c in clause.conditions where !(try c.test(frame)) { return true }
            if clauseIndex + 1 < clauses.count {
                try run(clauseIndex: clauseIndex + 1, source: nil, frame, emit)
            } else {
                try emit()
            }
            return true
        }
    }
}

/// A piece of a compiled f-string.
enum FStringPiece {
    case literal(String)
    case field(ExprNode, conversion: Character?, spec: [FStringPiece]?, debugText: String?)
}

final class FStringNode: ExprNode {
    let pieces: [FStringPiece]
    init(_ pieces: [FStringPiece], line: Int) {
        self.pieces = pieces
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value { .str(try render(pieces, f)) }

    private func render(_ pieces: [FStringPiece], _ f: Frame) throws -> String {
        var out = ""
        let interp = f.interp
        for p in pieces {
            switch p {
            case .literal(let s): out += s
            case .field(let e, let conversion, let spec, let debugText):
                var v = try e.eval(f)
                if let debugText { out += debugText }
                let specText = try spec.map { try render($0, f) } ?? ""
                var conv = conversion
                if debugText != nil && conv == nil && specText.isEmpty { conv = "r" }
                switch conv {
                case "r": v = .str(try interp.repr(v))
                case "s": v = .str(try interp.str(v))
                case "a": v = .str(try interp.repr(v))
                default: break
                }
                out += try interp.format(v, specText)
            }
        }
        return out
    }
}
