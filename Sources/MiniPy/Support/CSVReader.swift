/// `csv.reader`: `_csv.c`'s state machine, fed one line at a time so quoted fields may
/// span lines, with its lenient (non-strict) handling and error messages.
public struct CSVRecordParser {
    private enum State {
        case startRecord, startField, escapedChar, inField, inQuotedField
        case escapeInQuotedField, quoteInQuotedField, eatNewline, afterEscapedNewline
    }

    /// The dialect in force.
    public let dialect: CSVDialect
    /// `reader.line_num`: lines read so far.
    public private(set) var lineNumber = 0
    private var state = State.startRecord
    private var fields: [String] = []
    private var field = String.UnicodeScalarView()

    /// A parser for `dialect`.
    public init(dialect: CSVDialect = CSVDialect()) {
        self.dialect = dialect
    }

    /// The next record, pulling lines from `nextLine` until one is complete; nil at the end.
    public mutating func nextRecord(_ nextLine: () throws -> String?) throws -> [String]? {
        fields = []
        field = String.UnicodeScalarView()
        state = .startRecord
        repeat {
            guard let line = try nextLine() else {
                if !field.isEmpty || state == .inQuotedField {
                    if dialect.strict { throw NamedPythonError.csv("unexpected end of data") }
                    saveField()
                    break
                }
                return nil
            }
            lineNumber += 1
            for scalar in line.unicodeScalars {
                if scalar == "\0" { throw NamedPythonError.csv("line contains NUL") }
                try process(scalar)
            }
            try process(nil)
        } while state != .startRecord
        return fields
    }

    private mutating func saveField() {
        fields.append(String(field))
        field = String.UnicodeScalarView()
    }

    private mutating func add(_ scalar: Unicode.Scalar) {
        field.append(scalar)
    }

    private func isNewline(_ c: Unicode.Scalar?) -> Bool { c == "\n" || c == "\r" }

    /// One character, or nil for the end of a line (CPython's EOL marker).
    private mutating func process(_ c: Unicode.Scalar?) throws {
        switch state {
        case .startRecord:
            guard let c else { return }
            if isNewline(c) {
                state = .eatNewline
                return
            }
            state = .startField
            try startField(c)
        case .startField:
            try startField(c)
        case .escapedChar:
            if let c, isNewline(c) {
                add(c)
                state = .afterEscapedNewline
                return
            }
            add(c ?? "\n")
            state = .inField
        case .afterEscapedNewline:
            if c == nil { return }
            state = .inField
            try inField(c)
        case .inField:
            try inField(c)
        case .inQuotedField:
            guard let c else { return }
            if c == dialect.escapeChar {
                state = .escapeInQuotedField
            } else if c == dialect.quoteChar && dialect.quoting != .none {
                state = dialect.doubleQuote ? .quoteInQuotedField : .inField
            } else {
                add(c)
            }
        case .escapeInQuotedField:
            add(c ?? "\n")
            state = .inQuotedField
        case .quoteInQuotedField:
            if let c, dialect.quoting != .none, c == dialect.quoteChar {
                add(c)
                state = .inQuotedField
            } else if c == dialect.delimiter {
                saveField()
                state = .startField
            } else if c == nil || isNewline(c) {
                saveField()
                state = c == nil ? .startRecord : .eatNewline
            } else if !dialect.strict, let c {
                add(c)
                state = .inField
            } else {
                let quote = dialect.quoteChar.map { String(Character($0)) } ?? ""
                throw NamedPythonError.csv("'\(Character(dialect.delimiter))' expected after '\(quote)'")
            }
        case .eatNewline:
            if let c, isNewline(c) { return }
            if c == nil {
                state = .startRecord
                return
            }
            throw NamedPythonError.csv(
                "new-line character seen in unquoted field - do you need to open the file with newline=''?")
        }
    }

    private mutating func startField(_ c: Unicode.Scalar?) throws {
        if c == nil || isNewline(c) {
            saveField()
            state = c == nil ? .startRecord : .eatNewline
        } else if c == dialect.quoteChar && dialect.quoting != .none {
            state = .inQuotedField
        } else if c == dialect.escapeChar {
            state = .escapedChar
        } else if c == " " && dialect.skipInitialSpace {
            return
        } else if c == dialect.delimiter {
            saveField()
        } else if let c {
            add(c)
            state = .inField
        }
    }

    private mutating func inField(_ c: Unicode.Scalar?) throws {
        if c == nil || isNewline(c) {
            saveField()
            state = c == nil ? .startRecord : .eatNewline
        } else if c == dialect.escapeChar {
            state = .escapedChar
        } else if c == dialect.delimiter {
            saveField()
            state = .startField
        } else if let c {
            add(c)
        }
    }
}
