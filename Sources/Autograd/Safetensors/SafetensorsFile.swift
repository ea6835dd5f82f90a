/// One named tensor as stored in a safetensors file: dtype, shape and raw bytes.
public struct SafetensorsEntry: Equatable, Sendable {
    /// The tensor's key in the file, e.g. `layer1.weight`.
    public var name: String
    /// The element type.
    public var dtype: DType
    /// The dimensions; empty for a 0-d tensor.
    public var shape: [Int]
    /// The elements in row-major order as little-endian bytes (one byte per bool, 0 or 1).
    public var data: [UInt8]

    /// Creates an entry; `encode()` checks that `data` matches `dtype` and `shape`.
    public init(name: String, dtype: DType, shape: [Int], data: [UInt8]) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.data = data
    }
}

/// The contents of a safetensors file: named tensors plus optional string metadata.
///
/// Layout: an 8-byte little-endian header length N, N bytes of JSON header mapping each name
/// to `{"dtype", "shape", "data_offsets"}` (offsets relative to the data buffer) plus an
/// optional `"__metadata__"` object of strings, then the data buffer.
public struct SafetensorsFile: Equatable, Sendable {
    /// The tensors, in data-buffer order when decoded.
    public var entries: [SafetensorsEntry]
    /// Free-form string metadata; nil means the header has no `__metadata__` key at all.
    public var metadata: [String: String]?

    /// Creates a file's contents from tensors and optional metadata.
    public init(entries: [SafetensorsEntry], metadata: [String: String]? = nil) {
        self.entries = entries
        self.metadata = metadata
    }

    /// The entry called `name`, if any.
    public func entry(named name: String) -> SafetensorsEntry? {
        entries.first { $0.name == name }
    }

    /// The largest header the format allows; anything bigger is refused before allocating.
    static let maximumHeaderLength: UInt64 = 100_000_000

    /// Reserved header key for the metadata object.
    static let metadataKey = "__metadata__"

    /// Decodes a whole safetensors file, checking every header claim against the bytes.
    public static func decode(_ bytes: [UInt8]) throws(SafetensorsError) -> SafetensorsFile {
        guard bytes.count >= 8 else { throw .fileTooSmall(byteCount: bytes.count) }
        var headerLength: UInt64 = 0
        for index in 0..<8 {
            headerLength |= UInt64(bytes[index]) << (8 * UInt64(index))
        }
        guard headerLength <= maximumHeaderLength else { throw .headerTooLarge(length: headerLength) }
        // The limit above keeps this conversion and the addition below far from overflow.
        let headerEnd = 8 + Int(headerLength)
        guard headerEnd <= bytes.count else {
            throw .headerBeyondFile(length: headerLength, available: bytes.count - 8)
        }
        let headerBytes = Array(bytes[8..<headerEnd])
        let header = try SafetensorsHeader.parse(headerBytes)
        let bufferSize = bytes.count - headerEnd
        try header.validateLayout(bufferSize: bufferSize)
        let entries = header.tensors.map { info in
            SafetensorsEntry(name: info.name, dtype: info.dtype, shape: info.shape,
                             data: Array(bytes[(headerEnd + info.begin)..<(headerEnd + info.end)]))
        }
        return SafetensorsFile(entries: entries, metadata: header.metadata)
    }

    /// Encodes the file exactly as the reference `safetensors` writer would: tensors ordered
    /// by decreasing dtype alignment then by name, `__metadata__` first, the header padded
    /// with spaces to a multiple of 8 bytes. Metadata keys are written sorted (the reference
    /// writer's order for several keys is unspecified).
    public func encode() throws(SafetensorsError) -> [UInt8] {
        let ordered = try Self.orderedForWriting(entries)
        var json = HeaderJSONWriter()
        json.raw("{")
        var needsComma = false
        if let metadata {
            json.string(Self.metadataKey)
            json.raw(":{")
            let keys = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { json.raw(",") }
                json.string(key)
                json.raw(":")
                json.string(metadata[key] ?? "")
            }
            json.raw("}")
            needsComma = true
        }
        var offset = 0
        for entry in ordered {
            if needsComma { json.raw(",") }
            needsComma = true
            json.string(entry.name)
            json.raw(":{\"dtype\":")
            json.string(entry.dtype.safetensorsName)
            json.raw(",\"shape\":")
            json.integerArray(entry.shape)
            json.raw(",\"data_offsets\":")
            json.integerArray([offset, offset + entry.data.count])
            json.raw("}")
            offset += entry.data.count
        }
        json.raw("}")
        var header = json.bytes
        // Padding keeps the data buffer 8-byte aligned so readers can map it in place.
        let padding = (8 - header.count % 8) % 8
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))

        var output: [UInt8] = []
        output.reserveCapacity(8 + header.count + offset)
        let length = UInt64(header.count)
        for index in 0..<8 {
            output.append(UInt8(truncatingIfNeeded: length >> (8 * UInt64(index))))
        }
        output.append(contentsOf: header)
        for entry in ordered {
            output.append(contentsOf: entry.data)
        }
        return output
    }

    /// Checks every entry and returns them in the reference writer's order.
    private static func orderedForWriting(
        _ entries: [SafetensorsEntry]
    ) throws(SafetensorsError) -> [SafetensorsEntry] {
        var seen = Set<String>()
        for entry in entries {
            guard entry.name != metadataKey else { throw .reservedName }
            guard seen.insert(entry.name).inserted else { throw .duplicateName(entry.name) }
            let expected = try byteCount(name: entry.name, dtype: entry.dtype, shape: entry.shape)
            guard expected == entry.data.count else {
                throw .sizeMismatch(name: entry.name, dtype: entry.dtype, shape: entry.shape,
                                    expected: expected, actual: entry.data.count)
            }
        }
        // Names compare by UTF-8 bytes, as the reference writer's string ordering does.
        return entries.sorted { left, right in
            let leftRank = left.dtype.safetensorsAlignmentRank
            let rightRank = right.dtype.safetensorsAlignmentRank
            if leftRank != rightRank { return leftRank > rightRank }
            return left.name.utf8.lexicographicallyPrecedes(right.name.utf8)
        }
    }

    /// The byte size of a tensor, refusing negative dimensions and sizes that overflow `Int`.
    static func byteCount(name: String, dtype: DType, shape: [Int]) throws(SafetensorsError) -> Int {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw .negativeDimension(name: name, shape: shape) }
        var total = dtype.itemSize
        for dimension in shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw .shapeOverflow(name: name, shape: shape) }
            total = product
        }
        return total
    }
}
