import Foundation
import Testing
@testable import GraphRender

/// The text of every `<text>` element of an SVG, with XML entities decoded.
func svgTexts(_ svg: String) -> [String] {
    var texts: [String] = []
    var rest = svg[...]
    while let open = rest.range(of: "<text"), let close = rest[open.upperBound...].range(of: "</text>") {
        let element = rest[open.upperBound..<close.lowerBound]
        if let start = element.firstIndex(of: ">") {
            texts.append(decodeXMLEntities(String(element[element.index(after: start)...])))
        }
        rest = rest[close.upperBound...]
    }
    return texts
}

func decodeXMLEntities(_ text: String) -> String {
    var out = ""
    var rest = text[...]
    while let amp = rest.firstIndex(of: "&") {
        out += rest[..<amp]
        guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
        let name = rest[rest.index(after: amp)..<semicolon]
        switch name {
        case "amp": out += "&"
        case "lt": out += "<"
        case "gt": out += ">"
        case "quot": out += "\""
        case "apos": out += "'"
        default:
            if name.hasPrefix("#x"), let code = UInt32(name.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) {
                out.unicodeScalars.append(scalar)
            } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                out.unicodeScalars.append(scalar)
            } else {
                out += rest[amp...semicolon]
            }
        }
        rest = rest[rest.index(after: semicolon)...]
    }
    return out + rest
}

func renderSVG(_ graph: DOTGraph) throws -> String {
    String(decoding: try GraphvizRenderer.render(dot: graph.dotText, format: .svg), as: UTF8.self)
}

@Test func svgContainsNodeLabels() throws {
    let svg = try renderSVG(sampleGraph())
    #expect(svg.hasPrefix("<?xml"))
    let texts = svgTexts(svg)
    for expected in ["loss", "()", "MseLossBackward0", "target", "weight", "(3, 2)", "model.parameters()"] {
        #expect(texts.contains(expected), "missing \(expected) in \(texts)")
    }
}

@Test func pngHasSignatureAndSaneDimensions() throws {
    let png = try GraphvizRenderer.render(dot: sampleGraph().dotText, format: .png)
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    try #require(png.count > 24)
    #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
    let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
    let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
    #expect((50...5000).contains(width), "width \(width)")
    #expect((50...5000).contains(height), "height \(height)")
}

@Test func renderingIsDeterministic() throws {
    let dot = sampleGraph().dotText
    let first = try GraphvizRenderer.render(dot: dot, format: .svg)
    let second = try GraphvizRenderer.render(dot: dot, format: .svg)
    #expect(first == second)
    #expect(try GraphvizRenderer.render(dot: dot, format: .png) == GraphvizRenderer.render(dot: dot, format: .png))
}

/// Broken DOT and the message libgvc gives for it.
let brokenDOT: [(dot: String, message: String)] = [
    ("digraph { a -> ; }", "Graphviz could not read the DOT text: syntax error in line 1 near ';'"),
    ("digraph {\n a [label=\"x\"\n b -> }", "Graphviz could not read the DOT text: syntax error in line 3 near '->'"),
    ("digraph { a [label=<<B>x</I>>] }",
     "Graphviz could not read the DOT text: mismatched tag in line 1 ... x</I> ... in label of node a"),
    ("digraph { a [label=<x & y>] }",
     "Graphviz could not read the DOT text: not well-formed (invalid token) in line 1 ... <HTML>x & y ... in label of node a"),
    ("", "Graphviz could not read the DOT text: no graph found in the DOT text"),
    ("digraph { a\u{0} }", "Graphviz could not read the DOT text: DOT text contains a NUL character"),
]

@Test(arguments: brokenDOT.indices)
func brokenDOTThrowsLibgvcMessage(_ index: Int) {
    let (dot, message) = brokenDOT[index]
    do {
        _ = try GraphvizRenderer.render(dot: dot, format: .svg)
        Issue.record("rendered broken DOT \(dot.debugDescription)")
    } catch {
        #expect(error.description == message)
    }
}

@Test func eachRenderReadsOnlyItsOwnText() throws {
    // A failed parse, and text after the first graph, must not leak into the next render.
    #expect(throws: GraphRenderError.self) { try GraphvizRenderer.render(dot: "digraph { -> }", format: .svg) }
    #expect(svgTexts(try renderSVG(sampleGraph())).contains("weight"))
    for dot in ["digraph A { first } digraph B { second }", "digraph A { first } digraph", "digraph A { first } junk",
                "digraph A { first }\ndigraph B { second }"] {
        let svg = String(decoding: try GraphvizRenderer.render(dot: dot, format: .svg), as: UTF8.self)
        #expect(svgTexts(svg) == ["first"])
        let next = String(decoding: try GraphvizRenderer.render(dot: "digraph C { third }", format: .svg), as: UTF8.self)
        #expect(svgTexts(next) == ["third"])
    }
    // Line numbers in messages count from this text's first line.
    do {
        _ = try GraphvizRenderer.render(dot: "digraph {\n\n a -> ;\n}\n", format: .svg)
        Issue.record("rendered broken DOT")
    } catch {
        #expect(error.description == "Graphviz could not read the DOT text: syntax error in line 3 near ';'")
    }
}

/// Strings that stress every escaping layer at once.
let awkwardTexts = [
    #"say "hi""#, #"back\slash\"#, #"\N \G \E \T \H \L \n \l \r \\"#, "a < b > c & d", "&amp; &#92; &lt;",
    "one\ntwo", "tab\there \u{01}\u{7F}", "ünï ✓ 😀 中文", "{ } [ ] ; , = -> -- <<>>", "trailing \\",
    "\"", "\\\"", "<B>not bold</B>", "]]>", "'single'",
]

@Test func escapedTextParsesAndDisplaysExactly() throws {
    var graph = DOTGraph()
    for (index, text) in awkwardTexts.enumerated() {
        graph.addNode("plain \(index) \(text)", ["label": .label(text)])
        graph.addNode("html \(index)", ["label": .html(.table(DOTHTMLTable(rows: [[.text(text, attributes: ["TOOLTIP": text])]])))])
        graph.addEdge(from: "plain \(index) \(text)", to: "html \(index)", ["label": .label(text), "tooltip": .string(text)])
    }
    let texts = svgTexts(try renderSVG(graph))
    for text in awkwardTexts {
        // What Graphviz shows: each line separately, control characters as their pictures.
        let shown = DOTEscaping.htmlText(text).contains("\u{2409}") ? text.replacingOccurrences(of: "\t", with: "\u{2409}")
            .replacingOccurrences(of: "\u{01}", with: "\u{2401}").replacingOccurrences(of: "\u{7F}", with: "\u{2421}") : text
        for line in shown.split(separator: "\n") {
            // Node label, HTML label and edge label.
            #expect(texts.filter { $0 == line }.count == 3, "\(line.debugDescription) in \(texts)")
        }
    }
}

@Test func concurrentRendersAreSerialisedAndAgree() async throws {
    let dot = sampleGraph().dotText
    let expected = try GraphvizRenderer.render(dot: dot, format: .svg)
    let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
        for index in 0..<8 {
            group.addTask {
                // Interleave failures with successes so error capture is exercised too.
                if index % 2 == 0 { _ = try? GraphvizRenderer.render(dot: "digraph { ; -> }", format: .svg) }
                return try GraphvizRenderer.render(dot: dot, format: .svg)
            }
        }
        var collected: [[UInt8]] = []
        for try await result in group { collected.append(result) }
        return collected
    }
    #expect(results.count == 8)
    #expect(results.allSatisfy { $0 == expected })
}

@Test func pngAndSvgPluginsAreAvailable() {
    let formats = GraphvizRenderer.availableFormats()
    #expect(formats.contains("png"))
    #expect(formats.contains("svg"))
}

@Test func writesImageFilesAtomically() throws {
    let folder = NSTemporaryDirectory() + "/graph-render-tests-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/graph.svg"
    try GraphvizRenderer.render(dot: sampleGraph().dotText, format: .svg, toPath: path)
    let written = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(written == (try GraphvizRenderer.render(dot: sampleGraph().dotText, format: .svg)))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["graph.svg"])

    // Missing folders are created.
    let nested = folder + "/new/folder/graph.png"
    try GraphvizRenderer.render(dot: sampleGraph().dotText, format: .png, toPath: nested)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/new/folder") == ["graph.png"])

    // A folder that cannot exist (a file is in the way) fails with the reason, writing nothing.
    let blocked = folder + "/graph.svg/inside/graph.png"
    do {
        try GraphvizRenderer.render(dot: sampleGraph().dotText, format: .png, toPath: blocked)
        Issue.record("wrote below a regular file")
    } catch {
        #expect(error.description.hasPrefix("cannot write \(blocked): "), "\(error)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["graph.svg", "new"])

    // A render that fails leaves no file behind.
    let failed = folder + "/broken.png"
    #expect(throws: GraphRenderError.self) {
        try GraphvizRenderer.render(dot: "digraph { a -> ; }", format: .png, toPath: failed)
    }
    #expect(!FileManager.default.fileExists(atPath: failed))
}

@Test func everyKindOfHTMLLabelParses() throws {
    let nested = DOTHTMLTable(attributes: ["BORDER": "1"], rows: [[.text("inner")]])
    let label = DOTHTML.table(DOTHTMLTable(
        attributes: ["BORDER": "0", "CELLSPACING": "0", "CELLPADDING": "4", "BGCOLOR": "#f8f8f8"],
        rows: [
            [DOTHTMLCell(.bold(.text("Bold & <b>")), attributes: ["COLSPAN": "2", "PORT": "top"])],
            [DOTHTMLCell(.italic(.text("italic"))), DOTHTMLCell(.underline(.text("under")))],
            [DOTHTMLCell(.font(["COLOR": "red", "POINT-SIZE": "9", "FACE": "Helvetica"], .text("small"))),
             DOTHTMLCell(.sequence([.text("first"), .lineBreak, .text("second")]), attributes: ["ALIGN": "LEFT"])],
            [DOTHTMLCell(.table(nested), attributes: ["COLSPAN": "2"])],
        ]))
    var graph = DOTGraph()
    graph.body.nodeDefaults = ["shape": "plaintext"]
    graph.addNode("t", ["label": .html(label)])
    graph.addNode("plain", ["label": .html(.sequence([.text("a"), .lineBreak, .bold(.text("b"))]))])
    graph.addEdge(from: "t", to: "plain", fromPort: "top")
    let texts = svgTexts(try renderSVG(graph))
    for expected in ["Bold & <b>", "italic", "under", "small", "first", "second", "inner", "a", "b"] {
        #expect(texts.contains(expected), "missing \(expected) in \(texts)")
    }
}

@Test func justifiedLabelsRenderEveryLine() throws {
    var graph = DOTGraph()
    graph.addNode("l", ["label": .label("left\nlonger line", .left), "shape": "box"])
    graph.addNode("r", ["label": .label("right\\\nx\n", .right), "shape": "box"])
    let svg = try renderSVG(graph)
    #expect(svgTexts(svg) == ["left", "longer line", "right\\", "x"])
    #expect(svg.contains("text-anchor=\"start\""))
    #expect(svg.contains("text-anchor=\"end\""))
}
