// Compiles the AST into executable nodes, with every name resolved to a slot, a cell, a
// global slot or a class-body lookup ahead of time.

/// Compiles one module (or a debugger snippet) for an interpreter.
struct Compiler {
    let file: String
    let globals: Namespace
    let builtins: Namespace
    var analyzer = ScopeAnalyzer()
    /// Every function body compiled (the interpreter drops their spare frames at teardown).
    var functionCodes: [CodeObject] = []

    init(file: String, globals: Namespace, builtins: Namespace) {
        self.file = file
        self.globals = globals
        self.builtins = builtins
    }

    /// A code object for a function body, recorded in `functionCodes`.
    mutating func newFunctionCode(name: String, qualname: String, line: Int) -> CodeObject {
        let code = CodeObject(kind: .function, name: name, qualname: qualname, file: file, firstLine: line)
        functionCodes.append(code)
        return code
    }

    /// Compiles a module body.
    mutating func compileModule(_ module: ModuleAST) throws -> CodeObject {
        let scope = try analyzer.analyzeModule(module.body)
        let code = CodeObject(kind: .module, name: "<module>", qualname: "<module>", file: file, firstLine: 0)
        code.body = ContiguousArray(try block(module.body, scope, qualPrefix: ""))
        return code
    }

    /// Compiles statements to run inside an existing frame (the debugger's `!statement`).
    mutating func compileDetached(_ body: [Stmt], in frame: Frame) throws -> ContiguousArray<StmtNode> {
        let kind: Scope.Kind = frame.code.kind == .module ? .module : (frame.code.kind == .classBody ? .classBody : .function)
        let scope = analyzer.analyzeDetached(body, kind: kind)
        if kind == .function {
            // Names of the frame's slots resolve to those slots; everything else is global.
            scope.slots = [:]
            scope.slotNames = frame.code.slotNames
            for (i, n) in frame.code.slotNames.enumerated() { scope.slots[n] = i }
            scope.cells = Set(frame.code.cellSlots.map { frame.code.slotNames[$0] })
            scope.frees = frame.code.freeSlots.map { frame.code.slotNames[$0.slot] }
            scope.freeSet = Set(scope.frees)
            scope.assignedSet = Set(frame.code.slotNames)
        }
        return ContiguousArray(try block(body, scope, qualPrefix: ""))
    }

    // MARK: Statements

    mutating func block(_ body: [Stmt], _ s: Scope, qualPrefix: String) throws -> [StmtNode] {
        var out: [StmtNode] = []
        out.reserveCapacity(body.count)
        for st in body { out.append(try statement(st, s, qualPrefix: qualPrefix)) }
        return out
    }

    mutating func statement(_ st: Stmt, _ s: Scope, qualPrefix: String) throws -> StmtNode {
        let line = st.location.line
        switch st.kind {
        case .expression(let e):
            return ExprStmt(try expr(e, s), line: line)
        case .assign(let targets, let value):
            let v = try expr(value, s)
            if targets.count == 1, case .name(let n) = targets[0].kind, case .local(let slot) = s.access(n) {
                return AssignLocal(slot: slot, value: v, line: line)
            }
            return AssignStmt(targets: try targets.map { try target($0, s) }, value: v, line: line)
        case .annotatedAssign(let t, _, let value):
            guard let value else { return PassStmt(line: line) }
            return AssignStmt(targets: [try target(t, s)], value: try expr(value, s), line: line)
        case .augmentedAssign(let t, let op, let value):
            let v = try expr(value, s)
            switch t.kind {
            case .name(let n):
                if case .local(let slot) = s.access(n) {
                    return AugAssignLocal(slot: slot, name: n, op: op, value: v, line: line)
                }
                return AugAssignName(load: try expr(t, s), store: try target(t, s), op: op, value: v, line: line)
            case .attribute(let base, let name):
                return AugAssignAttribute(object: try expr(base, s), name: name, op: op, value: v, line: line)
            case .subscript(let base, let index):
                return AugAssignSubscript(object: try expr(base, s), index: try expr(index, s), op: op, value: v, line: line)
            default:
                throw CompileError(message: "'\(describe(t))' is an illegal expression for augmented assignment", location: t.location)
            }
        case .functionDef(let fd):
            let make = try function(name: fd.name, params: fd.parameters, body: .statements(fd.body), docstring: fd.docstring,
                                    key: ScopeAnalyzer.key(st.location, 0), s, qualPrefix: qualPrefix, line: line)
            return DefineStmt(make: make, decorators: try fd.decorators.map { try expr($0, s) },
                              target: try nameTarget(fd.name, s), line: line)
        case .classDef(let cd):
            return try classDef(cd, st, s, qualPrefix: qualPrefix)
        case .return(let e):
            return ReturnStmt(try e.map { try expr($0, s) }, line: line)
        case .delete(let targets):
            return DeleteStmt(try targets.map { try target($0, s) }, line: line)
        case .if(let test, let body, let orElse):
            return IfStmt(condition: try expr(test, s), body: try block(body, s, qualPrefix: qualPrefix),
                          orElse: try block(orElse, s, qualPrefix: qualPrefix), line: line)
        case .while(let test, let body, let orElse):
            return WhileStmt(condition: try expr(test, s), body: try block(body, s, qualPrefix: qualPrefix),
                             orElse: try block(orElse, s, qualPrefix: qualPrefix), line: line)
        case .for(let t, let iterable, let body, let orElse):
            var localSlot: Int?
            if case .name(let n) = t.kind, case .local(let slot) = s.access(n) { localSlot = slot }
            return ForStmt(target: try target(t, s), iterable: try expr(iterable, s),
                           body: try block(body, s, qualPrefix: qualPrefix), orElse: try block(orElse, s, qualPrefix: qualPrefix),
                           localSlot: localSlot, line: line)
        case .with(let items, let body):
            let compiled = try items.map { (try expr($0.context, s), try $0.target.map { try target($0, s) }) }
            return WithStmt(items: compiled, body: try block(body, s, qualPrefix: qualPrefix), line: line)
        case .try(let body, let handlers, let orElse, let fin):
            let hs = try handlers.map { h in
                ExceptClause(type: try h.type.map { try expr($0, s) }, name: try h.name.map { try nameTarget($0, s) },
                             body: try block(h.body, s, qualPrefix: qualPrefix), line: h.location.line)
            }
            return TryStmt(body: try block(body, s, qualPrefix: qualPrefix), handlers: hs,
                           orElse: try block(orElse, s, qualPrefix: qualPrefix), finalBody: try block(fin, s, qualPrefix: qualPrefix), line: line)
        case .raise(let e, let cause):
            return RaiseStmt(exception: try e.map { try expr($0, s) }, cause: try cause.map { try expr($0, s) }, line: line)
        case .assert(let test, let msg):
            return AssertStmt(test: try expr(test, s), message: try msg.map { try expr($0, s) }, line: line)
        case .import(let aliases):
            let names = try aliases.map { a -> (module: String, alias: String?, target: TargetNode) in
                let bound = a.alias ?? String(a.name.split(separator: ".").first ?? Substring(a.name))
                return (a.name, a.alias, try nameTarget(bound, s))
            }
            return ImportStmt(names: names, line: line)
        case .importFrom(let module, let names, let level):
            let compiled = try names.map { a -> (name: String, target: TargetNode) in
                (a.name, try nameTarget(a.alias ?? a.name, s))
            }
            return ImportFromStmt(module: module, level: level, names: compiled, line: line)
        case .global, .nonlocal, .pass:
            return PassStmt(line: line)
        case .break:
            return BreakStmt(line: line)
        case .continue:
            return ContinueStmt(line: line)
        }
    }

    private mutating func classDef(_ cd: ClassDef, _ st: Stmt, _ s: Scope, qualPrefix: String) throws -> StmtNode {
        let line = st.location.line
        if let k = cd.keywords.first {
            throw CompileError(message: "class keyword '\(k.name)' (metaclasses) is not supported by gradstep", location: st.location)
        }
        guard let cs = analyzer.scopes[ScopeAnalyzer.key(st.location, 1)] else {
            throw CompileError(message: "internal error: no scope for class \(cd.name)", location: st.location)
        }
        let qual = qualPrefix + cd.name
        let code = CodeObject(kind: .classBody, name: cd.name, qualname: qual, file: file, firstLine: line)
        code.slotNames = cs.slotNames
        code.docstring = cd.docstring
        code.freeNames = cs.frees
        code.freeSlots = cs.frees.enumerated().compactMap { i, n in cs.slots[n].map { (slot: $0, index: i) } }
        code.body = ContiguousArray(try block(cd.body, cs, qualPrefix: qual + "."))
        let make = MakeClassNode(name: cd.name, qualname: qual, bases: try cd.bases.map { try expr($0, s) }, code: code,
                                 captureSlots: try captureSlots(cs.frees, from: s, at: st.location), line: line)
        return DefineStmt(make: make, decorators: try cd.decorators.map { try expr($0, s) }, target: try nameTarget(cd.name, s), line: line)
    }

    enum FunctionBody {
        case statements([Stmt])
        case expression(Expr)
    }

    private mutating func function(name: String, params: Parameters, body: FunctionBody, docstring: String?, key: ScopeKey,
                                   _ s: Scope, qualPrefix: String, line: Int) throws -> ExprNode {
        guard let fs = analyzer.scopes[key] else {
            throw CompileError(message: "internal error: no scope for \(name)", location: SourceLocation(line: line, column: 0))
        }
        let qual = qualPrefix + name
        let code = newFunctionCode(name: name, qualname: qual, line: line)
        code.slotNames = fs.slotNames
        code.docstring = docstring
        code.positionalNames = (params.positionalOnly + params.positional).map(\.name)
        code.positionalOnlyCount = params.positionalOnly.count
        code.keywordOnlyNames = params.keywordOnly.map(\.name)
        code.hasVarArgs = params.varArgs != nil
        code.hasVarKeywords = params.varKeywords != nil
        code.cellSlots = fs.slotNames.enumerated().compactMap { fs.cells.contains($0.element) && !fs.freeSet.contains($0.element) ? $0.offset : nil }
        code.freeNames = fs.frees
        code.freeSlots = fs.frees.enumerated().compactMap { i, n in fs.slots[n].map { (slot: $0, index: i) } }
        let innerPrefix = qual + ".<locals>."
        switch body {
        case .statements(let stmts):
            code.body = ContiguousArray(try block(stmts, fs, qualPrefix: innerPrefix))
        case .expression(let e):
            code.body = [ReturnStmt(try expr(e, fs), line: e.location.line)]
        }
        let defaults = try (params.positionalOnly + params.positional).compactMap { try $0.defaultValue.map { try expr($0, s) } }
        let kwDefaults = try params.keywordOnly.compactMap { p in try p.defaultValue.map { (p.name, try expr($0, s)) } }
        return MakeFunctionNode(code: code, defaults: defaults, keywordDefaults: kwDefaults,
                                captureSlots: try captureSlots(fs.frees, from: s, at: SourceLocation(line: line, column: 0)), line: line)
    }

    /// Slots in the enclosing scope holding the cells an inner scope captures.
    private func captureSlots(_ frees: [String], from s: Scope, at loc: SourceLocation) throws -> [Int] {
        try frees.map { n in
            guard let slot = s.slots[n] else {
                throw CompileError(message: "internal error: free variable '\(n)' has no cell", location: loc)
            }
            return slot
        }
    }

    // MARK: Targets

    mutating func nameTarget(_ n: String, _ s: Scope) throws -> TargetNode {
        switch s.access(n) {
        case .local(let slot): return LocalStore(slot: slot, name: n)
        case .cell(let slot): return CellStore(slot: slot, name: n)
        case .global: return GlobalStore(slot: globals.slot(for: n), name: n)
        case .classBody: return ClassBodyStore(name: n)
        }
    }

    mutating func target(_ t: Expr, _ s: Scope) throws -> TargetNode {
        switch t.kind {
        case .name(let n): return try nameTarget(n, s)
        case .attribute(let base, let name): return AttributeStore(object: try expr(base, s), name: name)
        case .subscript(let base, let index): return SubscriptStore(object: try expr(base, s), index: try expr(index, s))
        case .tuple(let items), .list(let items):
            var star: Int?
            var nodes: [TargetNode] = []
            for (i, item) in items.enumerated() {
                if case .starred(let inner) = item.kind {
                    if star != nil {
                        throw CompileError(message: "multiple starred expressions in assignment", location: item.location)
                    }
                    star = i
                    nodes.append(try target(inner, s))
                } else {
                    nodes.append(try target(item, s))
                }
            }
            return UnpackStore(targets: nodes, starIndex: star)
        case .starred:
            throw CompileError(message: "starred assignment target must be in a list or tuple", location: t.location)
        default:
            throw CompileError(message: "cannot assign to \(describe(t))", location: t.location)
        }
    }

    func describe(_ e: Expr) -> String {
        switch e.kind {
        case .call: return "function call"
        case .constant: return "literal"
        case .binary, .unary: return "expression"
        case .compare: return "comparison"
        case .lambda: return "lambda"
        case .conditional: return "conditional expression"
        case .boolean: return "expression"
        case .formattedString: return "f-string expression"
        default: return "expression"
        }
    }
}
