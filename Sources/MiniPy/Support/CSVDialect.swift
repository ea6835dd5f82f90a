/// The `csv` module's dialect options and its `excel` default (Modules/_csv.c).
public struct CSVDialect: Sendable {
    /// `csv.QUOTE_*`: when the writer quotes fields.
    public enum Quoting: Int, Sendable {
        /// Only fields that need it (`QUOTE_MINIMAL`, 0).
        case minimal = 0
        /// Every field (`QUOTE_ALL`, 1).
        case all = 1
        /// Every non-number field (`QUOTE_NONNUMERIC`, 2).
        case nonNumeric = 2
        /// Never; special characters are escaped (`QUOTE_NONE`, 3).
        case none = 3
    }

    /// `delimiter`.
    public var delimiter: Unicode.Scalar = ","
    /// `quotechar`.
    public var quoteChar: Unicode.Scalar? = "\""
    /// `escapechar`.
    public var escapeChar: Unicode.Scalar?
    /// `doublequote`: a quote inside a quoted field is written twice.
    public var doubleQuote = true
    /// `skipinitialspace`: spaces after a delimiter are dropped when reading.
    public var skipInitialSpace = false
    /// `lineterminator` (the writer's; the reader accepts `\r`, `\n` and `\r\n`).
    public var lineTerminator = "\r\n"
    /// `quoting`.
    public var quoting = Quoting.minimal
    /// `strict`: malformed input raises instead of being read leniently.
    public var strict = false

    /// The `excel` dialect, `csv`'s default.
    public init() {}
}

/// One field handed to the writer.
public enum CSVField: Sendable {
    /// `None`: written as an empty field.
    case none
    /// An int or float, already as text (`str(n)`, `repr(x)`); unquoted under `QUOTE_NONNUMERIC`.
    case number(String)
    /// Any other value as `str(value)`.
    case text(String)
}

/// `csv.writer(...).writerow(row)`: the line written, terminator included.
public func csvFormatRow(_ fields: [CSVField], dialect: CSVDialect = CSVDialect()) throws -> String {
    var line = ""
    if fields.count == 1, case .text(let only) = fields[0], only.isEmpty {
        // A lone empty field would read back as an empty row, so it is quoted.
        if dialect.quoting == .none { throw NamedPythonError.csv("single empty field record must be quoted") }
        let quote = dialect.quoteChar.map { String(Character($0)) } ?? ""
        return quote + quote + dialect.lineTerminator
    }
    for (index, field) in fields.enumerated() {
        if index > 0 { line.unicodeScalars.append(dialect.delimiter) }
        let text: String
        var quoted: Bool
        switch field {
        case .none:
            text = ""
            quoted = dialect.quoting == .all || dialect.quoting == .nonNumeric
        case .number(let digits):
            text = digits
            quoted = dialect.quoting == .all
        case .text(let string):
            text = string
            quoted = dialect.quoting == .all || dialect.quoting == .nonNumeric
        }
        line += try csvEncodeField(text, quoted: &quoted, dialect: dialect)
    }
    return line + dialect.lineTerminator
}

/// One field's text with quoting or escaping applied as `_csv.c`'s `join_append_data` does.
private func csvEncodeField(_ text: String, quoted: inout Bool, dialect: CSVDialect) throws -> String {
    var body = String.UnicodeScalarView()
    let terminator = Set(dialect.lineTerminator.unicodeScalars)
    for scalar in text.unicodeScalars {
        let special = scalar == dialect.delimiter || scalar == dialect.escapeChar || scalar == dialect.quoteChar
            || terminator.contains(scalar) || scalar == "\n" || scalar == "\r"
        if special {
            if dialect.quoting == .none {
                guard let escape = dialect.escapeChar else {
                    throw NamedPythonError.csv("need to escape, but no escapechar set")
                }
                body.append(escape)
            } else {
                quoted = true
                if scalar == dialect.quoteChar {
                    if dialect.doubleQuote {
                        body.append(scalar)
                    } else if let escape = dialect.escapeChar {
                        body.append(escape)
                    } else {
                        throw NamedPythonError.csv("need to escape, but no escapechar set")
                    }
                } else if scalar == dialect.escapeChar {
                    body.append(scalar)
                }
            }
        }
        body.append(scalar)
    }
    guard quoted, let quote = dialect.quoteChar else { return String(body) }
    return String(Character(quote)) + String(body) + String(Character(quote))
}
