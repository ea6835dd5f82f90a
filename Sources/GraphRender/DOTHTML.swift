/// An HTML-like label (Graphviz's subset of HTML): text, line breaks, font styles and tables.
/// All text and attribute values are escaped when written.
public indirect enum DOTHTML: Equatable, Sendable {
    /// Text shown as given; newlines become line breaks.
    case text(String)
    /// `<BR/>`.
    case lineBreak
    /// `<B>...</B>`.
    case bold(DOTHTML)
    /// `<I>...</I>`.
    case italic(DOTHTML)
    /// `<U>...</U>`.
    case underline(DOTHTML)
    /// `<FONT COLOR=... POINT-SIZE=... FACE=...>...</FONT>`.
    case font(DOTHTMLAttributes, DOTHTML)
    /// Pieces written one after another.
    case sequence([DOTHTML])
    /// `<TABLE>` with rows of cells.
    case table(DOTHTMLTable)

    /// The label's markup, without the enclosing `<` `>` of the DOT attribute.
    public var dotText: String {
        switch self {
        case .text(let text): return DOTEscaping.htmlText(text)
        case .lineBreak: return "<BR/>"
        case .bold(let inner): return "<B>\(inner.dotText)</B>"
        case .italic(let inner): return "<I>\(inner.dotText)</I>"
        case .underline(let inner): return "<U>\(inner.dotText)</U>"
        case .font(let attributes, let inner):
            return "<FONT\(attributes.dotText)>\(inner.dotText)</FONT>"
        case .sequence(let parts): return parts.map(\.dotText).joined()
        case .table(let table): return table.dotText
        }
    }
}

/// Attributes of an HTML-like element, e.g. `["BORDER": "0", "BGCOLOR": "#eeeeee"]`.
/// Written sorted by name; names keep only the characters an attribute name may have.
public struct DOTHTMLAttributes: Equatable, Sendable, ExpressibleByDictionaryLiteral {
    /// The attributes by name.
    public var values: [String: String]

    /// Creates attributes from name/value pairs; a repeated name keeps the last value.
    public init(dictionaryLiteral elements: (String, String)...) {
        values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    /// Creates attributes from a dictionary.
    public init(_ values: [String: String]) {
        self.values = values
    }

    /// ` NAME="value" ...` with a leading space per attribute, or "" when empty.
    var dotText: String {
        values.keys.sorted().compactMap { key -> String? in
            let name = String(key.unicodeScalars.filter { scalar in
                scalar == "-" || scalar == "_" || ("A"..."Z").contains(scalar)
                    || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            })
            guard !name.isEmpty, let value = values[key] else { return nil }
            return " \(name)=\"\(DOTEscaping.htmlAttributeValue(value))\""
        }.joined()
    }
}

/// A `<TABLE>` of an HTML-like label.
public struct DOTHTMLTable: Equatable, Sendable {
    /// `<TABLE>` attributes such as `BORDER`, `CELLBORDER`, `CELLSPACING`.
    public var attributes: DOTHTMLAttributes
    /// Rows of cells, top to bottom.
    public var rows: [[DOTHTMLCell]]

    /// Creates a table.
    public init(attributes: DOTHTMLAttributes = [:], rows: [[DOTHTMLCell]]) {
        self.attributes = attributes
        self.rows = rows
    }

    var dotText: String {
        let body = rows.map { row in "<TR>" + row.map(\.dotText).joined() + "</TR>" }.joined()
        return "<TABLE\(attributes.dotText)>\(body)</TABLE>"
    }
}

/// A `<TD>` cell: text (or a nested table) with attributes such as `PORT`, `COLSPAN`, `ALIGN`.
public struct DOTHTMLCell: Equatable, Sendable {
    /// `<TD>` attributes.
    public var attributes: DOTHTMLAttributes
    /// What the cell shows.
    public var content: DOTHTML

    /// Creates a cell.
    public init(_ content: DOTHTML, attributes: DOTHTMLAttributes = [:]) {
        self.attributes = attributes
        self.content = content
    }

    /// A cell showing `text`.
    public static func text(_ text: String, attributes: DOTHTMLAttributes = [:]) -> DOTHTMLCell {
        DOTHTMLCell(.text(text), attributes: attributes)
    }

    var dotText: String {
        "<TD\(attributes.dotText)>\(content.dotText)</TD>"
    }
}
