// Assignment, deletion and loop targets, validated with CPython's wording
// ("cannot assign to function call", "cannot delete literal", ...).

/// Where a target appears, which decides the verb of the error message.
enum TargetContext {
    case assignment
    case forTarget
    case delete
    case with
}

extension Parser {
    /// `star_targets` for `for` loops and comprehensions: items at `|` precedence, so that the
    /// following `in` is not taken as a comparison.
    mutating func parseTargetList(context: TargetContext) throws -> Expr {
        let start = current.start
        let first = try parseTargetItem()
        var result = first
        if isOp(",") {
            var items = [first]
            while accept(",") {
                guard canStartExpression(current) || isOp("*") else { break }
                if isKeyword("in") { break }
                items.append(try parseTargetItem())
            }
            result = node(.tuple(items), at: start)
        }
        try validateTarget(result, context: context)
        return result
    }

    mutating func parseTargetItem() throws -> Expr {
        if isOp("*") {
            let star = advance()
            let value = try parseBitOr()
            return node(.starred(value), at: star.start)
        }
        return try parseBitOr()
    }

    /// The first part of `expr` that cannot be assigned to (or deleted), if any.
    func invalidTarget(_ expr: Expr, context: TargetContext) -> Expr? {
        switch expr.kind {
        case .name, .attribute, .subscript:
            return nil
        case .starred(let inner):
            return context == .delete ? expr : invalidTarget(inner, context: context)
        case .tuple(let items), .list(let items):
            for item in items {
                if let bad = invalidTarget(item, context: context) { return bad }
            }
            return nil
        default:
            return expr
        }
    }

    /// How CPython names an expression in target errors (`_PyPegen_get_expr_name`).
    func describe(_ expr: Expr) -> String {
        switch expr.kind {
        case .name: return "name"
        case .constant(let value):
            switch value {
            case .none: return "None"
            case .bool(let flag): return flag ? "True" : "False"
            case .ellipsis: return "ellipsis"
            default: return "literal"
            }
        case .formattedString: return "f-string expression"
        case .list: return "list"
        case .tuple: return "tuple"
        case .set: return "set display"
        case .dict: return "dict literal"
        case .starred: return "starred"
        case .unary, .binary, .boolean: return "expression"
        case .compare: return "comparison"
        case .conditional: return "conditional expression"
        case .lambda: return "lambda"
        case .call: return "function call"
        case .attribute: return "attribute"
        case .subscript: return "subscript"
        case .slice: return "slice"
        case .listComprehension: return "list comprehension"
        case .setComprehension: return "set comprehension"
        case .dictComprehension: return "dict comprehension"
        case .generator: return "generator expression"
        }
    }

    /// `a, *b, *c = d`: CPython's compiler allows one starred name per unpacking.
    func rejectMultipleStarred(_ target: Expr) throws {
        switch target.kind {
        case .tuple(let items), .list(let items):
            let starred = items.filter { if case .starred = $0.kind { return true } else { return false } }
            if starred.count > 1 {
                throw error("multiple starred expressions in assignment", spanning: target)
            }
            for item in items {
                try rejectMultipleStarred(item)
            }
        default:
            break
        }
    }

    func validateTarget(_ expr: Expr, context: TargetContext) throws {
        if context != .delete { try rejectMultipleStarred(expr) }
        guard let bad = invalidTarget(expr, context: context) else { return }
        let verb = context == .delete ? "delete" : "assign to"
        throw error("cannot \(verb) \(describe(bad))", spanning: bad)
    }

    /// True for the expressions CPython excludes from the "Maybe you meant '=='" hint.
    func isHintExcluded(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .tuple, .list, .generator: return true
        case .constant(.none), .constant(.bool): return true
        default: return false
        }
    }

    /// Checks `targets = value` statement targets (all but the value).
    func validateAssignmentTargets(_ targets: [Expr], chained: Bool) throws {
        for (position, target) in targets.enumerated() {
            guard let bad = invalidTarget(target, context: .assignment) else { continue }
            if position == 0, !chained, bad.location == target.location, !isHintExcluded(target) {
                throw error("cannot assign to \(describe(bad)) here. Maybe you meant '==' instead of '='?", spanning: bad)
            }
            throw error("cannot assign to \(describe(bad))", spanning: bad)
        }
    }

    /// A condition followed by `=` (`if x = 1:`) gets CPython's hint instead of plain invalid syntax.
    mutating func checkMisusedAssignment(after test: Expr) throws {
        guard isOp("=") else { return }
        let saved = index
        advance()
        let value = try? parseBitOr()
        // CPython only hints when `=` is followed by one operand and no further `=` or `:=`.
        let hintApplies = value != nil && !isOp("=") && !isOp(":=")
        index = saved
        guard hintApplies else { return }
        if case .name = test.kind {
            throw error("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", from: test.location,
                        to: value?.end ?? current.end)
        }
        if !isHintExcluded(test), invalidTarget(test, context: .assignment) != nil {
            throw error("cannot assign to \(describe(test)) here. Maybe you meant '==' instead of '='?", spanning: test)
        }
    }
}
