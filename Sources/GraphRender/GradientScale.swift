import Autograd
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a gradient's norm is drawn: a colour per band of two decades and a pen width that
/// grows with log10 of the norm, between the vanishing and exploding thresholds.
public enum GradientScale {
    /// Norms below this are marked as vanishing.
    public static let vanishingBelow = 1e-7
    /// Norms above this (and non-finite ones) are marked as exploding.
    public static let explodingAbove = 1e3

    /// Where a norm falls.
    public enum Band: Equatable, Sendable {
        /// Below `vanishingBelow`, zero included.
        case vanishing
        /// Inside the scale; `step` counts two-decade bands from the bottom (0...4).
        case normal(step: Int)
        /// Above `explodingAbove`, or NaN or infinite.
        case exploding
    }

    /// Colours of the two-decade bands from 1e-7 to 1e3, cool to warm; each is distinct on
    /// white and for the common forms of colour blindness (a ColorBrewer diverging ramp).
    static let bandColors = ["#5e3c99", "#2166ac", "#1b9e77", "#e66101", "#b2182b"]
    /// Vanishing gradients are pale and dashed: they are there but carry almost nothing.
    static let vanishingColor = "#b0b0b0"
    /// Exploding gradients stand out in magenta, away from the ramp.
    static let explodingColor = "#d01c8b"
    /// Edges that received no gradient at all (`None`).
    static let noGradientColor = "#999999"

    /// The band of `norm`.
    public static func band(_ norm: Double) -> Band {
        if !norm.isFinite || norm > explodingAbove { return .exploding }
        if norm < vanishingBelow { return .vanishing }
        let decades = log10(norm) - log10(vanishingBelow)
        return .normal(step: Swift.min(Swift.max(Int(decades / 2), 0), bandColors.count - 1))
    }

    /// The edge colour for `norm`.
    static func color(_ norm: Double) -> String {
        switch band(norm) {
        case .vanishing: return vanishingColor
        case .normal(let step): return bandColors[step]
        case .exploding: return explodingColor
        }
    }

    /// Pen width from 0.8 (1e-7) to 4.8 (1e3), linear in log10 of the norm.
    static func penWidth(_ norm: Double) -> String {
        switch band(norm) {
        case .vanishing: return "0.8"
        case .exploding: return "5"
        case .normal:
            let decades = log10(norm) - log10(vanishingBelow)
            return PythonNumberFormat.fixed(0.8 + 0.4 * Swift.min(Swift.max(decades, 0), 10), precision: 1)
        }
    }

    /// The legend's rows: colour and the range it covers, lowest first.
    static var legendRows: [(color: String, text: String)] {
        var rows: [(String, String)] = [(vanishingColor, "< 1e-7  vanishing")]
        for (step, color) in bandColors.enumerated() {
            let low = -7 + 2 * step
            rows.append((color, "1e\(low) … 1e\(low + 2)"))
        }
        rows.append((explodingColor, "> 1e3 or nan/inf  exploding"))
        return rows
    }
}
