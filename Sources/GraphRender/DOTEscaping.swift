/// Escaping for the three places text goes in DOT: quoted strings, quoted labels and
/// HTML-like labels. Every result parses in libgvc and displays the original text.
///
/// Graphviz treats labels in layers, and each needs neutralising:
/// - the DOT scanner ends a quoted string at `"` unless written `\"`, and keeps `\\` as two
///   characters (so a trailing backslash cannot swallow the closing quote);
/// - label text then goes through escape expansion (`\N` → node name, `\n` `\l` `\r` →
///   line breaks, `\x` → `x`), so every literal backslash must be doubled;
/// - plain labels also decode HTML entities (`&amp;` → `&`), so `&` becomes `&amp;`;
/// - HTML-like labels are XML (`&`, `<`, `>`, `"` as entities, control characters are not
///   allowed) and their text is escape-expanded after entity decoding, so a backslash must
///   be doubled there too rather than written as `&#92;`.
/// - the HTML-like label lexer rejects text starting with `]`, so `]` is written `&#93;`;
/// - tooltips, URLs and the HTML attributes that become them (`TOOLTIP`, `HREF`) go through
///   a different escape expansion in the Graphviz of Debian 12 (2.42), which reads past the end
///   of the string for some backslash patterns (`\x\`) and can then write past its buffer.
///   No doubling is safe there, so a backslash in such text is shown as U+29F5 `⧵`.
/// Control characters cannot appear in the SVG output, so they are shown as Unicode Control
/// Pictures (U+2400 ...), which keeps them visible instead of silently dropping them.
public enum DOTEscaping {
    /// How lines of a multi-line plain label are justified.
    public enum LineJustification: Sendable {
        /// Lines centred, written `\n`.
        case center
        /// Lines flush left, written `\l`.
        case left
        /// Lines flush right, written `\r`.
        case right

        /// The DOT escape that ends a line with this justification.
        var lineEnd: String {
            switch self {
            case .center: return "\\n"
            case .left: return "\\l"
            case .right: return "\\r"
            }
        }
    }

    /// `text` as a DOT quoted string for attributes that are not labels (colors, shapes,
    /// font names ...): quotes and backslashes escaped, newlines as `\n`.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in normalizedLines(text) {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(visible(scalar))
            }
        }
        out += "\""
        return out
    }

    /// `text` as a DOT quoted string for a tooltip (or URL): no backslash reaches Graphviz,
    /// `&` stays literal and newlines stay line breaks.
    public static func quotedTooltip(_ text: String) -> String {
        var out = "\""
        for scalar in normalizedLines(text) {
            switch scalar {
            // The DOT scanner turns `\"` into `"`, so this backslash never reaches the tooltip.
            case "\"": out += "\\\""
            case "\\": out += backslashLookalike
            case "&": out += "&amp;"
            case "\n": out += "&#10;"
            default: out.unicodeScalars.append(visible(scalar))
            }
        }
        out += "\""
        return out
    }

    /// Shown for a backslash in tooltip text (see the type's notes).
    static let backslashLookalike = "\u{29F5}"

    /// `text` as a DOT quoted string that Graphviz displays exactly as written, with each
    /// newline starting a new line justified as `justification` says.
    public static func quotedLabel(_ text: String, justification: LineJustification = .center) -> String {
        var out = "\""
        let scalars = normalizedLines(text)
        for scalar in scalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "&": out += "&amp;"
            case "\n": out += justification.lineEnd
            default: out.unicodeScalars.append(visible(scalar))
            }
        }
        // A left- or right-justified last line needs its own terminator; a trailing `\n`
        // would add an empty centred line instead.
        if justification != .center, let last = scalars.last, last != "\n" {
            out += justification.lineEnd
        }
        out += "\""
        return out
    }

    /// `text` as character data inside an HTML-like label; newlines become `<BR/>`.
    public static func htmlText(_ text: String) -> String {
        var out = ""
        for scalar in normalizedLines(text) {
            switch scalar {
            case "\n": out += "<BR/>"
            default: appendHTML(scalar, to: &out)
            }
        }
        return out
    }

    /// `text` as the value of an attribute inside an HTML-like label (without the quotes);
    /// a backslash is shown as in tooltips, which `TOOLTIP` and `HREF` become.
    public static func htmlAttributeValue(_ text: String) -> String {
        var out = ""
        for scalar in normalizedLines(text) {
            switch scalar {
            case "\n": out += "&#10;"
            case "\\": out += backslashLookalike
            default: appendHTML(scalar, to: &out)
            }
        }
        return out
    }

    /// `name` as a DOT attribute name: bare when it is a plain identifier, quoted otherwise.
    public static func attributeName(_ name: String) -> String {
        isPlainIdentifier(name) ? name : quoted(name)
    }

    /// True for `[A-Za-z_][A-Za-z0-9_]*` words that are not DOT keywords.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || isASCIILetter(first) else { return false }
        guard name.unicodeScalars.allSatisfy({ $0 == "_" || isASCIILetter($0) || ("0"..."9").contains($0) }) else {
            return false
        }
        return !["node", "edge", "graph", "digraph", "subgraph", "strict"].contains(name.lowercased())
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func appendHTML(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        // Graphviz's HTML-like label lexer rejects text that begins with `]` (`<TD>]</TD>`).
        case "]": out += "&#93;"
        case "\"": out += "&quot;"
        case "\\": out += "\\\\"
        default: out.unicodeScalars.append(visible(scalar))
        }
    }

    /// The scalars of `text` with `\r\n` and lone `\r` turned into `\n`.
    private static func normalizedLines(_ text: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            if scalar == "\n", previousWasCarriageReturn {
                previousWasCarriageReturn = false
                continue
            }
            previousWasCarriageReturn = scalar == "\r"
            scalars.append(scalar == "\r" ? "\n" : scalar)
        }
        return scalars
    }

    /// A scalar that may appear in DOT and in SVG/XML output: control characters become
    /// their Control Picture, XML's forbidden noncharacters the replacement character.
    private static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x00..<0x20:
            return Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"
        case 0x7F:
            return "\u{2421}"
        case 0xFFFE, 0xFFFF:
            return "\u{FFFD}"
        default:
            return scalar
        }
    }
}
