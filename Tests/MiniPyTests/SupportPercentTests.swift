import Testing
@testable import MiniPy

/// A dict argument: formats as `shown` with `%s`, and looks keys up in `pairs`.
func dictArgument(_ shown: String, _ pairs: [(String, FormatArgument)]) -> PercentArguments {
    let value = FormatArgument.object(typeName: "dict", str: { shown }, repr: { shown })
    return .mapping(value) { key in
        guard let found = pairs.first(where: { $0.0 == key }) else {
            throw SupportError(.keyError, pythonStringRepr(key))
        }
        return found.1
    }
}

@Test func percentFormattingMatchesCPython() {
    for (format, args, expected) in percentCases() {
        #expect(outcome { try pythonPercentFormat(format, args) } == expected, "\(pythonStringRepr(format))")
    }
}

@Test func listIsAMappingForPercent() throws {
    // CPython treats any non-tuple with __getitem__ as a mapping: 'abc' % [] is 'abc'.
    let list = FormatArgument.object(typeName: "list", str: { "[]" }, repr: { "[]" })
    let args = PercentArguments.mapping(list) { _ in throw SupportError(.typeError, "list indices must be integers or slices, not str") }
    #expect(try pythonPercentFormat("abc", args) == "abc")
    #expect(try pythonPercentFormat("%s!", args) == "[]!")
}

@Test func stringReprMatchesCPython() {
    #expect(pythonStringRepr("it's") == "\"it's\"")
    #expect(pythonStringRepr("a\"b'c") == "'a\"b\\'c'")
    #expect(pythonStringRepr("tab\there\n\u{7}") == "'tab\\there\\n\\x07'")
    #expect(pythonStringRepr("héllo \u{200B}") == "'héllo \\u200b'")
    #expect(pythonAsciiEscape(pythonStringRepr("héllo 😀")) == "'h\\xe9llo \\U0001f600'")
}

@Test func objectFormatFollowsObjectDunderFormat() {
    let object = FormatArgument.object(typeName: "Point", str: { "P(1)" }, repr: { "Point(1)" })
    #expect(outcome { try pythonFormat(object, spec: "") } == "P(1)")
    #expect(outcome { try pythonFormat(object, spec: ">5") }
            == "TypeError: unsupported format string passed to Point.__format__")
    #expect(outcome { try pythonFormat(.bool(true), spec: "") } == "True")
    #expect(outcome { try pythonFormat(.bool(true), spec: ">5") } == "    1")
}
