// How `torch.save` records the Python structure around the tensors it stores.
//
// The checkpoint is a safetensors file; its metadata key `gradstep.structure` holds a small
// JSON tree: `{"t": name}` for a tensor entry, `{"d": [[key, value] ...]}` for a dict,
// `{"l": [...]}` / `{"u": [...]}` for lists and tuples, `{"i": 3}`, `{"f": "0.1"}`,
// `{"s": "text"}`, `{"b": true}` and `null` for plain values.

/// A parsed JSON value (only what the structure uses).
indirect enum StructureJSON: Equatable {
    case object([(String, StructureJSON)])
    case array([StructureJSON])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    static func == (a: StructureJSON, b: StructureJSON) -> Bool {
        a.text == b.text
    }

    /// The compact JSON text.
    var text: String {
        switch self {
        case .object(let pairs):
            return "{" + pairs.map { Self.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .string(let s): return Self.quote(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    /// The member `key` of an object.
    subscript(_ key: String) -> StructureJSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// A strict parser for the structure text (written by `StructureJSON.text`).
struct StructureParser {
    struct Failure: Error {}
    private let scalars: [Unicode.Scalar]
    private var i = 0
    private var depth = 0
    /// Deeper nesting than any saved structure has means a damaged file.
    private static let maxDepth = 256

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// Parses one whole document.
    static func parse(_ text: String) throws -> StructureJSON {
        var p = StructureParser(text)
        let v = try p.value()
        p.skipSpace()
        guard p.i == p.scalars.count else { throw Failure() }
        return v
    }

    private mutating func skipSpace() {
        while i < scalars.count, scalars[i] == " " || scalars[i] == "\n" || scalars[i] == "\t" || scalars[i] == "\r" { i += 1 }
    }

    private mutating func expect(_ c: Unicode.Scalar) throws {
        skipSpace()
        guard i < scalars.count, scalars[i] == c else { throw Failure() }
        i += 1
    }

    private mutating func value() throws -> StructureJSON {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw Failure() }
        skipSpace()
        guard i < scalars.count else { throw Failure() }
        switch scalars[i] {
        case "{":
            i += 1
            var pairs: [(String, StructureJSON)] = []
            skipSpace()
            if i < scalars.count, scalars[i] == "}" { i += 1; return .object(pairs) }
            while true {
                skipSpace()
                let key = try string()
                try expect(":")
                pairs.append((key, try value()))
                skipSpace()
                guard i < scalars.count else { throw Failure() }
                if scalars[i] == "," { i += 1; continue }
                if scalars[i] == "}" { i += 1; return .object(pairs) }
                throw Failure()
            }
        case "[":
            i += 1
            var items: [StructureJSON] = []
            skipSpace()
            if i < scalars.count, scalars[i] == "]" { i += 1; return .array(items) }
            while true {
                items.append(try value())
                skipSpace()
                guard i < scalars.count else { throw Failure() }
                if scalars[i] == "," { i += 1; continue }
                if scalars[i] == "]" { i += 1; return .array(items) }
                throw Failure()
            }
        case "\"": return .string(try string())
        case "t": try word("true"); return .bool(true)
        case "f": try word("false"); return .bool(false)
        case "n": try word("null"); return .null
        default:
            var text = ""
            while i < scalars.count, "-+.eE0123456789".unicodeScalars.contains(scalars[i]) {
                text.unicodeScalars.append(scalars[i])
                i += 1
            }
            guard !text.isEmpty else { throw Failure() }
            return .number(text)
        }
    }

    private mutating func word(_ w: String) throws {
        for c in w.unicodeScalars { try expect(c) }
    }

    private mutating func string() throws -> String {
        guard i < scalars.count, scalars[i] == "\"" else { throw Failure() }
        i += 1
        var out = ""
        while i < scalars.count {
            let c = scalars[i]
            i += 1
            if c == "\"" { return out }
            guard c == "\\" else { out.unicodeScalars.append(c); continue }
            guard i < scalars.count else { throw Failure() }
            let e = scalars[i]
            i += 1
            switch e {
            case "n": out += "\n"
            case "t": out += "\t"
            case "r": out += "\r"
            case "u":
                guard i + 4 <= scalars.count,
                      let code = UInt32(String(String.UnicodeScalarView(scalars[i..<(i + 4)])), radix: 16),
                      let u = Unicode.Scalar(code) else { throw Failure() }
                out.unicodeScalars.append(u)
                i += 4
            default: out.unicodeScalars.append(e)
            }
        }
        throw Failure()
    }
}
