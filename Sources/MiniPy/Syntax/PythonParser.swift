// The public entry points: whole files, single expressions (debugger `p expr`), and REPL input.

/// Parses MiniPy source text into the AST.
public enum PythonParser {
    /// Parses a source file; throws `SyntaxErrorInfo` with CPython's message and position.
    public static func parse(source: String, file: String) throws -> ModuleAST {
        try DeepStack.run { try parseOnCurrentThread(source: source, file: file) }
    }

    static func parseOnCurrentThread(source: String, file: String) throws -> ModuleAST {
        let buffer = SourceBuffer(source: source, file: file)
        var scanner = Scanner(source: buffer)
        var parser = Parser(source: buffer, tokens: scanner.scanAll())
        parser.unsupportedError = scanner.unsupported
        do {
            return ModuleAST(file: file, body: try parser.parseModule())
        } catch let error as SyntaxErrorInfo {
            throw parser.preferringScanError(over: error)
        }
    }

    /// Parses one expression (or a bare tuple `a, b`), as `eval()` input: leading blanks and
    /// trailing line breaks are allowed.
    public static func parseExpression(_ source: String, file: String = "<string>") throws -> Expr {
        try DeepStack.run { try parseExpressionOnCurrentThread(source, file: file) }
    }

    static func parseExpressionOnCurrentThread(_ source: String, file: String) throws -> Expr {
        let trimmed = String(source.drop(while: { $0 == " " || $0 == "\t" }))
        let buffer = SourceBuffer(source: trimmed, file: file)
        var scanner = Scanner(source: buffer)
        var parser = Parser(source: buffer, tokens: scanner.scanAll())
        parser.unsupportedError = scanner.unsupported
        do {
            while parser.current.isNewline { parser.advance() }
            let value = try parser.parseStarExpressions()
            while parser.current.isNewline { parser.advance() }
            guard case .endMarker = parser.current.kind else { throw parser.invalidSyntax() }
            try parser.throwDeferredError()
            return value
        } catch let error as SyntaxErrorInfo {
            throw parser.preferringScanError(over: error)
        }
    }

    /// Parses interactive input (one REPL entry, possibly a multi-line compound statement).
    public static func parseInteractive(_ source: String, file: String = "<stdin>") throws -> [Stmt] {
        try parse(source: source, file: file).body
    }

    /// True when `source` is the beginning of a statement that more lines could complete
    /// (an open bracket, an unterminated triple-quoted string, a header awaiting its block, a
    /// trailing backslash), so a REPL should prompt with `...` instead of reporting the error.
    public static func needsMoreInput(_ source: String) -> Bool {
        do {
            _ = try parse(source: source, file: "<stdin>")
            // A final line break only ends the last line; an empty line after it closes the entry.
            let entry = source.hasSuffix("\n") ? String(source.dropLast()) : source
            let lines = entry.split(separator: "\n", omittingEmptySubsequences: false)
            // A compound statement stays open until a blank line ends it, as in CPython's REPL.
            let lastIsBlank = lines.count > 1 && (lines.last ?? "").allSatisfy { $0 == " " || $0 == "\t" }
            let opensBlock = lines.contains { $0.trimmingSuffixBlanks().hasSuffix(":") }
            return opensBlock && !lastIsBlank
        } catch let error as SyntaxErrorInfo {
            let message = error.message
            // A decorator waits for the definition it decorates.
            let entry = source.hasSuffix("\n") ? String(source.dropLast()) : source
            let lastLine = entry.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
            if lastLine.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("@") { return true }
            return message.hasSuffix("was never closed") || message.hasPrefix("unterminated triple-quoted string")
                || message.hasPrefix("expected an indented block") || message == "unexpected EOF while parsing"
        } catch {
            return false
        }
    }
}

extension Substring {
    /// The text without trailing spaces and tabs.
    fileprivate func trimmingSuffixBlanks() -> Substring {
        var text = self
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
