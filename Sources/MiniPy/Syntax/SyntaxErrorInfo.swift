// The error the scanner and parser throw, carrying everything needed to print it the way
// CPython prints a SyntaxError (file, line, source text, caret range).

/// A SyntaxError, IndentationError or TabError found while scanning or parsing a source file.
public struct SyntaxErrorInfo: Error, Sendable, Equatable, CustomStringConvertible {
    /// The Python exception class the error is reported as.
    public enum Kind: String, Sendable {
        /// `SyntaxError`: the common case.
        case syntaxError = "SyntaxError"
        /// `IndentationError`: unexpected indent, missing block, unindent mismatch.
        case indentationError = "IndentationError"
        /// `TabError`: tabs and spaces mixed inconsistently.
        case tabError = "TabError"
    }

    /// The exception class.
    public var kind: Kind
    /// The message exactly as CPython words it (without the line suffix of unsupported constructs).
    public var message: String
    /// The file name as tracebacks print it.
    public var file: String
    /// 1-based line of the error.
    public var line: Int
    /// 1-based character offset of the caret within `text`, as CPython's `SyntaxError.offset`
    /// (0 or less means no caret is printed).
    public var column: Int
    /// 1-based line where the caret range ends.
    public var endLine: Int
    /// 1-based character offset just past the caret range (`SyntaxError.end_offset`; -1 or 0 for none).
    public var endColumn: Int
    /// The offending source line, without its line break.
    public var text: String?
    /// True when the construct is valid Python but outside the subset gradstep runs.
    public var isUnsupportedConstruct: Bool

    /// Creates an error; columns are 1-based character offsets as CPython reports them.
    public init(kind: Kind = .syntaxError, message: String, file: String, line: Int, column: Int,
                endLine: Int? = nil, endColumn: Int? = nil, text: String?, isUnsupportedConstruct: Bool = false) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine ?? line
        self.endColumn = endColumn ?? column
        self.text = text
        self.isUnsupportedConstruct = isUnsupportedConstruct
    }

    /// The message as the last line of the report shows it: unsupported constructs name their line,
    /// as in `'yield' is not supported by gradstep (line 12)`.
    public var displayMessage: String {
        isUnsupportedConstruct ? "\(message) (line \(line))" : message
    }

    /// `SyntaxError: expected ':'`, the final line of the report.
    public var description: String {
        "\(kind.rawValue): \(displayMessage)"
    }

    /// The full report as CPython prints an uncaught SyntaxError: the `File` line, the source line
    /// with leading whitespace stripped, the caret line, then `Kind: message`.
    public var formatted: String {
        var out = "  File \"\(file)\", line \(line)\n"
        if let text {
            out += caretBlock(for: text)
        }
        out += description + "\n"
        return out
    }

    /// The source line and caret line, following the rules of CPython's `print_error_text`:
    /// leading blanks are stripped, the caret is clipped to the line end, and no caret is drawn
    /// when it would point left of the text.
    private func caretBlock(for text: String) -> String {
        let chars = Array(text)
        var stripped = 0
        while stripped < chars.count, chars[stripped] == " " || chars[stripped] == "\t" || chars[stripped] == "\u{0C}" {
            stripped += 1
        }
        let shown = String(chars[stripped...])
        var out = "    \(shown)\n"
        var start = column - 1 - stripped
        if start < 0 {
            return out
        }
        let length = chars.count - stripped
        if start > length {
            start = length
        }
        var end = endColumn - 1 - stripped
        if endLine != line || end > length + 1 {
            end = length + 1
        }
        let carets = end > start ? end - start : 1
        out += "    " + String(repeating: " ", count: start) + String(repeating: "^", count: carets) + "\n"
        return out
    }
}
