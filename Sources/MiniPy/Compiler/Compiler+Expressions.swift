// Compiling expressions.

extension Compiler {
    mutating func expr(_ e: Expr, _ s: Scope) throws -> ExprNode {
        let line = e.location.line
        switch e.kind {
        case .name(let n):
            return nameLoad(n, s, line: line)
        case .constant(let c):
            switch c {
            case .none: return ConstNode(.none, line: line)
            case .bool(let b): return ConstNode(.bool(b), line: line)
            case .int(let i): return ConstNode(.int(i), line: line)
            case .float(let d): return ConstNode(.float(d), line: line)
            case .string(let str): return ConstNode(.str(str), line: line)
            case .ellipsis: return ConstNode(.ellipsis, line: line)
            }
        case .formattedString(let parts):
            return FStringNode(try fstring(parts, s), line: line)
        case .list(let items): return ListDisplay(try display(items, s), line: line)
        case .tuple(let items): return TupleDisplay(try display(items, s), line: line)
        case .set(let items): return SetDisplay(try display(items, s), line: line)
        case .dict(let entries):
            return DictDisplay(try entries.map { (try $0.key.map { try expr($0, s) }, try expr($0.value, s)) }, line: line)
        case .starred:
            throw CompileError(message: "can't use starred expression here", location: e.location)
        case .unary(let op, let x):
            if op == .not { return NotNode(try expr(x, s), line: line) }
            if op == .negative, case .constant(.int(let i)) = x.kind { return ConstNode(.int(-i), line: line) }
            if op == .negative, case .constant(.float(let d)) = x.kind { return ConstNode(.float(-d), line: line) }
            return UnaryNode(op, try expr(x, s), line: line)
        case .binary(let a, let op, let b):
            if case .constant(.int(let k)) = b.kind {
                return BinaryIntConstantNode(op, try expr(a, s), constant: k, line: line)
            }
            return BinaryNode(op, try expr(a, s), try expr(b, s), line: line)
        case .boolean(let op, let xs):
            return BoolOpNode(isAnd: op == .and, operands: try xs.map { try expr($0, s) }, line: line)
        case .compare(let a, let links):
            if links.count == 1 {
                if case .constant(.int(let k)) = links[0].right.kind, CompareNode.ordered(links[0].op, 0, 0) != nil {
                    return CompareIntConstantNode(links[0].op, try expr(a, s), constant: k, line: line)
                }
                return CompareNode(links[0].op, try expr(a, s), try expr(links[0].right, s), line: line)
            }
            return ChainCompareNode(first: try expr(a, s), links: try links.map { ($0.op, try expr($0.right, s)) }, line: line)
        case .conditional(let t, let b, let o):
            return ConditionalNode(condition: try expr(t, s), body: try expr(b, s), orElse: try expr(o, s), line: line)
        case .lambda(let params, let body):
            return try lambda(params, body, e, s, line: line)
        case .call(let f, let args):
            return try call(f, args, s, line: line)
        case .attribute(let x, let name):
            return AttributeLoad(object: try expr(x, s), name: name, line: line)
        case .subscript(let x, let index):
            return SubscriptLoad(object: try expr(x, s), index: try expr(index, s), line: line)
        case .slice(let a, let b, let c):
            return SliceNode(lower: try a.map { try expr($0, s) }, upper: try b.map { try expr($0, s) },
                             step: try c.map { try expr($0, s) }, line: line)
        case .listComprehension(let el, let gens):
            return try comprehension(.list, e, el, nil, gens, s, name: "<listcomp>")
        case .setComprehension(let el, let gens):
            return try comprehension(.set, e, el, nil, gens, s, name: "<setcomp>")
        case .generator(let el, let gens):
            return try comprehension(.generator, e, el, nil, gens, s, name: "<genexpr>")
        case .dictComprehension(let k, let v, let gens):
            return try comprehension(.dict, e, k, v, gens, s, name: "<dictcomp>")
        }
    }

    func nameLoad(_ n: String, _ s: Scope, line: Int) -> ExprNode {
        switch s.access(n) {
        case .local(let slot): return LocalLoad(slot: slot, name: n, line: line)
        case .cell(let slot): return CellLoad(slot: slot, name: n, isFree: s.freeSet.contains(n), line: line)
        case .global: return GlobalLoad(slot: globals.slot(for: n), name: n, builtins: builtins, line: line)
        case .classBody:
            return ClassBodyLoad(name: n, global: GlobalLoad(slot: globals.slot(for: n), name: n, builtins: builtins, line: line), line: line)
        }
    }

    private mutating func display(_ items: [Expr], _ s: Scope) throws -> [DisplayItem] {
        try items.map { item in
            if case .starred(let inner) = item.kind { return .starred(try expr(inner, s)) }
            return .single(try expr(item, s))
        }
    }

    private mutating func call(_ f: Expr, _ args: [Argument], _ s: Scope, line: Int) throws -> ExprNode {
        let simple = args.allSatisfy { if case .positional = $0 { return true } else { return false } }
        if simple {
            let argNodes = try args.map { a -> ExprNode in
                if case .positional(let x) = a { return try expr(x, s) }
                return ConstNode(.none, line: line)
            }
            if case .attribute(let base, let name) = f.kind {
                return MethodCallNode(object: try expr(base, s), name: name, args: argNodes, line: line)
            }
            return PositionalCallNode(callee: try expr(f, s), args: argNodes, line: line)
        }
        let compiled = try args.map { a -> CallArgument in
            switch a {
            case .positional(let x): return .positional(try expr(x, s))
            case .unpacked(let x): return .unpacked(try expr(x, s))
            case .keyword(let k, let x): return .keyword(k, try expr(x, s))
            case .unpackedKeywords(let x): return .unpackedKeywords(try expr(x, s))
            }
        }
        return GeneralCallNode(callee: try expr(f, s), args: compiled, line: line)
    }

    private mutating func lambda(_ params: Parameters, _ body: Expr, _ e: Expr, _ s: Scope, line: Int) throws -> ExprNode {
        let key = ScopeAnalyzer.key(e.location, 2)
        return try lambdaFunction(params, body, key: key, s, line: line)
    }

    private mutating func lambdaFunction(_ params: Parameters, _ body: Expr, key: ScopeKey, _ s: Scope, line: Int) throws -> ExprNode {
        guard let fs = analyzer.scopes[key] else {
            throw CompileError(message: "internal error: no scope for lambda", location: SourceLocation(line: line, column: 0))
        }
        let code = newFunctionCode(name: "<lambda>", qualname: "<lambda>", line: line)
        code.slotNames = fs.slotNames
        code.positionalNames = (params.positionalOnly + params.positional).map(\.name)
        code.positionalOnlyCount = params.positionalOnly.count
        code.keywordOnlyNames = params.keywordOnly.map(\.name)
        code.hasVarArgs = params.varArgs != nil
        code.hasVarKeywords = params.varKeywords != nil
        code.cellSlots = fs.slotNames.enumerated().compactMap { fs.cells.contains($0.element) && !fs.freeSet.contains($0.element) ? $0.offset : nil }
        code.freeNames = fs.frees
        code.freeSlots = fs.frees.enumerated().compactMap { i, n in fs.slots[n].map { (slot: $0, index: i) } }
        code.body = [ReturnStmt(try expr(body, fs), line: line)]
        let defaults = try (params.positionalOnly + params.positional).compactMap { try $0.defaultValue.map { try expr($0, s) } }
        let kwDefaults = try params.keywordOnly.compactMap { p in try p.defaultValue.map { (p.name, try expr($0, s)) } }
        let captures = try fs.frees.map { n -> Int in
            guard let slot = s.slots[n] else {
                throw CompileError(message: "internal error: free variable '\(n)' has no cell", location: SourceLocation(line: line, column: 0))
            }
            return slot
        }
        return MakeFunctionNode(code: code, defaults: defaults, keywordDefaults: kwDefaults, captureSlots: captures, line: line)
    }

    private mutating func comprehension(_ kind: ComprehensionNode.Kind, _ e: Expr, _ element: Expr, _ value: Expr?,
                                        _ gens: [Comprehension], _ s: Scope, name: String) throws -> ExprNode {
        let line = e.location.line
        guard let first = gens.first, let cs = analyzer.scopes[ScopeAnalyzer.key(e.location, 3)] else {
            throw CompileError(message: "internal error: no scope for comprehension", location: e.location)
        }
        let code = newFunctionCode(name: name, qualname: name, line: line)
        code.slotNames = cs.slotNames
        code.cellSlots = cs.slotNames.enumerated().compactMap { cs.cells.contains($0.element) && !cs.freeSet.contains($0.element) ? $0.offset : nil }
        code.freeNames = cs.frees
        code.freeSlots = cs.frees.enumerated().compactMap { i, n in cs.slots[n].map { (slot: $0, index: i) } }
        var clauses: [ComprehensionClause] = []
        for (i, g) in gens.enumerated() {
            clauses.append(ComprehensionClause(target: try target(g.target, cs),
                                               iterable: i == 0 ? nil : try expr(g.iterable, cs),
                                               conditions: try g.conditions.map { try expr($0, cs) }))
        }
        let captures = try cs.frees.map { n -> Int in
            guard let slot = s.slots[n] else {
                throw CompileError(message: "internal error: free variable '\(n)' has no cell", location: e.location)
            }
            return slot
        }
        return ComprehensionNode(kind: kind, code: code, firstIterable: try expr(first.iterable, s), clauses: clauses,
                                 element: try expr(element, cs), value: try value.map { try expr($0, cs) },
                                 captureSlots: captures, line: line)
    }

    private mutating func fstring(_ parts: [FStringPart], _ s: Scope) throws -> [FStringPiece] {
        try parts.map { p in
            switch p {
            case .literal(let text): return .literal(text)
            case .field(let v, let conv, let spec, let debug):
                return .field(try expr(v, s), conversion: conv, spec: try spec.map { try fstring($0, s) }, debugText: debug)
            }
        }
    }
}
