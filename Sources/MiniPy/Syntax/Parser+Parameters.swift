// Parameter lists of `def` and `lambda`: positional-only `/`, defaults, `*args`, bare `*`,
// keyword-only parameters and `**kwargs`.

extension Parser {
    /// Parses parameters up to (not including) the `closing` token (`)` for def, `:` for lambda).
    mutating func parseParameters(closing: String, allowAnnotations: Bool) throws -> Parameters {
        var parameters = Parameters()
        var sawDefault = false
        var sawStar = false
        var sawSlash = false
        while !isOp(closing) {
            if parameters.varKeywords != nil {
                throw error("arguments cannot follow var-keyword argument", at: current)
            }
            if isOp("/") {
                let slash = advance()
                if sawSlash { throw error("/ may appear only once", at: slash) }
                if sawStar { throw error("/ must be ahead of *", at: slash) }
                if parameters.positional.isEmpty { throw error("at least one argument must precede /", at: slash) }
                sawSlash = true
                parameters.positionalOnly = parameters.positional
                parameters.positional = []
            } else if isOp("*") {
                let star = advance()
                if sawStar { throw error("* argument may appear only once", at: star) }
                sawStar = true
                if current.identifier != nil {
                    parameters.varArgs = try parseParameter(allowAnnotations: allowAnnotations,
                                                            defaultError: "var-positional argument cannot have default value")
                } else if isOp(closing) || (isOp(",") && (peek().isOp(closing) || peek().isOp("**"))) {
                    // CPython points at the `*` in a def, but at the token after it in a lambda.
                    let reported = closing == ")" ? star : (isOp(closing) ? current : peek())
                    throw error("named arguments must follow bare *", at: reported)
                } else if !isOp(",") {
                    throw invalidSyntax()
                }
            } else if accept("**") {
                parameters.varKeywords = try parseParameter(allowAnnotations: allowAnnotations,
                                                                defaultError: "var-keyword argument cannot have default value")
            } else {
                let nameToken = current
                let parameter = try parseParameter(allowAnnotations: allowAnnotations, defaultError: nil)
                if sawStar {
                    parameters.keywordOnly.append(parameter)
                } else {
                    if parameter.defaultValue != nil {
                        sawDefault = true
                    } else if sawDefault {
                        throw error("non-default argument follows default argument", at: nameToken)
                    }
                    parameters.positional.append(parameter)
                }
            }
            guard accept(",") else { break }
        }
        if let duplicate = duplicateParameterError(parameters) {
            deferError(duplicate, fromSymbolTable: true)
        }
        return parameters
    }

    /// One parameter; `defaultError` is the message when a default is not allowed (`*args=1`).
    mutating func parseParameter(allowAnnotations: Bool, defaultError: String?) throws -> Parameter {
        let token = current
        guard let name = token.identifier else { throw invalidSyntax() }
        advance()
        var annotation: Expr?
        if allowAnnotations && accept(":") {
            annotation = try parseExpression()
        }
        var defaultValue: Expr?
        if isOp("=") {
            if let defaultError { throw error(defaultError, at: current) }
            advance()
            defaultValue = try parseExpression()
        }
        return Parameter(name: name, annotation: annotation, defaultValue: defaultValue, location: token.start)
    }

    /// `def f(a, a)` is rejected by CPython's symbol table with this message.
    func duplicateParameterError(_ parameters: Parameters) -> SyntaxErrorInfo? {
        var seen: Set<String> = []
        var all = parameters.positionalOnly + parameters.positional
        if let varArgs = parameters.varArgs { all.append(varArgs) }
        all += parameters.keywordOnly
        if let varKeywords = parameters.varKeywords { all.append(varKeywords) }
        for parameter in all {
            if !seen.insert(parameter.name).inserted {
                return source.error("duplicate argument '\(parameter.name)' in function definition",
                                   line: parameter.location.line, column: parameter.location.column,
                                   endColumn: parameter.location.column + parameter.name.utf8.count)
            }
        }
        return nil
    }
}
