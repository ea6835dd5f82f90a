/// `str.format` and `str.format_map`: CPython's replacement-field grammar
/// (`{name.attr[key]!conv:spec}`, nested `{}` in specs, auto numbering), parsed as it is
/// rendered so errors surface in CPython's order. The value type stays abstract: the
/// interpreter supplies closures for lookups, conversions and `format()`.

/// An index inside `[...]` of a field name: digits become an int, anything else a str key.
public enum FieldItemKey: Equatable, Sendable {
    /// `[3]`
    case index(Int)
    /// `[name]`
    case key(String)
}

/// Renders `template.format(*args, **kwargs)` through closures over the interpreter's values.
public struct StrFormatter<Value> {
    /// The number of positional arguments, or nil for `format_map` (no positionals).
    public var positionalCount: Int?
    /// The positional argument at a valid index.
    public var positional: (Int) throws -> Value
    /// The keyword argument (or mapping entry) with this name; throws the `KeyError`.
    public var keyword: (String) throws -> Value
    /// `getattr(value, name)`.
    public var attribute: (Value, String) throws -> Value
    /// `value[key]`.
    public var item: (Value, FieldItemKey) throws -> Value
    /// `str(value)` for `!s`, `repr(value)` for `!r`, `ascii(value)` for `!a`, as a str value.
    public var convert: (Value, Unicode.Scalar) throws -> Value
    /// `format(value, spec)`.
    public var format: (Value, String) throws -> String

    /// Creates a formatter from the interpreter's lookups.
    public init(positionalCount: Int?, positional: @escaping (Int) throws -> Value,
                keyword: @escaping (String) throws -> Value,
                attribute: @escaping (Value, String) throws -> Value,
                item: @escaping (Value, FieldItemKey) throws -> Value,
                convert: @escaping (Value, Unicode.Scalar) throws -> Value,
                format: @escaping (Value, String) throws -> String) {
        self.positionalCount = positionalCount
        self.positional = positional
        self.keyword = keyword
        self.attribute = attribute
        self.item = item
        self.convert = convert
        self.format = format
    }

    /// `template.format(...)`.
    public func render(_ template: String) throws -> String {
        var numbering = AutoNumbering()
        return try build(Array(template.unicodeScalars)[...], depth: 2, numbering: &numbering)
    }

    /// Whether fields are numbered automatically (`{}`) or manually (`{0}`).
    struct AutoNumbering {
        enum State { case unset, automatic, manual }
        var state = State.unset
        var next = 0
    }

    private func build(_ text: ArraySlice<Unicode.Scalar>, depth: Int,
                       numbering: inout AutoNumbering) throws -> String {
        guard depth > 0 else { throw SupportError.value("Max string recursion exceeded") }
        var out = String.UnicodeScalarView()
        var pos = text.startIndex
        let end = text.endIndex
        while pos < end {
            let c = text[pos]
            pos += 1
            if c != "{" && c != "}" {
                out.append(c)
                continue
            }
            let atEnd = pos >= end
            if c == "}" {
                guard !atEnd, text[pos] == "}" else {
                    throw SupportError.value("Single '}' encountered in format string")
                }
                out.append("}")
                pos += 1
                continue
            }
            if atEnd { throw SupportError.value("Single '{' encountered in format string") }
            if text[pos] == "{" {
                out.append("{")
                pos += 1
                continue
            }
            let field = try parseField(text, &pos)
            out.append(contentsOf: try renderField(field, text: text, depth: depth,
                                                   numbering: &numbering).unicodeScalars)
        }
        return String(out)
    }

    /// The parts of one `{...}` field, as ranges into the template.
    private struct Field {
        var name: Range<Int>
        var conversion: Unicode.Scalar?
        var spec: Range<Int>?
        var specHasFields = false
    }

    /// Parses a field after its `{`, leaving `pos` after its closing `}`.
    private func parseField(_ text: ArraySlice<Unicode.Scalar>, _ pos: inout Int) throws -> Field {
        let end = text.endIndex
        let nameStart = pos
        var last: Unicode.Scalar = "\0"
        scan: while pos < end {
            last = text[pos]
            pos += 1
            switch last {
            case "{":
                throw SupportError.value("unexpected '{' in field name")
            case "[":
                while pos < end, text[pos] != "]" { pos += 1 }
            case "}", ":", "!":
                break scan
            default:
                break
            }
        }
        var field = Field(name: nameStart..<(pos - 1))
        if last != "!" && last != ":" {
            if last != "}" { throw SupportError.value("expected '}' before end of string") }
            return field
        }
        if last == "!" {
            guard pos < end else {
                throw SupportError.value("end of string while looking for conversion specifier")
            }
            field.conversion = text[pos]
            pos += 1
            if pos < end {
                let next = text[pos]
                pos += 1
                if next == "}" { return field }
                if next != ":" { throw SupportError.value("expected ':' after conversion specifier") }
            }
        }
        let specStart = pos
        var count = 1
        while pos < end {
            let c = text[pos]
            pos += 1
            if c == "{" {
                field.specHasFields = true
                count += 1
            } else if c == "}" {
                count -= 1
                if count == 0 {
                    field.spec = specStart..<(pos - 1)
                    return field
                }
            }
        }
        throw SupportError.value("unmatched '{' in format spec")
    }

    private func renderField(_ field: Field, text: ArraySlice<Unicode.Scalar>, depth: Int,
                             numbering: inout AutoNumbering) throws -> String {
        var value = try lookUp(text[field.name], numbering: &numbering)
        if let conversion = field.conversion {
            guard conversion == "r" || conversion == "s" || conversion == "a" else {
                let shown = conversion.value > 32 && conversion.value < 127
                    ? String(Character(conversion)) : "\\x" + String(conversion.value, radix: 16)
                throw SupportError.value("Unknown conversion specifier \(shown)")
            }
            value = try convert(value, conversion)
        }
        var spec = ""
        if let range = field.spec {
            if field.specHasFields {
                spec = try build(text[range], depth: depth - 1, numbering: &numbering)
            } else {
                var scalars = String.UnicodeScalarView()
                scalars.append(contentsOf: text[range])
                spec = String(scalars)
            }
        }
        return try format(value, spec)
    }

    /// Resolves a field name: the argument, then each `.attr` and `[key]` in turn.
    private func lookUp(_ name: ArraySlice<Unicode.Scalar>, numbering: inout AutoNumbering) throws -> Value {
        var pos = name.startIndex
        while pos < name.endIndex, name[pos] != ".", name[pos] != "[" { pos += 1 }
        let first = name[name.startIndex..<pos]
        let isEmpty = first.isEmpty
        var index = try Self.integer(first)
        if isEmpty || index != nil {
            if numbering.state == .unset { numbering.state = isEmpty ? .automatic : .manual }
            if numbering.state == .manual && isEmpty {
                throw SupportError.value("cannot switch from manual field specification to automatic field numbering")
            }
            if numbering.state == .automatic && !isEmpty {
                throw SupportError.value("cannot switch from automatic field numbering to manual field specification")
            }
            if isEmpty {
                index = numbering.next
                numbering.next += 1
            }
        }
        var value: Value
        if let index {
            guard let count = positionalCount else {
                throw SupportError.value("Format string contains positional fields")
            }
            guard index < count else {
                throw SupportError(.indexError, "Replacement index \(index) out of range for positional args tuple")
            }
            value = try positional(index)
        } else {
            value = try keyword(Self.string(first))
        }
        while pos < name.endIndex {
            let marker = name[pos]
            pos += 1
            let partStart = pos
            if marker == "." {
                while pos < name.endIndex, name[pos] != ".", name[pos] != "[" { pos += 1 }
                let part = name[partStart..<pos]
                if part.isEmpty { throw SupportError.value("Empty attribute in format string") }
                value = try attribute(value, Self.string(part))
            } else if marker == "[" {
                while pos < name.endIndex, name[pos] != "]" { pos += 1 }
                guard pos < name.endIndex else { throw SupportError.value("Missing ']' in format string") }
                let part = name[partStart..<pos]
                pos += 1
                if part.isEmpty { throw SupportError.value("Empty attribute in format string") }
                if let number = try Self.integer(part) {
                    value = try item(value, .index(number))
                } else {
                    value = try item(value, .key(Self.string(part)))
                }
            } else {
                throw SupportError.value("Only '.' or '[' may follow ']' in format field specifier")
            }
        }
        return value
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// The value of an all-digit name part, nil for anything else.
    private static func integer(_ scalars: ArraySlice<Unicode.Scalar>) throws -> Int? {
        guard !scalars.isEmpty else { return nil }
        var value = 0
        for scalar in scalars {
            guard scalar.properties.numericType == .decimal,
                  let digit = scalar.properties.numericValue else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(digit))
            if o1 || o2 { throw SupportError.value("Too many decimal digits in format string") }
            value = sum
        }
        return value
    }
}
