// libFuzzer target: the MiniPy scanner and parser on arbitrary bytes.
// Any input must parse or raise SyntaxErrorInfo; a trap or sanitizer report is a bug.
import MiniPy

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? PythonParser.parse(source: source, file: "<fuzz>")
    _ = try? PythonParser.parseExpression(source)
    _ = PythonParser.needsMoreInput(source)
    return 0
}
