// Scope analysis: which names are locals, cells, free variables or globals, as CPython's
// symtable decides it, so compiled code can use fixed slots for function variables.

/// Identifies the AST node that opens a scope (def, class, lambda, comprehension).
struct ScopeKey: Hashable {
    var line: Int
    var column: Int
    var kind: Int
}

/// The names of one scope and how each is stored.
final class Scope {
    enum Kind { case module, function, classBody }

    let kind: Kind
    let name: String
    weak var parent: Scope?
    var children: [Scope] = []
    /// Parameter names in slot order.
    var params: [String] = []
    var assigned: [String] = []
    var assignedSet: Set<String> = []
    var declaredGlobal: Set<String> = []
    var declaredNonlocal: Set<String> = []
    var used: Set<String> = []
    /// Names declared `nonlocal`/`global` after use are reported by CPython; we accept them.
    var location: SourceLocation

    // Results of resolution.
    var cells: Set<String> = []
    var frees: [String] = []
    var freeSet: Set<String> = []
    var slots: [String: Int] = [:]
    var slotNames: [String] = []

    init(kind: Kind, name: String, parent: Scope?, location: SourceLocation) {
        self.kind = kind
        self.name = name
        self.parent = parent
        self.location = location
    }

    func assign(_ n: String) {
        if assignedSet.insert(n).inserted { assigned.append(n) }
    }

    /// True when the name is a variable of this function scope (parameter or assigned).
    func isLocal(_ n: String) -> Bool {
        kind == .function && !declaredGlobal.contains(n) && !declaredNonlocal.contains(n)
            && (assignedSet.contains(n) || params.contains(n))
    }

    /// How a name is reached from code in this scope.
    enum Access { case local(Int), cell(Int), global, classBody }

    func access(_ n: String) -> Access {
        switch kind {
        case .module:
            return .global
        case .function:
            if declaredGlobal.contains(n) { return .global }
            if let s = slots[n] { return cells.contains(n) || freeSet.contains(n) ? .cell(s) : .local(s) }
            return .global
        case .classBody:
            if declaredGlobal.contains(n) { return .global }
            if freeSet.contains(n), !assignedSet.contains(n), let s = slots[n] { return .cell(s) }
            return .classBody
        }
    }
}

/// Builds the scope tree of a module.
struct ScopeAnalyzer {
    private(set) var scopes: [ScopeKey: Scope] = [:]
    var errors: [(String, SourceLocation)] = []

    static func key(_ loc: SourceLocation, _ kind: Int) -> ScopeKey { ScopeKey(line: loc.line, column: loc.column, kind: kind) }

    /// Analyzes a module; returns the module scope.
    mutating func analyzeModule(_ body: [Stmt]) throws -> Scope {
        let s = Scope(kind: .module, name: "<module>", parent: nil, location: SourceLocation(line: 1, column: 0))
        visit(body, s)
        resolve(s)
        if let (msg, loc) = errors.first {
            throw CompileError(message: msg, location: loc)
        }
        return s
    }

    /// Analyzes code run inside an existing frame's scope (the debugger's expressions).
    mutating func analyzeDetached(_ body: [Stmt], kind: Scope.Kind) -> Scope {
        let s = Scope(kind: kind, name: "<debug>", parent: nil, location: SourceLocation(line: 1, column: 0))
        visit(body, s)
        resolve(s)
        return s
    }

    private mutating func visit(_ body: [Stmt], _ s: Scope) {
        for st in body { visit(st, s) }
    }

    private mutating func visit(_ st: Stmt, _ s: Scope) {
        switch st.kind {
        case .expression(let e): visit(e, s)
        case .assign(let targets, let value):
            visit(value, s)
            for t in targets { target(t, s) }
        case .augmentedAssign(let t, _, let value):
            visit(value, s)
            target(t, s)
            visit(t, s)
        case .annotatedAssign(let t, _, let value):
            if let value {
                visit(value, s)
                target(t, s)
            }
        case .functionDef(let fd):
            for d in fd.decorators { visit(d, s) }
            defaults(fd.parameters, s)
            s.assign(fd.name)
            let child = Scope(kind: .function, name: fd.name, parent: s, location: st.location)
            parameters(fd.parameters, child)
            visit(fd.body, child)
            register(child, s, key: Self.key(st.location, 0))
        case .classDef(let cd):
            for d in cd.decorators { visit(d, s) }
            for b in cd.bases { visit(b, s) }
            for k in cd.keywords { visit(k.value, s) }
            s.assign(cd.name)
            let child = Scope(kind: .classBody, name: cd.name, parent: s, location: st.location)
            visit(cd.body, child)
            register(child, s, key: Self.key(st.location, 1))
        case .return(let e): if let e { visit(e, s) }
        case .delete(let ts): for t in ts { target(t, s); visit(t, s) }
        case .if(let test, let body, let orElse):
            visit(test, s); visit(body, s); visit(orElse, s)
        case .for(let t, let it, let body, let orElse):
            visit(it, s); target(t, s); visit(body, s); visit(orElse, s)
        case .while(let test, let body, let orElse):
            visit(test, s); visit(body, s); visit(orElse, s)
        case .with(let items, let body):
            for i in items {
                visit(i.context, s)
                if let t = i.target { target(t, s) }
            }
            visit(body, s)
        case .try(let body, let handlers, let orElse, let fin):
            visit(body, s)
            for h in handlers {
                if let t = h.type { visit(t, s) }
                if let n = h.name { s.assign(n) }
                visit(h.body, s)
            }
            visit(orElse, s); visit(fin, s)
        case .raise(let e, let c):
            if let e { visit(e, s) }
            if let c { visit(c, s) }
        case .assert(let t, let m):
            visit(t, s)
            if let m { visit(m, s) }
        case .import(let aliases):
            for a in aliases {
                s.assign(a.alias ?? String(a.name.split(separator: ".").first ?? Substring(a.name)))
            }
        case .importFrom(_, let names, _):
            for a in names { s.assign(a.alias ?? a.name) }
        case .global(let names):
            for n in names { s.declaredGlobal.insert(n) }
        case .nonlocal(let names):
            for n in names { s.declaredNonlocal.insert(n) }
            if s.kind != .function {
                errors.append(("nonlocal declaration not allowed at module level", st.location))
            }
        case .pass, .break, .continue: break
        }
    }

    private mutating func register(_ child: Scope, _ parent: Scope, key: ScopeKey) {
        parent.children.append(child)
        scopes[key] = child
    }

    private mutating func defaults(_ p: Parameters, _ s: Scope) {
        for prm in p.positionalOnly + p.positional + p.keywordOnly {
            if let d = prm.defaultValue { visit(d, s) }
        }
    }

    private func parameters(_ p: Parameters, _ child: Scope) {
        var names = (p.positionalOnly + p.positional).map(\.name)
        names += p.keywordOnly.map(\.name)
        if let v = p.varArgs { names.append(v.name) }
        if let k = p.varKeywords { names.append(k.name) }
        child.params = names
    }

    private mutating func target(_ t: Expr, _ s: Scope) {
        switch t.kind {
        case .name(let n): s.assign(n)
        case .tuple(let items), .list(let items): for i in items { target(i, s) }
        case .starred(let inner): target(inner, s)
        case .attribute(let base, _): visit(base, s)
        case .subscript(let base, let index): visit(base, s); visit(index, s)
        default: visit(t, s)
        }
    }

    private mutating func visit(_ e: Expr, _ s: Scope) {
        switch e.kind {
        case .name(let n): s.used.insert(n)
        case .constant: break
        case .formattedString(let parts): fstring(parts, s)
        case .list(let items), .tuple(let items), .set(let items): for i in items { visit(i, s) }
        case .dict(let entries):
            for en in entries {
                if let k = en.key { visit(k, s) }
                visit(en.value, s)
            }
        case .starred(let inner): visit(inner, s)
        case .unary(_, let x): visit(x, s)
        case .binary(let a, _, let b): visit(a, s); visit(b, s)
        case .boolean(_, let xs): for x in xs { visit(x, s) }
        case .compare(let a, let links): visit(a, s); for l in links { visit(l.right, s) }
        case .conditional(let t, let b, let o): visit(t, s); visit(b, s); visit(o, s)
        case .lambda(let params, let body):
            defaults(params, s)
            let child = Scope(kind: .function, name: "<lambda>", parent: s, location: e.location)
            parameters(params, child)
            visit(body, child)
            register(child, s, key: Self.key(e.location, 2))
        case .call(let f, let args):
            visit(f, s)
            for a in args {
                switch a {
                case .positional(let x), .unpacked(let x), .keyword(_, let x), .unpackedKeywords(let x): visit(x, s)
                }
            }
        case .attribute(let x, _): visit(x, s)
        case .subscript(let x, let i): visit(x, s); visit(i, s)
        case .slice(let a, let b, let c):
            if let a { visit(a, s) }
            if let b { visit(b, s) }
            if let c { visit(c, s) }
        case .listComprehension(let el, let gens):
            comprehension(e, gens, s, name: "<listcomp>") { a, sc in a.visit(el, sc) }
        case .setComprehension(let el, let gens):
            comprehension(e, gens, s, name: "<setcomp>") { a, sc in a.visit(el, sc) }
        case .generator(let el, let gens):
            comprehension(e, gens, s, name: "<genexpr>") { a, sc in a.visit(el, sc) }
        case .dictComprehension(let k, let v, let gens):
            comprehension(e, gens, s, name: "<dictcomp>") { a, sc in a.visit(k, sc); a.visit(v, sc) }
        }
    }

    private mutating func comprehension(_ e: Expr, _ gens: [Comprehension], _ s: Scope, name: String,
                                        element: (inout ScopeAnalyzer, Scope) -> Void) {
        guard let first = gens.first else { return }
        visit(first.iterable, s)
        let child = Scope(kind: .function, name: name, parent: s, location: e.location)
        child.params = [".0"]
        for (i, g) in gens.enumerated() {
            if i > 0 { visit(g.iterable, child) }
            target(g.target, child)
            for c in g.conditions { visit(c, child) }
        }
        var me = self
        element(&me, child)
        self = me
        register(child, s, key: Self.key(e.location, 3))
    }

    private mutating func fstring(_ parts: [FStringPart], _ s: Scope) {
        for p in parts {
            if case .field(let v, _, let spec, _) = p {
                visit(v, s)
                if let spec { fstring(spec, s) }
            }
        }
    }

    // MARK: Resolution

    private mutating func resolve(_ s: Scope) {
        // Every name a scope (or a scope nested in it) reads but does not bind is looked for
        // in the enclosing function scopes; the binding scope turns it into a cell.
        for c in s.children { resolve(c) }
        var wanted = Array(s.used.union(s.declaredNonlocal)).sorted()
        if s.kind == .classBody {
            wanted = wanted.filter { !s.assignedSet.contains($0) || s.declaredNonlocal.contains($0) }
        }
        for n in wanted where s.kind != .module {
            if s.declaredGlobal.contains(n) || s.isLocal(n) { continue }
            if bindFree(n, from: s) {
                markFree(n, in: s)
            } else if s.declaredNonlocal.contains(n) {
                errors.append(("no binding for nonlocal '\(n)' found", s.location))
            }
        }
        assignSlots(s)
    }

    /// Finds the nearest enclosing function that binds `n`, marking it a cell there and free
    /// in every function in between. Returns false when `n` is a global.
    private func bindFree(_ n: String, from s: Scope) -> Bool {
        var path: [Scope] = []
        var p = s.parent
        while let x = p {
            if x.kind == .module { return false }
            if x.kind == .function {
                if x.declaredGlobal.contains(n) { return false }
                if x.isLocal(n) {
                    x.cells.insert(n)
                    for mid in path { markFree(n, in: mid) }
                    return true
                }
            }
            path.append(x)
            p = x.parent
        }
        return false
    }

    private func markFree(_ n: String, in s: Scope) {
        if s.freeSet.insert(n).inserted { s.frees.append(n) }
    }

    private func assignSlots(_ s: Scope) {
        // Called bottom-up, but cells of `s` may still be added by scopes resolved later
        // (its siblings' descendants never bind into it, its own children were resolved first).
        var names: [String] = []
        if s.kind == .function {
            names = s.params
            for n in s.assigned where s.isLocal(n) && !s.params.contains(n) { names.append(n) }
        }
        for n in s.frees where !names.contains(n) { names.append(n) }
        s.slotNames = names
        s.slots = [:]
        for (i, n) in names.enumerated() { s.slots[n] = i }
    }
}

/// An error found while compiling (reported as `SyntaxError`).
public struct CompileError: Error, Sendable {
    /// CPython's message.
    public var message: String
    /// Where it was found.
    public var location: SourceLocation
}
