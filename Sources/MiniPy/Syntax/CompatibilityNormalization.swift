/// NFKC, which CPython applies to every identifier holding a non-ASCII character, so that
/// `µ` (micro sign) and `μ` (Greek mu), or `ﬁ` and `fi`, name the same variable.
///
/// The standard library normalizes canonically (NFC) but knows no compatibility mappings;
/// those come from a table generated from CPython's `unicodedata`
/// (CompatibilityDecompositions.swift). NFKC is NFC of the compatibility decomposition.
enum CompatibilityNormalization {
    /// Code point to its full compatibility decomposition, read from the table on first use.
    static let decompositions: [UInt32: [Unicode.Scalar]] = parse(decompositionText)

    /// `text` in Normalization Form KC.
    static func nfkc(_ text: String) -> String {
        var decomposed = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let replacement = decompositions[scalar.value] {
                decomposed.append(contentsOf: replacement)
            } else {
                decomposed.append(scalar)
            }
        }
        // The standard library's canonical composition (what String comparison uses): it
        // reorders combining marks and composes, giving NFC of the decomposed text.
        var bytes: [UInt8] = []
        String(decomposed)._withNFCCodeUnits { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `code=decomposition;` entries (hexadecimal code points, decompositions
    /// space-separated); malformed entries are skipped.
    static func parse(_ text: String) -> [UInt32: [Unicode.Scalar]] {
        var table: [UInt32: [Unicode.Scalar]] = [:]
        for entry in text.split(whereSeparator: { $0 == ";" || $0.isNewline }) {
            let parts = entry.split(separator: "=")
            guard parts.count == 2, let code = UInt32(parts[0], radix: 16) else { continue }
            let scalars = parts[1].split(separator: " ").compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }
            if !scalars.isEmpty { table[code] = scalars }
        }
        return table
    }
}
