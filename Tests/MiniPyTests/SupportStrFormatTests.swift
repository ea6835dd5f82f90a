import Testing
@testable import MiniPy

/// A tiny stand-in for interpreter values, enough to drive `StrFormatter`.
indirect enum ToyValue: Sendable {
    case int(Int)
    case float(Double)
    case str(String)
    case list([ToyValue])
    case dict([(String, ToyValue)])

    var argument: FormatArgument {
        switch self {
        case .int(let n): return .int(n)
        case .float(let x): return .float(x)
        case .str(let s): return .string(s)
        case .list, .dict: return .object(typeName: "list", str: { "[...]" }, repr: { "[...]" })
        }
    }

    static func formatter(_ args: [ToyValue], _ kwargs: [(String, ToyValue)]) -> StrFormatter<ToyValue> {
        StrFormatter(
            positionalCount: args.count,
            positional: { args[$0] },
            keyword: { name in
                guard let found = kwargs.first(where: { $0.0 == name }) else {
                    throw SupportError(.keyError, pythonStringRepr(name))
                }
                return found.1
            },
            attribute: { _, name in throw SupportError(.typeError, "no attribute \(name)") },
            item: { value, key in
                switch (value, key) {
                case (.list(let items), .index(let i)):
                    guard i < items.count else { throw SupportError(.indexError, "list index out of range") }
                    return items[i]
                case (.dict(let pairs), .key(let k)):
                    guard let found = pairs.first(where: { $0.0 == k }) else {
                        throw SupportError(.keyError, pythonStringRepr(k))
                    }
                    return found.1
                default:
                    throw SupportError(.typeError, "unsupported item")
                }
            },
            convert: { value, conversion in
                let arg = value.argument
                switch conversion {
                case "r": return .str(try arg.repr())
                case "a": return .str(pythonAsciiEscape(try arg.repr()))
                default: return .str(try arg.str())
                }
            },
            format: { value, spec in try pythonFormat(value.argument, spec: spec) })
    }
}

@Test func strFormatMatchesCPython() {
    for (template, args, kwargs, expected) in strFormatCases {
        let formatter = ToyValue.formatter(args, kwargs)
        #expect(outcome { try formatter.render(template) } == expected, "\(pythonStringRepr(template))")
    }
}
