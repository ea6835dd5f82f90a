import Foundation
import Testing
@testable import Autograd

/// Fixture name and the contents the Python `safetensors` package was asked to save.
struct SafetensorsFixture: Sendable, CustomTestStringConvertible {
    let name: String
    let contents: SafetensorsFile
    var testDescription: String { name }
}

/// Files whose header the reference writer produces deterministically (at most one metadata key).
let deterministicFixtures = [
    SafetensorsFixture(name: "basic", contents: SafetensorsFixtureValues.basic),
    SafetensorsFixture(name: "mixed", contents: SafetensorsFixtureValues.mixed),
    SafetensorsFixture(name: "empty", contents: SafetensorsFixtureValues.empty),
    SafetensorsFixture(name: "empty_metadata", contents: SafetensorsFixtureValues.emptyMetadata),
    SafetensorsFixture(name: "escaped", contents: SafetensorsFixtureValues.escaped),
]

let allFixtures = deterministicFixtures + [
    SafetensorsFixture(name: "metadata_multi", contents: SafetensorsFixtureValues.metadataMulti),
]

/// Entries keyed by name, so files compare regardless of entry order.
func entriesByName(_ file: SafetensorsFile) -> [String: SafetensorsEntry] {
    Dictionary(file.entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
}

@Test(arguments: allFixtures)
func decodesPythonWrittenFixture(_ fixture: SafetensorsFixture) throws {
    let decoded = try SafetensorsFile.decode(try SafetensorsFixtureValues.fixtureBytes(fixture.name))
    #expect(decoded.entries.count == fixture.contents.entries.count)
    #expect(entriesByName(decoded) == entriesByName(fixture.contents))
    #expect(decoded.metadata == fixture.contents.metadata)
}

@Test(arguments: deterministicFixtures)
func encodesByteIdenticalToPython(_ fixture: SafetensorsFixture) throws {
    let expected = try SafetensorsFixtureValues.fixtureBytes(fixture.name)
    let encoded = try fixture.contents.encode()
    #expect(encoded == expected)
    // Entry order given to the encoder must not matter.
    let reversed = SafetensorsFile(entries: fixture.contents.entries.reversed(), metadata: fixture.contents.metadata)
    #expect(try reversed.encode() == expected)
}

@Test func decodedEntriesFollowDataBufferOrder() throws {
    let decoded = try SafetensorsFile.decode(try SafetensorsFixtureValues.fixtureBytes("mixed"))
    #expect(decoded.entries.map(\.name) == ["empty_2d", "i64", "f64", "scalar", "a_bias", "empty", "f32", "i32", "mask"])
}

@Test func severalMetadataKeysRoundTripInSortedOrder() throws {
    let file = SafetensorsFixtureValues.metadataMulti
    let encoded = try file.encode()
    #expect(try SafetensorsFile.decode(encoded) == file)
    let headerLength = Int(encoded[0])
    let header = String(decoding: encoded[8..<(8 + headerLength)], as: UTF8.self)
    #expect(header.hasPrefix(#"{"__metadata__":{"author":"gradstep","empty":"","epoch":"3","format":"pt"},"#))
}

@Test(arguments: allFixtures)
func decodeOfEncodeIsIdentity(_ fixture: SafetensorsFixture) throws {
    let decoded = try SafetensorsFile.decode(try fixture.contents.encode())
    #expect(entriesByName(decoded) == entriesByName(fixture.contents))
    #expect(decoded.metadata == fixture.contents.metadata)
}

@Test func headerIsPaddedWithSpacesToEightBytes() throws {
    for nameLength in 1...9 {
        let name = String(repeating: "n", count: nameLength)
        let file = SafetensorsFile(entries: [SafetensorsFixtureValues.entry(name, [1], float32: [1])])
        let bytes = try file.encode()
        let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(headerLength % 8 == 0)
        let header = bytes[8..<(8 + headerLength)]
        let json = #"{"\#(name)":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        #expect(Array(header.prefix(json.utf8.count)) == Array(json.utf8))
        #expect(header.dropFirst(json.utf8.count).allSatisfy { $0 == UInt8(ascii: " ") })
        #expect(header.count - json.utf8.count < 8)
        #expect(bytes.count == 8 + headerLength + 4)
    }
}

@Test func headerAcceptsAnyWhitespaceKeyOrderAndUnknownKeys() throws {
    let header = " { \"__metadata__\" : { } ,\n \"b\" : {\"data_offsets\":[4,8], \"extra\": [null, true],"
        + " \"shape\": [ ], \"dtype\": \"I32\"},\t\"a\":{\"shape\":[1],\"dtype\":\"F32\",\"data_offsets\":[0,4]} }\r\n"
    let bytes = corruptFile(header: header, data: [0, 0, 128, 63, 5, 0, 0, 0])
    let decoded = try SafetensorsFile.decode(bytes)
    #expect(decoded.metadata == [:])
    #expect(decoded.entries == [
        SafetensorsFixtureValues.entry("a", [1], float32: [1]),
        SafetensorsFixtureValues.entry("b", [], int32: [5]),
    ])
}

@Test func nullMetadataMeansNoMetadata() throws {
    let decoded = try SafetensorsFile.decode(corruptFile(header: #"{"__metadata__":null}"#))
    #expect(decoded == SafetensorsFile(entries: [], metadata: nil))
}

@Test func jsonEscapesInNamesDecode() throws {
    let header = #"{"\u00fc\ud83d\ude00\/\b\f\n\r\t\"\\":{"dtype":"BOOL","shape":[1],"data_offsets":[0,1]}}"#
    let decoded = try SafetensorsFile.decode(corruptFile(header: header, data: [1]))
    #expect(decoded.entries.map(\.name) == ["ü😀/\u{08}\u{0C}\n\r\t\"\\"])
}

@Test func encodeRejectsInconsistentEntries() {
    let cases: [(SafetensorsFile, String)] = [
        (SafetensorsFile(entries: [SafetensorsEntry(name: "w", dtype: .float32, shape: [2], data: [0, 0, 0])]),
         #"tensor "w" of dtype F32 and shape [2] needs 8 bytes but has 3"#),
        (SafetensorsFile(entries: [SafetensorsEntry(name: "w", dtype: .int64, shape: [-1], data: [])]),
         #"tensor "w" has a negative dimension in shape [-1]"#),
        (SafetensorsFile(entries: [SafetensorsEntry(name: "w", dtype: .int64, shape: [1 << 40, 1 << 40], data: [])]),
         #"tensor "w" with shape [1099511627776, 1099511627776] is too large"#),
        (SafetensorsFile(entries: [SafetensorsFixtureValues.entry("w", [], bool: [true]),
                                   SafetensorsFixtureValues.entry("w", [], bool: [false])]),
         #"safetensors header names tensor "w" more than once"#),
        (SafetensorsFile(entries: [SafetensorsFixtureValues.entry("__metadata__", [], bool: [true])]),
         #"a tensor cannot be named "__metadata__"; safetensors reserves that key"#),
    ]
    for (file, message) in cases {
        #expect(throws: SafetensorsError.self) { try file.encode() }
        do {
            _ = try file.encode()
        } catch {
            #expect(error.description == message)
        }
    }
}

/// A fresh empty folder under the system temporary folder.
func makeTemporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "/safetensors-tests-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Test func writeThenReadRoundTripsAndLeavesNoTemporaryFiles() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/model.safetensors"
    try SafetensorsFixtureValues.mixed.write(path: path)
    // Overwriting replaces the file whole.
    try SafetensorsFixtureValues.basic.write(path: path)
    let read = try SafetensorsFile.read(path: path)
    #expect(read == SafetensorsFixtureValues.basic)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["model.safetensors"])
    #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == (try SafetensorsFixtureValues.basic.encode()))
}

@Test func writeIntoMissingFolderFailsClearly() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/missing/model.safetensors"
    do {
        try SafetensorsFixtureValues.basic.write(path: path)
        Issue.record("writing into a missing folder succeeded")
    } catch {
        #expect(error.description
            == "cannot write \(path): cannot create a file in folder \"\(folder)/missing\" (No such file or directory)")
    }
}

@Test func writeWhereFolderIsAFileFailsClearly() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let blocker = folder + "/plain"
    #expect(FileManager.default.createFile(atPath: blocker, contents: Data([1])))
    do {
        try SafetensorsFixtureValues.basic.write(path: blocker + "/model.safetensors")
        Issue.record("writing below a regular file succeeded")
    } catch {
        #expect(error.description.hasSuffix("cannot create a file in folder \"\(blocker)\" (Not a directory)"))
    }
}

@Test func readMissingFileFailsClearly() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do {
        _ = try SafetensorsFile.read(path: folder + "/absent.safetensors")
        Issue.record("reading a missing file succeeded")
    } catch {
        #expect(error.description == "cannot read \(folder)/absent.safetensors: No such file or directory")
    }
    do {
        _ = try SafetensorsFile.read(path: folder)
        Issue.record("reading a folder succeeded")
    } catch {
        #expect(error.description == "cannot read \(folder): not a regular file")
    }
}
