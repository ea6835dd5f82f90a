import Foundation
@testable import Autograd

/// The tensors `scripts/make-safetensors-fixtures.py` saves, rebuilt from the same formulas.
enum SafetensorsFixtureValues {
    /// 0, 1, 2, ... scaled and shifted in Double, as the script's `ramp` does before casting.
    static func ramp(_ count: Int, scale: Double = 1, shift: Double = 0) -> [Double] {
        (0..<count).map { Double($0) * scale + shift }
    }

    static func entry(_ name: String, _ shape: [Int], float32 values: [Float]) -> SafetensorsEntry {
        SafetensorsEntry(name: name, dtype: .float32, shape: shape,
                         data: values.flatMap { littleEndianBytes($0.bitPattern) })
    }

    static func entry(_ name: String, _ shape: [Int], float64 values: [Double]) -> SafetensorsEntry {
        SafetensorsEntry(name: name, dtype: .float64, shape: shape,
                         data: values.flatMap { littleEndianBytes($0.bitPattern) })
    }

    static func entry(_ name: String, _ shape: [Int], int64 values: [Int64]) -> SafetensorsEntry {
        SafetensorsEntry(name: name, dtype: .int64, shape: shape,
                         data: values.flatMap { littleEndianBytes(UInt64(bitPattern: $0)) })
    }

    static func entry(_ name: String, _ shape: [Int], int32 values: [Int32]) -> SafetensorsEntry {
        SafetensorsEntry(name: name, dtype: .int32, shape: shape,
                         data: values.flatMap { littleEndianBytes(UInt32(bitPattern: $0)) })
    }

    static func entry(_ name: String, _ shape: [Int], bool values: [Bool]) -> SafetensorsEntry {
        SafetensorsEntry(name: name, dtype: .bool, shape: shape, data: values.map { $0 ? 1 : 0 })
    }

    static func littleEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    static let basic = SafetensorsFile(entries: [
        entry("weight", [2, 3], float32: ramp(6, scale: 0.5, shift: -1).map { Float($0) }),
    ])

    static let mixed = SafetensorsFile(entries: [
        entry("f32", [2, 3, 4], float32: ramp(24, scale: 0.25, shift: -3).map { Float($0) }),
        entry("f64", [5], float64: ramp(5, scale: 1.0 / 3.0, shift: 0.1)),
        entry("i64", [3, 2], int64: ramp(6, scale: 1_000_000_007, shift: -3_000_000_021).map { Int64($0) }),
        entry("i32", [1, 4], int32: ramp(4, scale: -7, shift: 11).map { Int32($0) }),
        entry("mask", [7], bool: (0..<7).map { $0 % 3 == 0 }),
        entry("scalar", [], float64: [2.5]),
        entry("empty", [0], float32: []),
        entry("empty_2d", [2, 0, 3], int64: []),
        entry("a_bias", [3], float32: ramp(3, scale: -1.5).map { Float($0) }),
    ], metadata: ["format": "pt"])

    static let empty = SafetensorsFile(entries: [])

    static let emptyMetadata = SafetensorsFile(entries: [entry("x", [3], int32: [1, 2, 3])], metadata: [:])

    static let escaped = SafetensorsFile(entries: [
        entry("layer.0/w\"q\"", [8], float32: [
            0, -0.0, .infinity, -.infinity, .nan,
            Float(bitPattern: 1), .greatestFiniteMagnitude, -.leastNormalMagnitude,
        ]),
        entry("tab\there\\back", [2], bool: [true, false]),
        entry("ünï ✓ 😀", [1, 1], float64: [Double.pi]),
        entry("ctl\u{01}\u{1F}\u{7F}", [], int64: [7]),
    ], metadata: ["note": "line1\nline2 \"quoted\" </tag> & ünï 😀 \u{02}"])

    static let metadataMulti = SafetensorsFile(
        entries: [entry("w", [2], float32: [0, 1])],
        metadata: ["format": "pt", "epoch": "3", "author": "gradstep", "empty": ""])

    /// The bytes of a fixture file.
    static func fixtureBytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "safetensors",
                                          subdirectory: "Fixtures/safetensors") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return [UInt8](try Data(contentsOf: url))
    }
}
