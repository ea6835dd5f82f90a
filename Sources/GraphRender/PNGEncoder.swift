// PNG from the uncompressed bitmap libgvc's cairo renderer produces.
//
// libgvc's own PNG output spends about four fifths of its time in libpng's adaptive filter
// search and zlib's default compression level, far more than layout and drawing together.
// A diagram is mostly flat colour, so one fixed filter ("Up") and the fastest zlib level
// give files about as small in a third of the time.
import CZlib

/// The layout of an uncompressed 24- or 32-bit Windows bitmap (what gdk-pixbuf writes).
struct BMPLayout: Equatable {
    let width: Int
    let height: Int
    /// Where the pixel rows start.
    let offset: Int
    /// Bytes per stored row (rows are padded to four bytes).
    let stride: Int
    let bytesPerPixel: Int
    /// A positive height in the header means rows are stored bottom to top.
    let bottomUp: Bool

    /// Reads the header; nil for anything else (compressed, paletted, truncated).
    init?(_ bmp: UnsafeRawBufferPointer) {
        guard bmp.count >= 54, bmp[0] == 0x42, bmp[1] == 0x4D else { return nil }
        func u32(_ at: Int) -> UInt32 {
            UInt32(bmp[at]) | UInt32(bmp[at + 1]) << 8 | UInt32(bmp[at + 2]) << 16 | UInt32(bmp[at + 3]) << 24
        }
        let rawHeight = Int(Int32(bitPattern: u32(22)))
        let bitsPerPixel = Int(bmp[28]) | Int(bmp[29]) << 8
        width = Int(Int32(bitPattern: u32(18)))
        height = abs(rawHeight)
        offset = Int(u32(10))
        bytesPerPixel = bitsPerPixel / 8
        stride = (width * bytesPerPixel + 3) / 4 * 4
        bottomUp = rawHeight > 0
        guard width > 0, width < 1 << 20, height > 0, height < 1 << 20, u32(30) == 0,
              bitsPerPixel == 24 || bitsPerPixel == 32,
              offset >= 54, offset + stride * height <= bmp.count else { return nil }
    }

    /// Where stored row `y` (counted from the top of the picture) starts.
    func rowStart(_ y: Int) -> Int { offset + stride * (bottomUp ? height - 1 - y : y) }
}

/// Writes 8-bit RGB PNG files.
enum PNGEncoder {
    /// The bitmap as PNG bytes; nil when it is not a bitmap this reads or zlib fails.
    static func encode(bmp: UnsafeRawBufferPointer) -> [UInt8]? {
        guard let layout = BMPLayout(bmp), let base = bmp.baseAddress else { return nil }
        let width = layout.width, height = layout.height, size = layout.bytesPerPixel
        let rowBytes = width * 3
        // Each row: the filter type (2, "Up": the difference from the row above), then its
        // bytes; BMP stores blue, green, red, PNG wants red, green, blue.
        var filtered = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
        filtered.withUnsafeMutableBufferPointer { target in
            guard let t = target.baseAddress else { return }
            let pixels = base.assumingMemoryBound(to: UInt8.self)
            for y in 0..<height {
                let row = t + y * (rowBytes + 1)
                row[0] = 2
                let current = pixels + layout.rowStart(y)
                if y == 0 {
                    for x in 0..<width {
                        row[1 + 3 * x] = current[size * x + 2]
                        row[2 + 3 * x] = current[size * x + 1]
                        row[3 + 3 * x] = current[size * x]
                    }
                } else {
                    let above = pixels + layout.rowStart(y - 1)
                    for x in 0..<width {
                        let p = size * x
                        row[1 + 3 * x] = current[p + 2] &- above[p + 2]
                        row[2 + 3 * x] = current[p + 1] &- above[p + 1]
                        row[3 + 3 * x] = current[p] &- above[p]
                    }
                }
            }
        }
        guard let compressed = deflate(filtered) else { return nil }
        var header: [UInt8] = []
        header += bigEndian(UInt32(width))
        header += bigEndian(UInt32(height))
        // Bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace.
        header += [8, 2, 0, 0, 0]
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png.reserveCapacity(compressed.count + 64)
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", compressed, to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        png += bigEndian(UInt32(data.count))
        png += typeBytes
        png += data
        var crc = typeBytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
        crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
        png += bigEndian(UInt32(truncatingIfNeeded: crc))
    }

    /// A zlib stream of `data` at the fastest level.
    private static func deflate(_ data: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        let initStatus = deflateInit2_(&stream, 1, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY,
                                       zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(data.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let status = data.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                // zlib only reads the input; its header just lacks the const.
                stream.next_in = source.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}
