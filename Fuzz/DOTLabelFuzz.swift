// libFuzzer target: text escaped for DOT always parses in libgvc and renders.
import GraphRender

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDOTLabel(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let dot = """
        digraph G {
          a [label=\(DOTEscaping.quotedLabel(text)), tooltip=\(DOTEscaping.quotedTooltip(text)), URL=\(DOTEscaping.quotedTooltip(text))];
          b [label=<<TABLE><TR><TD TOOLTIP="\(DOTEscaping.htmlAttributeValue(text))" HREF="\(DOTEscaping.htmlAttributeValue(text))">\(DOTEscaping.htmlText(text))</TD></TR></TABLE>>];
          \(DOTEscaping.quoted(text)) -> a [label=\(DOTEscaping.quotedLabel(text, justification: .left))];
        }
        """
    do {
        _ = try GraphvizRenderer.render(dot: dot, format: .svg)
    } catch {
        fatalError("escaped text did not render: \(error)\n\(dot)")
    }
    return 0
}
