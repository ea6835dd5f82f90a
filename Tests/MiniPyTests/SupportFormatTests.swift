import Testing
@testable import MiniPy

/// The outcome text of a throwing formatter: the result, or `Kind: message`.
func outcome(_ body: () throws -> String) -> String {
    do {
        return try body()
    } catch let error as SupportError {
        return error.description
    } catch let error as NamedPythonError {
        return error.description
    } catch {
        return "unexpected \(error)"
    }
}

@Test func floatReprMatchesCPython() {
    for (bits, expected) in floatReprTable {
        let value = Double(bitPattern: bits)
        #expect(pythonFloatRepr(value) == expected, "bits \(String(bits, radix: 16))")
    }
}

@Test func intFormatSpecsMatchCPython() {
    for (value, spec, expected) in intFormatTable {
        #expect(outcome { try FormatSpec.format(value, spec: spec) } == expected, "format(\(value), '\(spec)')")
    }
}

@Test func floatFormatSpecsMatchCPython() {
    for (bits, spec, expected) in floatFormatTable {
        let value = Double(bitPattern: bits)
        #expect(outcome { try FormatSpec.format(value, spec: spec) } == expected,
                "format(\(pythonFloatRepr(value)), '\(spec)')")
    }
}

@Test func stringFormatSpecsMatchCPython() {
    for (value, spec, expected) in stringFormatTable {
        #expect(outcome { try FormatSpec.format(value, spec: spec) } == expected, "format('\(value)', '\(spec)')")
    }
}
