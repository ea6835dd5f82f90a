import Testing
@testable import Autograd

/// A file made of an 8-byte length, `header` as UTF-8 (unpadded) and `data`.
func corruptFile(header: String, data: [UInt8] = []) -> [UInt8] {
    corruptFile(headerBytes: Array(header.utf8), data: data)
}

/// A file made of an 8-byte length, raw header bytes and `data`.
func corruptFile(headerBytes: [UInt8], data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
    let length = declaredLength ?? UInt64(headerBytes.count)
    return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + headerBytes + data
}

/// One tensor's header entry as JSON text.
func tensorJSON(_ name: String, _ dtype: String, _ shape: String, _ offsets: String) -> String {
    #""\#(name)":{"dtype":"\#(dtype)","shape":\#(shape),"data_offsets":\#(offsets)}"#
}

/// A damaged file and the message decoding it must give.
struct CorruptInput: Sendable, CustomTestStringConvertible {
    let label: String
    let bytes: [UInt8]
    let message: String
    var testDescription: String { label }
}

let corruptInputs: [CorruptInput] = [
    CorruptInput(label: "empty file", bytes: [],
                 message: "safetensors file is too small: 0 bytes, but the header length alone takes 8"),
    CorruptInput(label: "short length", bytes: [8, 0, 0, 0, 0],
                 message: "safetensors file is too small: 5 bytes, but the header length alone takes 8"),
    CorruptInput(label: "header over limit", bytes: corruptFile(headerBytes: [], declaredLength: 100_000_001),
                 message: "safetensors header length 100000001 exceeds the limit of 100000000 bytes"),
    CorruptInput(label: "header length all ones", bytes: corruptFile(headerBytes: [], declaredLength: .max),
                 message: "safetensors header length 18446744073709551615 exceeds the limit of 100000000 bytes"),
    CorruptInput(label: "header longer than file", bytes: corruptFile(headerBytes: Array("{}".utf8), declaredLength: 40),
                 message: "safetensors header length 40 is larger than the 2 bytes that follow it"),
    CorruptInput(label: "invalid UTF-8", bytes: corruptFile(headerBytes: [0x7B, 0x22, 0xFF, 0x22, 0x7D]),
                 message: "safetensors header is not valid UTF-8"),
    CorruptInput(label: "truncated JSON", bytes: corruptFile(header: #"{"a":"#),
                 message: "safetensors header is not valid JSON: unexpected end of JSON text at header byte 5"),
    CorruptInput(label: "missing comma", bytes: corruptFile(header: #"{"a":{} "b":{}}"#),
                 message: "safetensors header is not valid JSON: expected ',' or '}' in an object at header byte 8"),
    CorruptInput(label: "text after JSON", bytes: corruptFile(header: "{}  x"),
                 message: "safetensors header is not valid JSON: unexpected text after the end of the JSON value at header byte 4"),
    CorruptInput(label: "NUL padding", bytes: corruptFile(headerBytes: [0x7B, 0x7D, 0, 0]),
                 message: "safetensors header is not valid JSON: unexpected text after the end of the JSON value at header byte 2"),
    CorruptInput(label: "raw control character", bytes: corruptFile(header: "{\"a\u{01}\":1}"),
                 message: "safetensors header is not valid JSON: control character in a string must be escaped at header byte 3"),
    CorruptInput(label: "lone surrogate", bytes: corruptFile(header: #"{"\ud800":1}"#),
                 message: "safetensors header is not valid JSON: unpaired surrogate in \\u escape at header byte 8"),
    CorruptInput(label: "bad escape", bytes: corruptFile(header: #"{"\x":1}"#),
                 message: "safetensors header is not valid JSON: invalid escape sequence at header byte 3"),
    CorruptInput(label: "leading zero", bytes: corruptFile(header: #"{"a":01}"#),
                 message: "safetensors header is not valid JSON: expected ',' or '}' in an object at header byte 6"),
    CorruptInput(label: "deep nesting", bytes: corruptFile(header: #"{"a":"# + String(repeating: "[", count: 100_000)),
                 message: "safetensors header is not valid JSON: JSON nested too deeply at header byte 68"),
    CorruptInput(label: "array header", bytes: corruptFile(header: "[1, 2]"),
                 message: "safetensors header must be a JSON object, found an array"),
    CorruptInput(label: "duplicate name",
                 bytes: corruptFile(header: "{" + tensorJSON("a", "BOOL", "[]", "[0,1]") + "," + tensorJSON("a", "BOOL", "[]", "[1,2]") + "}",
                                    data: [1, 0]),
                 message: #"safetensors header names tensor "a" more than once"#),
    CorruptInput(label: "metadata not object", bytes: corruptFile(header: #"{"__metadata__":"pt"}"#),
                 message: "safetensors header's __metadata__ must be an object, found a string"),
    CorruptInput(label: "metadata value not string", bytes: corruptFile(header: #"{"__metadata__":{"epoch":3}}"#),
                 message: #"safetensors header's __metadata__ value for "epoch" must be a string, found a number"#),
    CorruptInput(label: "metadata twice", bytes: corruptFile(header: #"{"__metadata__":{},"__metadata__":{}}"#),
                 message: "safetensors header's __metadata__ appears more than once"),
    CorruptInput(label: "entry not object", bytes: corruptFile(header: #"{"w":[1]}"#),
                 message: #"tensor "w" in safetensors header: expected an object, found an array"#),
    CorruptInput(label: "missing dtype", bytes: corruptFile(header: #"{"w":{"shape":[],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]),
                 message: #"tensor "w" in safetensors header: missing "dtype""#),
    CorruptInput(label: "dtype not string", bytes: corruptFile(header: #"{"w":{"dtype":4,"shape":[],"data_offsets":[0,4]}}"#),
                 message: #"tensor "w" in safetensors header: "dtype" must be a string, found a number"#),
    CorruptInput(label: "unknown dtype", bytes: corruptFile(header: "{" + tensorJSON("w", "F16", "[2]", "[0,4]") + "}", data: [0, 0, 0, 0]),
                 message: #"tensor "w" has unsupported dtype "F16" (supported: F32, F64, I64, I32, BOOL)"#),
    CorruptInput(label: "lower-case dtype", bytes: corruptFile(header: "{" + tensorJSON("w", "f32", "[1]", "[0,4]") + "}", data: [0, 0, 0, 0]),
                 message: #"tensor "w" has unsupported dtype "f32" (supported: F32, F64, I64, I32, BOOL)"#),
    CorruptInput(label: "missing shape", bytes: corruptFile(header: #"{"w":{"dtype":"F32","data_offsets":[0,4]}}"#),
                 message: #"tensor "w" in safetensors header: missing "shape""#),
    CorruptInput(label: "shape not array", bytes: corruptFile(header: "{" + tensorJSON("w", "F32", "4", "[0,16]") + "}"),
                 message: #"tensor "w" in safetensors header: "shape" must be an array, found a number"#),
    CorruptInput(label: "fractional dimension", bytes: corruptFile(header: "{" + tensorJSON("w", "F32", "[2.0]", "[0,8]") + "}"),
                 message: #"tensor "w" in safetensors header: "shape" must hold integers, found 2.0"#),
    CorruptInput(label: "string dimension", bytes: corruptFile(header: "{" + tensorJSON("w", "F32", #"["2"]"#, "[0,8]") + "}"),
                 message: #"tensor "w" in safetensors header: "shape" must hold integers, found a string"#),
    CorruptInput(label: "negative dimension", bytes: corruptFile(header: "{" + tensorJSON("w", "F32", "[2,-3]", "[0,0]") + "}"),
                 message: #"tensor "w" has a negative dimension in shape [2, -3]"#),
    CorruptInput(label: "shape overflow",
                 bytes: corruptFile(header: "{" + tensorJSON("w", "F64", "[4294967296,4294967296]", "[0,0]") + "}"),
                 message: #"tensor "w" with shape [4294967296, 4294967296] is too large"#),
    CorruptInput(label: "exponent offset", bytes: corruptFile(header: "{" + tensorJSON("w", "F32", "[1]", "[0,4e0]") + "}"),
                 message: #"tensor "w" in safetensors header: "data_offsets" must hold integers, found 4e0"#),
    CorruptInput(label: "offset beyond Int",
                 bytes: corruptFile(header: "{" + tensorJSON("w", "F32", "[1]", "[0,99999999999999999999]") + "}"),
                 message: #"tensor "w" in safetensors header: "data_offsets" must hold integers, found 99999999999999999999"#),
    CorruptInput(label: "three offsets", bytes: corruptFile(header: "{" + tensorJSON("w", "F32", "[1]", "[0,4,8]") + "}"),
                 message: #"tensor "w" in safetensors header: "data_offsets" must hold 2 integers, found 3"#),
    CorruptInput(label: "reversed offsets", bytes: corruptFile(header: "{" + tensorJSON("w", "F32", "[0]", "[8,4]") + "}"),
                 message: #"tensor "w" has invalid data_offsets [8, 4]"#),
    CorruptInput(label: "negative offset", bytes: corruptFile(header: "{" + tensorJSON("w", "F32", "[1]", "[-4,0]") + "}"),
                 message: #"tensor "w" has invalid data_offsets [-4, 0]"#),
    CorruptInput(label: "size disagrees with shape",
                 bytes: corruptFile(header: "{" + tensorJSON("w", "F32", "[2,3]", "[0,20]") + "}", data: Array(repeating: 0, count: 20)),
                 message: #"tensor "w" of dtype F32 and shape [2, 3] needs 24 bytes but has 20"#),
    CorruptInput(label: "offsets past buffer",
                 bytes: corruptFile(header: "{" + tensorJSON("w", "F64", "[2]", "[0,16]") + "}", data: Array(repeating: 0, count: 12)),
                 message: #"tensor "w" data_offsets [0, 16] reach past the end of the 12-byte data buffer"#),
    CorruptInput(label: "first tensor not at 0",
                 bytes: corruptFile(header: "{" + tensorJSON("w", "F32", "[1]", "[4,8]") + "}", data: Array(repeating: 0, count: 8)),
                 message: #"tensor "w" data starts at byte 4 but the previous tensor ends at byte 0 (leaves a gap)"#),
    CorruptInput(label: "gap between tensors",
                 bytes: corruptFile(header: "{" + tensorJSON("a", "F32", "[1]", "[0,4]") + "," + tensorJSON("b", "F32", "[1]", "[8,12]") + "}",
                                    data: Array(repeating: 0, count: 12)),
                 message: #"tensor "b" data starts at byte 8 but the previous tensor ends at byte 4 (leaves a gap)"#),
    CorruptInput(label: "overlapping tensors",
                 bytes: corruptFile(header: "{" + tensorJSON("b", "F64", "[1]", "[4,12]") + "," + tensorJSON("a", "F64", "[1]", "[0,8]") + "}",
                                    data: Array(repeating: 0, count: 12)),
                 message: #"tensor "b" data starts at byte 4 but the previous tensor ends at byte 8 (overlaps the previous tensor)"#),
    CorruptInput(label: "same offsets twice",
                 bytes: corruptFile(header: "{" + tensorJSON("a", "I32", "[1]", "[0,4]") + "," + tensorJSON("b", "I32", "[1]", "[0,4]") + "}",
                                    data: Array(repeating: 0, count: 8)),
                 message: #"tensor "b" data starts at byte 0 but the previous tensor ends at byte 4 (overlaps the previous tensor)"#),
    CorruptInput(label: "trailing bytes",
                 bytes: corruptFile(header: "{" + tensorJSON("w", "I32", "[1]", "[0,4]") + "}", data: Array(repeating: 0, count: 7)),
                 message: "safetensors file has 3 bytes after the last tensor's data"),
    CorruptInput(label: "data without tensors", bytes: corruptFile(header: "{}", data: [1]),
                 message: "safetensors file has 1 bytes after the last tensor's data"),
    CorruptInput(label: "name with newline in message",
                 bytes: corruptFile(header: "{" + tensorJSON("a\\nb", "U8", "[1]", "[0,1]") + "}", data: [0]),
                 message: #"tensor "a\nb" has unsupported dtype "U8" (supported: F32, F64, I64, I32, BOOL)"#),
]

@Test(arguments: corruptInputs)
func corruptInputGivesClearError(_ input: CorruptInput) {
    do {
        let decoded = try SafetensorsFile.decode(input.bytes)
        Issue.record("decoded without error: \(decoded.entries.map(\.name))")
    } catch {
        #expect(error.description == input.message)
    }
}

@Test func everyTruncationOfAValidFileFailsWithoutCrashing() throws {
    let bytes = try SafetensorsFixtureValues.mixed.encode()
    for length in 0..<bytes.count {
        #expect(throws: SafetensorsError.self) { try SafetensorsFile.decode(Array(bytes.prefix(length))) }
    }
}

@Test func everySingleByteCorruptionOfTheHeaderDecodesOrThrows() throws {
    // Flipping any header byte may still leave a valid file (e.g. inside a name); what matters
    // is that decoding either succeeds or throws, never traps.
    let bytes = try SafetensorsFixtureValues.escaped.encode()
    var outcomes = (decoded: 0, rejected: 0)
    for index in 0..<bytes.count {
        for flip: UInt8 in [0x01, 0x20, 0x80] {
            var damaged = bytes
            damaged[index] ^= flip
            do {
                _ = try SafetensorsFile.decode(damaged)
                outcomes.decoded += 1
            } catch {
                outcomes.rejected += 1
            }
        }
    }
    #expect(outcomes.rejected > 0)
    #expect(outcomes.decoded + outcomes.rejected == bytes.count * 3)
}
