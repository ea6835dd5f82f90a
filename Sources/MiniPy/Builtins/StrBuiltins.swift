// `str` and its methods. Indices count code points, as in Python.

enum StrBuiltins {
    static func construct(_ interp: Interpreter, _ cls: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        if args.count == 1 && kwargs.isEmpty {
            if case .int(let i) = args[0] { return .str(String(i)) }
            return .str(try interp.str(args[0]))
        }
        let a = try NativeArguments("str", args, kwargs, names: ["object", "encoding", "errors"])
        guard let x = a[0] else { return .str("") }
        return .str(try interp.str(x))
    }

    private static func selfString(_ args: [Value], _ name: String) throws -> String {
        guard let first = args.first, case .str(let s) = first else {
            throw PyErr.typeError("descriptor '\(name)' requires a 'str' object but received a '\(args.first?.typeName ?? "NoneType")'")
        }
        return s
    }

    private static func arg(_ args: [Value], _ i: Int, _ fname: String) throws -> String {
        guard i < args.count else { throw PyErr.typeError("\(fname)() takes at least \(i) argument (\(args.count - 1) given)") }
        guard case .str(let s) = args[i] else {
            throw PyErr.typeError("must be str, not \(args[i].typeName)")
        }
        return s
    }

    /// Code point offsets of `start`/`end` arguments, clamped as slices clamp.
    private static func range(_ args: [Value], from i: Int, count: Int) throws -> (Int, Int) {
        func clamp(_ v: Value?, _ dflt: Int) throws -> Int {
            guard let v, !v.isNone else { return dflt }
            var x = try v.expectInt()
            if x < 0 { x = max(0, x + count) }
            return min(x, count)
        }
        return (try clamp(i < args.count ? args[i] : nil, 0), try clamp(i + 1 < args.count ? args[i + 1] : nil, count))
    }

    /// Index of `needle` in `hay` within [lo, hi), searching from the left or the right.
    static func find(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar], _ lo: Int, _ hi: Int, fromRight: Bool) -> Int? {
        guard hi - lo >= needle.count else { return nil }
        let positions = stride(from: lo, through: hi - needle.count, by: 1)
        let ordered: [Int] = fromRight ? positions.reversed() : Array(positions)
        for p in ordered {
            var ok = true
            for j in 0..<needle.count where hay[p + j] != needle[j] {
                ok = false
                break
            }
            if ok { return p }
        }
        return nil
    }

    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func split(_ s: String, sep: String?, maxsplit: Int, fromRight: Bool) -> [String] {
        if let sep { return splitOnSeparator(s, sep, maxsplit: maxsplit, fromRight: fromRight) }
        if let parts = splitASCIIWhitespace(s, maxsplit: maxsplit, fromRight: fromRight) { return parts }
        let scalars = Array(s.unicodeScalars)
        var parts: [String] = []
        // Whitespace splitting: runs of whitespace separate, ends are ignored.
        if fromRight {
            var i = scalars.count
            var splits = 0
            while i > 0 {
                while i > 0 && isSpace(scalars[i - 1]) { i -= 1 }
                if i == 0 { break }
                if maxsplit >= 0 && splits == maxsplit {
                    parts.append(string(scalars[0..<i]))
                    return parts.reversed()
                }
                var j = i
                while j > 0 && !isSpace(scalars[j - 1]) { j -= 1 }
                parts.append(string(scalars[j..<i]))
                splits += 1
                i = j
            }
            return parts.reversed()
        }
        var i = 0
        var splits = 0
        while i < scalars.count {
            while i < scalars.count && isSpace(scalars[i]) { i += 1 }
            if i == scalars.count { break }
            if maxsplit >= 0 && splits == maxsplit {
                parts.append(string(scalars[i...]))
                return parts
            }
            var j = i
            while j < scalars.count && !isSpace(scalars[j]) { j += 1 }
            parts.append(string(scalars[i..<j]))
            splits += 1
            i = j
        }
        return parts
    }

    static func string<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars)
        return String(v)
    }

    static func strip(_ s: String, _ chars: String?, left: Bool, right: Bool) -> String {
        if let stripped = stripASCII(s, chars, left: left, right: right) { return stripped }
        let scalars = Array(s.unicodeScalars)
        let set = chars.map { Set($0.unicodeScalars) }
        func strippable(_ u: Unicode.Scalar) -> Bool { set?.contains(u) ?? isSpace(u) }
        var lo = 0, hi = scalars.count
        if left { while lo < hi && strippable(scalars[lo]) { lo += 1 } }
        if right { while hi > lo && strippable(scalars[hi - 1]) { hi -= 1 } }
        return string(scalars[lo..<hi])
    }

    private static func pad(_ s: String, _ args: [Value], _ name: String, _ place: (Int, Int) -> (Int, Int)) throws -> Value {
        guard args.count >= 2 else { throw PyErr.typeError("\(name)() takes at least 1 argument (0 given)") }
        let width = try args[1].expectInt()
        var fill: Unicode.Scalar = " "
        if args.count > 2 {
            let f = try arg(args, 2, name)
            guard f.unicodeScalars.count == 1, let u = f.unicodeScalars.first else {
                throw PyErr.typeError("The fill character must be exactly one character long")
            }
            fill = u
        }
        let n = s.unicodeScalars.count
        guard width > n else { return .str(s) }
        let (l, r) = place(width - n, width)
        return .str(String(repeating: String(fill), count: l) + s + String(repeating: String(fill), count: r))
    }

    static func install(_ t: PyType) {
        t.define("join") { interp, args, _ in
            let sep = try selfString(args, "join")
            guard args.count == 2 else { throw PyErr.typeError("str.join() takes exactly one argument (\(args.count - 1) given)") }
            var parts: [String] = []
            var index = 0
            try interp.forEach(args[1]) { v in
                guard case .str(let s) = v else {
                    throw PyErr.typeError("sequence item \(index): expected str instance, \(v.typeName) found")
                }
                parts.append(s)
                index += 1
                return true
            }
            return .str(parts.joined(separator: sep))
        }
        for (name, fromRight) in [("split", false), ("rsplit", true)] {
            t.define(name) { _, args, kwargs in
                let s = try selfString(args, name)
                let a = try NativeArguments(name, Array(args.dropFirst()), kwargs, names: ["sep", "maxsplit"])
                var sep: String?
                if let v = a[0], !v.isNone {
                    sep = try v.expectString("sep")
                    if sep?.isEmpty ?? false { throw PyErr.valueError("empty separator") }
                }
                let maxsplit = try a[1]?.expectInt() ?? -1
                return .list(split(s, sep: sep, maxsplit: maxsplit, fromRight: fromRight).map { .str($0) })
            }
        }
        for (name, l, r) in [("strip", true, true), ("lstrip", true, false), ("rstrip", false, true)] {
            t.define(name) { _, args, _ in
                let s = try selfString(args, name)
                var chars: String?
                if args.count > 1, !args[1].isNone { chars = try arg(args, 1, name) }
                return .str(strip(s, chars, left: l, right: r))
            }
        }
        for (name, atEnd) in [("startswith", false), ("endswith", true)] {
            t.define(name) { _, args, _ in
                let s = try selfString(args, name)
                guard args.count >= 2 else { throw PyErr.typeError("\(name)() takes at least 1 argument (0 given)") }
                let scalars = Array(s.unicodeScalars)
                let (lo, hi) = try range(args, from: 2, count: scalars.count)
                let window = lo <= hi ? Array(scalars[lo..<hi]) : []
                var candidates: [String] = []
                if case .object(let o) = args[1], let tup = o as? PyTuple {
                    for c in tup.items { candidates.append(try c.expectString("tuple for \(name) must only contain str, not \(c.typeName)")) }
                } else if case .str(let p) = args[1] {
                    candidates = [p]
                } else {
                    throw PyErr.typeError("\(name) first arg must be str or a tuple of str, not \(args[1].typeName)")
                }
                for c in candidates {
                    let p = Array(c.unicodeScalars)
                    if p.count <= window.count && (atEnd ? Array(window.suffix(p.count)) == p : Array(window.prefix(p.count)) == p) {
                        return .bool(true)
                    }
                }
                return .bool(false)
            }
        }
        t.define("upper") { _, args, _ in .str(try selfString(args, "upper").uppercased()) }
        t.define("lower") { _, args, _ in .str(try selfString(args, "lower").lowercased()) }
        t.define("casefold") { _, args, _ in .str(try selfString(args, "casefold").lowercased()) }
        t.define("swapcase") { _, args, _ in
            .str(String(try selfString(args, "swapcase").map { $0.isUppercase ? Character($0.lowercased()) : Character($0.uppercased()) }))
        }
        t.define("title") { _, args, _ in
            var out = ""
            var prevCased = false
            for c in try selfString(args, "title") {
                out += prevCased ? c.lowercased() : c.uppercased()
                prevCased = c.isLetter
            }
            return .str(out)
        }
        t.define("capitalize") { _, args, _ in
            let s = try selfString(args, "capitalize")
            guard let f = s.first else { return .str("") }
            return .str(f.uppercased() + s.dropFirst().lowercased())
        }
        t.define("replace") { _, args, _ in
            let s = try selfString(args, "replace")
            let old = try arg(args, 1, "replace"), new = try arg(args, 2, "replace")
            let count = args.count > 3 ? try args[3].expectInt() : -1
            if count < 0 && !old.isEmpty {
                return .str(split(s, sep: old, maxsplit: -1, fromRight: false).joined(separator: new))
            }
            if old.isEmpty {
                var out = ""
                var n = 0
                for u in s.unicodeScalars {
                    if count < 0 || n < count { out += new; n += 1 }
                    out.unicodeScalars.append(u)
                }
                if count < 0 || n < count { out += new }
                return .str(out)
            }
            return .str(split(s, sep: old, maxsplit: count, fromRight: false).joined(separator: new))
        }
        for (name, fromRight, raises) in [("find", false, false), ("rfind", true, false), ("index", false, true), ("rindex", true, true)] {
            t.define(name) { _, args, _ in
                let s = try selfString(args, name)
                let sub = Array(try arg(args, 1, name).unicodeScalars)
                let scalars = Array(s.unicodeScalars)
                let (lo, hi) = try range(args, from: 2, count: scalars.count)
                if let p = find(scalars, sub, lo, hi, fromRight: fromRight) { return .int(p) }
                if raises { throw PyErr.valueError("substring not found") }
                return .int(-1)
            }
        }
        t.define("count") { _, args, _ in
            let s = try selfString(args, "count")
            let sub = Array(try arg(args, 1, "count").unicodeScalars)
            let scalars = Array(s.unicodeScalars)
            let (lo, hi) = try range(args, from: 2, count: scalars.count)
            if sub.isEmpty { return .int(max(0, hi - lo) + 1) }
            var n = 0, i = lo
            while let p = find(scalars, sub, i, hi, fromRight: false) {
                n += 1
                i = p + sub.count
            }
            return .int(n)
        }
        t.define("ljust") { _, args, _ in try pad(try selfString(args, "ljust"), args, "ljust") { extra, _ in (0, extra) } }
        t.define("rjust") { _, args, _ in try pad(try selfString(args, "rjust"), args, "rjust") { extra, _ in (extra, 0) } }
        t.define("center") { _, args, _ in
            let s = try selfString(args, "center")
            let n = s.unicodeScalars.count
            return try pad(s, args, "center") { extra, width in
                let left = extra / 2 + (extra & width & 1)
                _ = n
                return (left, extra - left)
            }
        }
        t.define("zfill") { _, args, _ in
            let s = try selfString(args, "zfill")
            guard args.count == 2 else { throw PyErr.typeError("zfill() takes exactly one argument (\(args.count - 1) given)") }
            let width = try args[1].expectInt()
            let n = s.unicodeScalars.count
            guard width > n else { return .str(s) }
            let zeros = String(repeating: "0", count: width - n)
            if let f = s.first, f == "+" || f == "-" { return .str(String(f) + zeros + s.dropFirst()) }
            return .str(zeros + s)
        }
        let predicates: [(String, (Unicode.Scalar) -> Bool)] = [
            ("isdigit", { $0.properties.numericType == .digit || $0.properties.numericType == .decimal }),
            ("isdecimal", { $0.properties.numericType == .decimal }),
            ("isnumeric", { $0.properties.numericType != nil }),
            ("isalpha", { $0.properties.isAlphabetic }),
            ("isalnum", { $0.properties.isAlphabetic || $0.properties.numericType != nil }),
            ("isspace", { isSpace($0) }),
        ]
        for (name, p) in predicates {
            t.define(name) { _, args, _ in
                let s = try selfString(args, name)
                return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy(p))
            }
        }
        t.define("isupper") { _, args, _ in
            let s = try selfString(args, "isupper")
            return .bool(s.contains { $0.isCased } && !s.contains { $0.isLowercase })
        }
        t.define("islower") { _, args, _ in
            let s = try selfString(args, "islower")
            return .bool(s.contains { $0.isCased } && !s.contains { $0.isUppercase })
        }
        t.define("isidentifier") { _, args, _ in
            let s = try selfString(args, "isidentifier")
            guard let f = s.unicodeScalars.first, f == "_" || f.properties.isXIDStart else { return .bool(false) }
            return .bool(s.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isXIDContinue })
        }
        t.define("splitlines") { _, args, kwargs in
            let s = try selfString(args, "splitlines")
            let a = try NativeArguments("splitlines", Array(args.dropFirst()), kwargs, names: ["keepends"])
            let keep = try a[0].map { try $0.expectInt() != 0 } ?? false
            var lines: [Value] = []
            var current = String.UnicodeScalarView()
            var it = Array(s.unicodeScalars).makeIterator()
            var pending: Unicode.Scalar? = nil
            while let u = pending ?? it.next() {
                pending = nil
                if u == "\n" || u == "\r" || u == "\u{0B}" || u == "\u{0C}" || u == "\u{1C}" || u == "\u{1D}" || u == "\u{1E}" || u == "\u{85}" || u == "\u{2028}" || u == "\u{2029}" {
                    var ending = String(u)
                    if u == "\r" {
                        let n = it.next()
                        if n == "\n" { ending += "\n" } else { pending = n }
                    }
                    lines.append(.str(String(current) + (keep ? ending : "")))
                    current = String.UnicodeScalarView()
                } else {
                    current.append(u)
                }
            }
            if !current.isEmpty { lines.append(.str(String(current))) }
            return .list(lines)
        }
        for (name, fromRight) in [("partition", false), ("rpartition", true)] {
            t.define(name) { _, args, _ in
                let s = try selfString(args, name)
                let sep = try arg(args, 1, name)
                if sep.isEmpty { throw PyErr.valueError("empty separator") }
                let scalars = Array(s.unicodeScalars), needle = Array(sep.unicodeScalars)
                guard let p = find(scalars, needle, 0, scalars.count, fromRight: fromRight) else {
                    return fromRight ? .tuple([.str(""), .str(""), .str(s)]) : .tuple([.str(s), .str(""), .str("")])
                }
                return .tuple([.str(string(scalars[0..<p])), .str(sep), .str(string(scalars[(p + needle.count)...]))])
            }
        }
        t.define("removeprefix") { _, args, _ in
            let s = try selfString(args, "removeprefix"), p = try arg(args, 1, "removeprefix")
            return .str(s.hasPrefix(p) ? String(s.dropFirst(p.count)) : s)
        }
        t.define("removesuffix") { _, args, _ in
            let s = try selfString(args, "removesuffix"), p = try arg(args, 1, "removesuffix")
            return .str(s.hasSuffix(p) && !p.isEmpty ? String(s.dropLast(p.count)) : s)
        }
        t.define("expandtabs") { _, args, _ in
            let s = try selfString(args, "expandtabs")
            let size = args.count > 1 ? try args[1].expectInt() : 8
            var out = "", col = 0
            for c in s {
                if c == "\t" {
                    let n = size > 0 ? size - col % size : 0
                    out += String(repeating: " ", count: n)
                    col += n
                } else {
                    out.append(c)
                    col = (c == "\n" || c == "\r") ? 0 : col + 1
                }
            }
            return .str(out)
        }
        t.define("format") { interp, args, kwargs in
            let s = try selfString(args, "format")
            return .str(try interp.strFormat(s, Array(args.dropFirst()), kwargs))
        }
        t.define("encode") { _, args, _ in args[0] }
        t.define("__len__") { interp, args, _ in .int(try interp.length(args[0])) }
        t.define("__contains__") { interp, args, _ in .bool(try interp.contains(args[0], args[1])) }
        t.define("__getitem__") { interp, args, _ in try interp.getItem(args[0], args[1]) }
        t.define("__add__") { interp, args, _ in try interp.binary(.add, args[0], args[1]) }
        t.define("__mul__") { interp, args, _ in try interp.binary(.multiply, args[0], args[1]) }
        t.define("__mod__") { interp, args, _ in try interp.binary(.modulo, args[0], args[1]) }
        t.define("__format__") { interp, args, _ in .str(try interp.format(args[0], try arg(args, 1, "__format__"))) }
        t.defineStatic("maketrans") { _, _, _ in throw PyErr.notImplemented("str.maketrans is not supported by gradstep") }
    }
}
