import Testing
@testable import GraphRender

/// Text and how each escaping function must write it.
struct EscapingCase: Sendable, CustomTestStringConvertible {
    let text: String
    let quoted: String
    let label: String
    let html: String
    var testDescription: String { text.debugDescription }
}

let escapingCases = [
    EscapingCase(text: "plain", quoted: #""plain""#, label: #""plain""#, html: "plain"),
    EscapingCase(text: #"say "hi""#, quoted: #""say \"hi\"""#, label: #""say \"hi\"""#, html: "say &quot;hi&quot;"),
    EscapingCase(text: #"back\slash\"#, quoted: #""back\\slash\\""#, label: #""back\\slash\\""#, html: #"back\\slash\\"#),
    EscapingCase(text: #"\N \G \n \l"#, quoted: #""\\N \\G \\n \\l""#, label: #""\\N \\G \\n \\l""#, html: #"\\N \\G \\n \\l"#),
    EscapingCase(text: "a < b > c & d", quoted: #""a < b > c & d""#, label: #""a < b > c &amp; d""#,
                 html: "a &lt; b &gt; c &amp; d"),
    EscapingCase(text: "&amp; &#92;", quoted: #""&amp; &#92;""#, label: #""&amp;amp; &amp;#92;""#,
                 html: "&amp;amp; &amp;#92;"),
    EscapingCase(text: "one\ntwo\r\nthree\rfour", quoted: #""one\ntwo\nthree\nfour""#,
                 label: #""one\ntwo\nthree\nfour""#, html: "one<BR/>two<BR/>three<BR/>four"),
    EscapingCase(text: "tab\there\u{01}\u{1F}\u{7F}\u{0}", quoted: "\"tab\u{2409}here\u{2401}\u{241F}\u{2421}\u{2400}\"",
                 label: "\"tab\u{2409}here\u{2401}\u{241F}\u{2421}\u{2400}\"", html: "tab\u{2409}here\u{2401}\u{241F}\u{2421}\u{2400}"),
    EscapingCase(text: "ünï ✓ 😀 中文 e\u{301}", quoted: "\"ünï ✓ 😀 中文 e\u{301}\"", label: "\"ünï ✓ 😀 中文 e\u{301}\"",
                 html: "ünï ✓ 😀 中文 e\u{301}"),
    EscapingCase(text: "\u{FFFF}", quoted: "\"\u{FFFD}\"", label: "\"\u{FFFD}\"", html: "\u{FFFD}"),
    EscapingCase(text: "", quoted: #""""#, label: #""""#, html: ""),
    EscapingCase(text: "{ } [ ] ; , = -> --", quoted: #""{ } [ ] ; , = -> --""#, label: #""{ } [ ] ; , = -> --""#,
                 html: "{ } [ &#93; ; , = -&gt; --"),
    EscapingCase(text: "]", quoted: #""]""#, label: #""]""#, html: "&#93;"),
]

@Test(arguments: escapingCases)
func escapesText(_ item: EscapingCase) {
    #expect(DOTEscaping.quoted(item.text) == item.quoted)
    #expect(DOTEscaping.quotedLabel(item.text) == item.label)
    #expect(DOTEscaping.htmlText(item.text) == item.html)
}

@Test func justifiedLabelsEndEveryLine() {
    #expect(DOTEscaping.quotedLabel("a\nb", justification: .left) == #""a\lb\l""#)
    #expect(DOTEscaping.quotedLabel("a\nb\n", justification: .right) == #""a\rb\r""#)
    #expect(DOTEscaping.quotedLabel("a\r", justification: .left) == #""a\l""#)
    #expect(DOTEscaping.quotedLabel("", justification: .left) == #""""#)
}

@Test func htmlAttributeValuesAreEscaped() {
    #expect(DOTEscaping.htmlAttributeValue("a \"b\" <c> & d\ne") == "a &quot;b&quot; &lt;c&gt; &amp; d&#10;e")
    let attributes: DOTHTMLAttributes = ["TOOLTIP": "x\"y", "BAD NAME<>": "1"]
    #expect(attributes.dotText == #" BADNAME="1" TOOLTIP="x&quot;y""#)
}

@Test func attributeNamesAreBareOnlyWhenPlain() {
    #expect(DOTEscaping.attributeName("label") == "label")
    #expect(DOTEscaping.attributeName("_x1") == "_x1")
    #expect(DOTEscaping.attributeName("1x") == #""1x""#)
    #expect(DOTEscaping.attributeName("Node") == #""Node""#)
    #expect(DOTEscaping.attributeName("a b") == #""a b""#)
}

@Test func tooltipsKeepBackslashesAwayFromGraphviz() {
    #expect(DOTEscaping.quotedTooltip(#"say "hi" & bye"#) == #""say \"hi\" &amp; bye""#)
    #expect(DOTEscaping.quotedTooltip("one\ntwo\r\nthree") == #""one&#10;two&#10;three""#)
    #expect(DOTEscaping.quotedTooltip(#"\`\"#) == "\"\u{29F5}`\u{29F5}\"")
    #expect(DOTEscaping.htmlAttributeValue(#"a\b"#) == "a\u{29F5}b")
    // Whatever the text, the only backslashes written are those escaping a quote.
    for item in escapingCases {
        let written = Array(DOTEscaping.quotedTooltip(item.text).unicodeScalars)
        let stray = written.indices.contains { written[$0] == "\\" && ($0 + 1 == written.count || written[$0 + 1] != "\"") }
        #expect(!stray, "\(item.text.debugDescription)")
    }
}

@Test func tooltipTextReachesTheSVG() throws {
    let dot = "digraph G { a [tooltip=\(DOTEscaping.quotedTooltip("x & \"y\"\nz\\w"))]; }"
    let svg = String(decoding: try GraphvizRenderer.render(dot: dot, format: .svg), as: UTF8.self)
    #expect(svg.contains("xlink:title=\"x &amp; &quot;y&quot;&#10;z\u{29F5}w\""), "\(svg)")
}
