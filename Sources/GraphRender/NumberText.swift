import Autograd

/// How numbers and shapes are spelled in pictures: short, fixed-width-ish, and the same on
/// every machine (C's printf rounding, which is exact for a given double).
enum NumberText {
    /// A shape as PyTorch's `torch.Size` prints inside parentheses: `(2, 3)`, `()` for scalars.
    static func shape(_ shape: [Int]) -> String {
        if shape.count == 1 { return "(\(shape[0]),)" }
        return "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// A value with four decimals when that reads well (`0.4321`, `-12.5000`), otherwise in
    /// scientific notation with four significant digits (`1.235e-06`).
    static func value(_ x: Double) -> String {
        if let special = nonFinite(x) { return special }
        let magnitude = abs(x)
        if magnitude == 0 || (magnitude >= 1e-3 && magnitude < 1e5) {
            return PythonNumberFormat.fixed(x, precision: 4)
        }
        return PythonNumberFormat.scientific(x, precision: 3)
    }

    /// A norm with three significant digits (`0.0123`, `4.56e-08`), for edge labels.
    static func norm(_ x: Double) -> String {
        if let special = nonFinite(x) { return special }
        if x == 0 { return "0" }
        if x >= 1e-3 && x < 1e4 { return PythonNumberFormat.general(x, significantDigits: 3) }
        return PythonNumberFormat.scientific(x, precision: 2)
    }

    /// A short list of values: `[0.1000, -2.0000]`.
    static func values(_ xs: [Double]) -> String {
        "[" + xs.map(value).joined(separator: ", ") + "]"
    }

    private static func nonFinite(_ x: Double) -> String? {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return nil
    }
}
