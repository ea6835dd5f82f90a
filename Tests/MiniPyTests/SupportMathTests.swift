import Testing
@testable import MiniPy

/// Runs a math function by name the way the `math` module would dispatch it.
func mathUnary(_ name: String, _ x: Double) throws -> String {
    switch name {
    case "sqrt": return pythonFloatRepr(try PythonMath.sqrt(x))
    case "exp": return pythonFloatRepr(try PythonMath.exp(x))
    case "log": return pythonFloatRepr(try PythonMath.log(x))
    case "log2": return pythonFloatRepr(try PythonMath.log2(x))
    case "log10": return pythonFloatRepr(try PythonMath.log10(x))
    case "cos": return pythonFloatRepr(try PythonMath.cos(x))
    case "sin": return pythonFloatRepr(try PythonMath.sin(x))
    case "tan": return pythonFloatRepr(try PythonMath.tan(x))
    case "tanh": return pythonFloatRepr(try PythonMath.tanh(x))
    case "atan": return pythonFloatRepr(try PythonMath.atan(x))
    case "floor": return String(try PythonMath.floor(x))
    case "ceil": return String(try PythonMath.ceil(x))
    case "trunc": return String(try PythonMath.trunc(x))
    default: return "unknown \(name)"
    }
}

func mathBinary(_ name: String, _ a: Double, _ b: Double) throws -> String {
    switch name {
    case "pow": return pythonFloatRepr(try PythonMath.pow(a, b))
    case "log": return pythonFloatRepr(try PythonMath.log(a, base: b))
    case "atan2": return pythonFloatRepr(PythonMath.atan2(a, b))
    case "mod": return pythonFloatRepr(try PythonMath.floatModulo(a, b))
    case "floordiv": return pythonFloatRepr(try PythonMath.floatFloorDivide(a, b))
    case "round": return pythonFloatRepr(try PythonMath.round(a, digits: Int(b)))
    default: return "unknown \(name)"
    }
}

@Test func mathUnaryFunctionsMatchCPython() {
    for (name, x, expected) in mathUnaryCases {
        #expect(outcome { try mathUnary(name, x) } == expected, "math.\(name)(\(pythonFloatRepr(x)))")
    }
}

@Test func mathBinaryFunctionsMatchCPython() {
    for (name, a, b, expected) in mathBinaryCases {
        #expect(outcome { try mathBinary(name, a, b) } == expected,
                "\(name)(\(pythonFloatRepr(a)), \(pythonFloatRepr(b)))")
    }
}

@Test func fsumMatchesCPython() {
    for (values, expected) in fsumCases {
        #expect(outcome { pythonFloatRepr(try PythonMath.fsum(values)) } == expected, "fsum(\(values))")
    }
}

@Test func iscloseMatchesCPython() {
    for (a, b, rel, abs, expected) in iscloseCases {
        let text = outcome { try PythonMath.isclose(a, b, relTol: rel, absTol: abs) ? "True" : "False" }
        #expect(text == expected, "isclose(\(a), \(b), \(rel), \(abs))")
    }
}

@Test func roundToIntIsHalfEven() {
    #expect(outcome { String(try PythonMath.round(2.5)) } == "2")
    #expect(outcome { String(try PythonMath.round(-3.5)) } == "-4")
    #expect(outcome { String(try PythonMath.round(Double.nan)) } == "ValueError: cannot convert float NaN to integer")
    #expect(outcome { String(try PythonMath.round(Double.infinity)) }
            == "OverflowError: cannot convert float infinity to integer")
}

@Test func floorBeyondSixtyFourBitsIsAnOverflow() {
    // MiniPy's ints are 64-bit; CPython would return a big int here.
    #expect(outcome { String(try PythonMath.floor(1e20)) }
            == "OverflowError: int too large to convert to a 64-bit integer")
}
