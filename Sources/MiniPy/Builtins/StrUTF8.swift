// `str.split` and `str.strip` over UTF-8 bytes. Reading a data file calls them once per line
// and field, so they work on the string's bytes rather than on an array of code points.

extension StrBuiltins {
    /// Splits on a non-empty separator. UTF-8 is self-synchronising: a match of the
    /// separator's bytes starts and ends on code point boundaries, exactly where a match of
    /// its code points would, so the parts are the ones Python returns.
    static func splitOnSeparator(_ s: String, _ sep: String, maxsplit: Int, fromRight: Bool) -> [String] {
        var s = s, sep = sep
        return s.withUTF8 { hay in
            sep.withUTF8 { needle in
                let n = needle.count
                func matches(at p: Int) -> Bool {
                    var j = 0
                    while j < n && hay[p + j] == needle[j] { j += 1 }
                    return j == n
                }
                var parts: [String] = []
                var splits = 0
                if fromRight {
                    var hi = hay.count
                    var p = hi - n
                    while p >= 0 && (maxsplit < 0 || splits < maxsplit) {
                        if matches(at: p) {
                            parts.append(text(hay, p + n, hi))
                            hi = p
                            splits += 1
                            p = hi - n
                        } else {
                            p -= 1
                        }
                    }
                    parts.append(text(hay, 0, hi))
                    return parts.reversed()
                }
                var lo = 0
                var p = 0
                while p + n <= hay.count && (maxsplit < 0 || splits < maxsplit) {
                    if matches(at: p) {
                        parts.append(text(hay, lo, p))
                        lo = p + n
                        splits += 1
                        p = lo
                    } else {
                        p += 1
                    }
                }
                parts.append(text(hay, lo, hay.count))
                return parts
            }
        }
    }

    /// Splits an ASCII string on runs of whitespace; nil when the string is not ASCII (its
    /// whitespace may then include code points such as U+00A0).
    static func splitASCIIWhitespace(_ s: String, maxsplit: Int, fromRight: Bool) -> [String]? {
        var s = s
        return s.withUTF8 { b -> [String]? in
            guard isASCII(b) else { return nil }
            var parts: [String] = []
            var splits = 0
            if fromRight {
                var i = b.count
                while i > 0 {
                    while i > 0 && isASCIISpace(b[i - 1]) { i -= 1 }
                    if i == 0 { break }
                    if maxsplit >= 0 && splits == maxsplit {
                        // The rest keeps its leading whitespace, as CPython's rsplit does.
                        parts.append(text(b, 0, i))
                        break
                    }
                    var j = i
                    while j > 0 && !isASCIISpace(b[j - 1]) { j -= 1 }
                    parts.append(text(b, j, i))
                    splits += 1
                    i = j
                }
                return parts.reversed()
            }
            var i = 0
            while i < b.count {
                while i < b.count && isASCIISpace(b[i]) { i += 1 }
                if i == b.count { break }
                if maxsplit >= 0 && splits == maxsplit {
                    // The rest keeps its trailing whitespace, as CPython's split does.
                    parts.append(text(b, i, b.count))
                    break
                }
                var j = i
                while j < b.count && !isASCIISpace(b[j]) { j += 1 }
                parts.append(text(b, i, j))
                splits += 1
                i = j
            }
            return parts
        }
    }

    /// `strip`/`lstrip`/`rstrip` when the string and the characters to strip are ASCII; nil otherwise.
    static func stripASCII(_ s: String, _ chars: String?, left: Bool, right: Bool) -> String? {
        // The bytes to strip as a 128-bit set (two words), so a call allocates nothing.
        var low: UInt64 = 0, high: UInt64 = 0
        func add(_ byte: UInt8) {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        if var chars {
            let ok = chars.withUTF8 { c -> Bool in
                guard isASCII(c) else { return false }
                for byte in c { add(byte) }
                return true
            }
            guard ok else { return nil }
        } else {
            for byte in UInt8(0)..<128 where isASCIISpace(byte) { add(byte) }
        }
        func strippable(_ byte: UInt8) -> Bool {
            byte < 64 ? low & (1 << UInt64(byte)) != 0 : high & (1 << UInt64(byte - 64)) != 0
        }
        var s = s
        return s.withUTF8 { b -> String? in
            guard isASCII(b) else { return nil }
            var lo = 0, hi = b.count
            if left { while lo < hi && strippable(b[lo]) { lo += 1 } }
            if right { while hi > lo && strippable(b[hi - 1]) { hi -= 1 } }
            return text(b, lo, hi)
        }
    }

    /// Python's whitespace among ASCII bytes (`str.isspace`): tab to carriage return, the four
    /// separator controls 0x1C–0x1F, and space.
    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool {
        (0x09...0x0D).contains(byte) || (0x1C...0x20).contains(byte)
    }

    private static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in b where byte >= 0x80 { return false }
        return true
    }

    private static func text(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)
    }
}
