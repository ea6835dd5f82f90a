// A compact text form of the AST, for tests and for debugging the parser and interpreter.

/// Renders ASTs as compact text: expressions as prefix forms (`(+ a (* b c))`), statements one
/// per line with nested blocks indented by two spaces.
public enum ASTDump {
    /// The whole module, one statement per line.
    public static func dump(_ module: ModuleAST) -> String {
        dump(module.body)
    }

    /// Statements, one per line, blocks indented.
    public static func dump(_ statements: [Stmt]) -> String {
        var lines: [String] = []
        for statement in statements {
            append(statement, indent: "", to: &lines)
        }
        return lines.joined(separator: "\n")
    }

    /// One expression.
    public static func dump(_ expr: Expr) -> String {
        switch expr.kind {
        case .name(let name): return name
        case .constant(let value): return constant(value)
        case .formattedString(let parts): return form("f", parts.map(part))
        case .list(let items): return form("list", items.map(dump))
        case .tuple(let items): return form("tuple", items.map(dump))
        case .set(let items): return form("set", items.map(dump))
        case .dict(let entries):
            return form("dict", entries.map { entry in
                entry.key.map { "(\(dump($0)) \(dump(entry.value)))" } ?? "(** \(dump(entry.value)))"
            })
        case .starred(let value): return "(* \(dump(value)))"
        case .unary(let op, let value): return "(\(op.rawValue) \(dump(value)))"
        case .binary(let left, let op, let right): return "(\(op.rawValue) \(dump(left)) \(dump(right)))"
        case .boolean(let op, let values): return form(op.rawValue, values.map(dump))
        case .compare(let left, let links):
            return form("cmp", [dump(left)] + links.map { "\($0.op.rawValue) \(dump($0.right))" })
        case .conditional(let test, let body, let orElse): return "(ifexp \(dump(test)) \(dump(body)) \(dump(orElse)))"
        case .lambda(let parameters, let body): return "(lambda (\(self.parameters(parameters))) \(dump(body)))"
        case .call(let function, let arguments): return form("call", [dump(function)] + arguments.map(argument))
        case .attribute(let value, let name): return "(. \(dump(value)) \(name))"
        case .subscript(let value, let index): return "([] \(dump(value)) \(dump(index)))"
        case .slice(let lower, let upper, let step): return form("slice", [lower, upper, step].map { $0.map(dump) ?? "_" })
        case .listComprehension(let element, let generators): return comprehension("listcomp", [element], generators)
        case .setComprehension(let element, let generators): return comprehension("setcomp", [element], generators)
        case .dictComprehension(let key, let value, let generators): return comprehension("dictcomp", [key, value], generators)
        case .generator(let element, let generators): return comprehension("genexp", [element], generators)
        }
    }

    static func form(_ head: String, _ items: [String]) -> String {
        items.isEmpty ? "(\(head))" : "(\(head) \(items.joined(separator: " ")))"
    }

    static func comprehension(_ head: String, _ elements: [Expr], _ generators: [Comprehension]) -> String {
        let clauses = generators.map { clause in
            form("for", [dump(clause.target), dump(clause.iterable)] + clause.conditions.map { "(if \(dump($0)))" })
        }
        return form(head, elements.map(dump) + clauses)
    }

    static func constant(_ value: Constant) -> String {
        switch value {
        case .none: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .int(let number): return String(number)
        case .float(let number): return "\(number)"
        case .string(let text): return quote(text)
        case .ellipsis: return "..."
        }
    }

    /// A single-quoted form with the escapes needed to read the dump unambiguously.
    static func quote(_ text: String) -> String {
        var out = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let digits = String(scalar.value, radix: 16)
                    out += "\\x" + (digits.count < 2 ? "0" + digits : digits)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "'"
    }

    static func part(_ part: FStringPart) -> String {
        switch part {
        case .literal(let text):
            return quote(text)
        case .field(let value, let conversion, let spec, let debugText):
            var out = "{" + dump(value)
            if let debugText { out += " =" + quote(debugText) }
            if let conversion { out += " !" + String(conversion) }
            if let spec { out += " :(" + spec.map(self.part).joined(separator: " ") + ")" }
            return out + "}"
        }
    }

    static func argument(_ argument: Argument) -> String {
        switch argument {
        case .positional(let value): return dump(value)
        case .unpacked(let value): return "*\(dump(value))"
        case .keyword(let name, let value): return "\(name)=\(dump(value))"
        case .unpackedKeywords(let value): return "**\(dump(value))"
        }
    }

    static func parameter(_ parameter: Parameter, prefix: String = "") -> String {
        var out = prefix + parameter.name
        if let annotation = parameter.annotation { out += ":" + dump(annotation) }
        if let value = parameter.defaultValue { out += "=" + dump(value) }
        return out
    }

    /// `a, /, b=1, *args, c, **kw`
    static func parameters(_ parameters: Parameters) -> String {
        var items = parameters.positionalOnly.map { parameter($0) }
        if !parameters.positionalOnly.isEmpty { items.append("/") }
        items += parameters.positional.map { parameter($0) }
        if let varArgs = parameters.varArgs {
            items.append(parameter(varArgs, prefix: "*"))
        } else if !parameters.keywordOnly.isEmpty {
            items.append("*")
        }
        items += parameters.keywordOnly.map { parameter($0) }
        if let varKeywords = parameters.varKeywords { items.append(parameter(varKeywords, prefix: "**")) }
        return items.joined(separator: ", ")
    }

    static func block(_ header: String, _ body: [Stmt], indent: String, to lines: inout [String]) {
        lines.append(indent + header)
        for statement in body {
            append(statement, indent: indent + "  ", to: &lines)
        }
    }

    static func append(_ statement: Stmt, indent: String, to lines: inout [String]) {
        switch statement.kind {
        case .expression(let value): lines.append(indent + dump(value))
        case .assign(let targets, let value): lines.append(indent + form("=", (targets + [value]).map(dump)))
        case .augmentedAssign(let target, let op, let value): lines.append(indent + "(\(op.rawValue)= \(dump(target)) \(dump(value)))")
        case .annotatedAssign(let target, let annotation, let value):
            lines.append(indent + form(":", [dump(target), dump(annotation)] + (value.map { [dump($0)] } ?? [])))
        case .functionDef(let definition):
            for decorator in definition.decorators { lines.append(indent + "@" + dump(decorator)) }
            let doc = definition.docstring.map { " doc=" + quote($0) } ?? ""
            block("def \(definition.name)(\(parameters(definition.parameters)))\(doc)", definition.body, indent: indent, to: &lines)
        case .classDef(let definition):
            for decorator in definition.decorators { lines.append(indent + "@" + dump(decorator)) }
            let arguments = definition.bases.map(dump) + definition.keywords.map { "\($0.name)=\(dump($0.value))" }
            let doc = definition.docstring.map { " doc=" + quote($0) } ?? ""
            block("class \(definition.name)(\(arguments.joined(separator: ", ")))\(doc)", definition.body, indent: indent, to: &lines)
        case .return(let value): lines.append(indent + "return" + (value.map { " " + dump($0) } ?? ""))
        case .delete(let targets): lines.append(indent + "del " + targets.map(dump).joined(separator: ", "))
        case .if(let test, let body, let orElse):
            block("if \(dump(test))", body, indent: indent, to: &lines)
            if !orElse.isEmpty { block("else", orElse, indent: indent, to: &lines) }
        case .for(let target, let iterable, let body, let orElse):
            block("for \(dump(target)) in \(dump(iterable))", body, indent: indent, to: &lines)
            if !orElse.isEmpty { block("else", orElse, indent: indent, to: &lines) }
        case .while(let test, let body, let orElse):
            block("while \(dump(test))", body, indent: indent, to: &lines)
            if !orElse.isEmpty { block("else", orElse, indent: indent, to: &lines) }
        case .with(let items, let body):
            let header = items.map { item in dump(item.context) + (item.target.map { " as " + dump($0) } ?? "") }
            block("with " + header.joined(separator: ", "), body, indent: indent, to: &lines)
        case .try(let body, let handlers, let orElse, let finally):
            block("try", body, indent: indent, to: &lines)
            for handler in handlers {
                var header = "except"
                if let type = handler.type { header += " " + dump(type) }
                if let name = handler.name { header += " as " + name }
                block(header, handler.body, indent: indent, to: &lines)
            }
            if !orElse.isEmpty { block("else", orElse, indent: indent, to: &lines) }
            if !finally.isEmpty { block("finally", finally, indent: indent, to: &lines) }
        case .raise(let exception, let cause):
            lines.append(indent + "raise" + (exception.map { " " + dump($0) } ?? "") + (cause.map { " from " + dump($0) } ?? ""))
        case .assert(let test, let message):
            lines.append(indent + "assert " + dump(test) + (message.map { ", " + dump($0) } ?? ""))
        case .import(let aliases): lines.append(indent + "import " + aliases.map(alias).joined(separator: ", "))
        case .importFrom(let module, let names, let level):
            lines.append(indent + "from " + String(repeating: ".", count: level) + module + " import "
                         + names.map(alias).joined(separator: ", "))
        case .global(let names): lines.append(indent + "global " + names.joined(separator: ", "))
        case .nonlocal(let names): lines.append(indent + "nonlocal " + names.joined(separator: ", "))
        case .pass: lines.append(indent + "pass")
        case .break: lines.append(indent + "break")
        case .continue: lines.append(indent + "continue")
        }
    }

    static func alias(_ alias: ImportAlias) -> String {
        alias.name + (alias.alias.map { " as " + $0 } ?? "")
    }
}
