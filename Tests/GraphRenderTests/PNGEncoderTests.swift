// The PNG encoder: bitmaps in, PNG files that decode (CRCs, zlib, filters) to the same
// pixels out.
import CZlib
import Foundation
import Testing
@testable import GraphRender

/// A 24- or 32-bit BMP of `pixels` (RGB rows, top first), stored bottom-up unless `topDown`.
func makeBMP(width: Int, height: Int, pixels: [[UInt8]], bitsPerPixel: Int = 24, topDown: Bool = false) -> [UInt8] {
    let size = bitsPerPixel / 8
    let stride = (width * size + 3) / 4 * 4
    func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
    var header: [UInt8] = [0x42, 0x4D] + le32(54 + stride * height) + le32(0) + le32(54)
    header += le32(40) + le32(width) + le32(topDown ? -height : height)
    header += [1, 0, UInt8(bitsPerPixel), 0] + le32(0) + le32(stride * height) + le32(2835) + le32(2835) + le32(0) + le32(0)
    var body: [UInt8] = []
    for storedRow in 0..<height {
        let y = topDown ? storedRow : height - 1 - storedRow
        var row: [UInt8] = []
        for x in 0..<width {
            let p = pixels[y][3 * x..<3 * x + 3].map { $0 }
            row += [p[2], p[1], p[0]] + (size == 4 ? [0xFF] : [])
        }
        body += row + [UInt8](repeating: 0, count: stride - row.count)
    }
    return header + body
}

/// A decoded PNG: width, height and RGB rows; checks every CRC on the way.
func decodePNG(_ png: [UInt8]) throws -> (width: Int, height: Int, rows: [[UInt8]]) {
    struct Bad: Error { let why: String }
    guard Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { throw Bad(why: "signature") }
    var at = 8, width = 0, height = 0, idat: [UInt8] = [], sawEnd = false
    func be32(_ i: Int) -> Int { png[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
    while at + 12 <= png.count {
        let length = be32(at)
        let type = String(decoding: png[at + 4..<at + 8], as: UTF8.self)
        let data = Array(png[at + 8..<at + 8 + length])
        let typeAndData = Array(png[at + 4..<at + 8 + length])
        let crc = typeAndData.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
        guard Int(crc) == be32(at + 8 + length) else { throw Bad(why: "CRC of \(type)") }
        switch type {
        case "IHDR":
            width = data[0..<4].reduce(0) { $0 << 8 | Int($1) }
            height = data[4..<8].reduce(0) { $0 << 8 | Int($1) }
            guard Array(data[8...]) == [8, 2, 0, 0, 0] else { throw Bad(why: "not 8-bit RGB") }
        case "IDAT": idat += data
        case "IEND": sawEnd = true
        default: break
        }
        at += 12 + length
    }
    guard sawEnd, at == png.count else { throw Bad(why: "chunk structure") }
    var raw = [UInt8](repeating: 0, count: (width * 3 + 1) * height)
    var rawLength = UInt(raw.count)
    let status = raw.withUnsafeMutableBufferPointer { out in
        idat.withUnsafeBufferPointer { uncompress(out.baseAddress, &rawLength, $0.baseAddress, UInt($0.count)) }
    }
    guard status == Z_OK, rawLength == UInt(raw.count) else { throw Bad(why: "zlib \(status)") }
    var rows: [[UInt8]] = []
    for y in 0..<height {
        let start = y * (width * 3 + 1)
        var row = Array(raw[start + 1..<start + 1 + width * 3])
        switch raw[start] {
        case 0: break
        case 2: if let above = rows.last { for k in row.indices { row[k] = row[k] &+ above[k] } }
        default: throw Bad(why: "filter \(raw[start])")
        }
        rows.append(row)
    }
    return (width, height, rows)
}

@Test(arguments: [(24, false), (24, true), (32, false)])
func bitmapsEncodeToTheSamePixels(bitsPerPixel: Int, topDown: Bool) throws {
    // Odd width, so 24-bit rows need padding.
    let width = 5, height = 3
    let pixels: [[UInt8]] = (0..<height).map { y in (0..<width * 3).map { UInt8(($0 * 37 + y * 91) % 256) } }
    let bmp = makeBMP(width: width, height: height, pixels: pixels, bitsPerPixel: bitsPerPixel, topDown: topDown)
    let png = try #require(bmp.withUnsafeBytes { PNGEncoder.encode(bmp: $0) })
    let decoded = try decodePNG(png)
    #expect(decoded.width == width)
    #expect(decoded.height == height)
    #expect(decoded.rows == pixels)
}

@Test func unreadableBitmapsAreRefused() {
    let good = makeBMP(width: 2, height: 2, pixels: [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]])
    var compressed = good
    compressed[30] = 1
    var paletted = good
    paletted[28] = 8
    for bad in [Array(good.dropLast(3)), compressed, paletted, Array("not a bitmap".utf8), []] {
        #expect(bad.withUnsafeBytes { PNGEncoder.encode(bmp: $0) } == nil)
    }
}

@Test func renderedPNGDecodesToAWhitePictureWithInk() throws {
    let png = try GraphvizRenderer.render(dot: "digraph { bgcolor=\"white\"; a -> b }", format: .png)
    let decoded = try decodePNG(png)
    #expect(decoded.rows.count == decoded.height)
    // The corner is background; some pixels are ink.
    #expect(Array(decoded.rows[0].prefix(3)) == [255, 255, 255])
    #expect(decoded.rows.contains { row in row.contains { $0 < 100 } })
}

@Test(arguments: ["", "bgcolor=\"transparent\";", "bgcolor=\"#ffffff80\";"])
func backgroundsThatMayBeTransparentKeepTheirAlphaChannel(attribute: String) throws {
    let png = try GraphvizRenderer.render(dot: "digraph { \(attribute) a -> b }", format: .png)
    try #require(png.count > 26)
    // Colour type 6: RGB with alpha, as libgvc's own PNG writes it.
    #expect(png[25] == 6)
}
