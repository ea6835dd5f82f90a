import Testing
@testable import MiniPy

/// Python's repr of a decoded document, to compare with what CPython printed.
func pythonRepr(_ value: JSONValue) -> String {
    switch value {
    case .null: return "None"
    case .bool(let b): return b ? "True" : "False"
    case .int(let n): return String(n)
    case .float(let x): return pythonFloatRepr(x)
    case .string(let s): return pythonStringRepr(s)
    case .array(let items): return "[" + items.map(pythonRepr).joined(separator: ", ") + "]"
    case .object(let entries):
        return "{" + entries.map { pythonStringRepr($0.key.text) + ": " + pythonRepr($0.value) }
            .joined(separator: ", ") + "}"
    }
}

func asciiOff() -> PythonJSONOptions {
    var options = PythonJSONOptions()
    options.ensureASCII = false
    return options
}

func nanOff() -> PythonJSONOptions {
    var options = PythonJSONOptions()
    options.allowNaN = false
    return options
}

func compact() -> PythonJSONOptions {
    var options = PythonJSONOptions()
    options.separators = (",", ":")
    return options
}

@Test func jsonLoadsMatchesCPython() {
    for (text, expected) in jsonLoadsCases {
        let result: String
        do {
            result = pythonRepr(try pythonJSONDecode(text))
        } catch let failure as JSONDecodeFailure {
            result = "JSONDecodeError: \(failure)"
        } catch let error as SupportError {
            result = error.description
        } catch {
            result = "unexpected \(error)"
        }
        #expect(result == expected, "json.loads(\(pythonStringRepr(text)))")
    }
}

@Test func jsonDumpsMatchesCPython() {
    for (value, options, expected) in jsonDumpsCases {
        #expect(outcome { try pythonJSONEncode(value, options: options) } == expected, "\(value)")
    }
}
