/// A decoded safetensors header: tensor descriptions sorted by data offset, and metadata.
struct SafetensorsHeader {
    /// One tensor's header entry.
    struct TensorInfo {
        var name: String
        var dtype: DType
        var shape: [Int]
        /// Data offsets relative to the start of the data buffer, `begin <= end`.
        var begin: Int
        var end: Int
        /// The size `dtype` and `shape` call for.
        var byteCount: Int
    }

    /// Tensors ordered by `(begin, end, name)`, the order their bytes appear in the buffer.
    var tensors: [TensorInfo]
    /// The `__metadata__` object, or nil when the header has none.
    var metadata: [String: String]?

    /// Parses and type-checks header bytes; offsets are checked later by `validateLayout`.
    static func parse(_ bytes: [UInt8]) throws(SafetensorsError) -> SafetensorsHeader {
        // Validate UTF-8 up front so the JSON parser may decode string runs without checks.
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .headerNotUTF8 }
        let root: HeaderJSON
        do {
            root = try HeaderJSONParser.parse(bytes)
        } catch {
            throw .headerNotJSON(reason: error.reason, offset: error.offset)
        }
        guard case .object(let members) = root else {
            throw .headerNotObject(found: root.kindDescription)
        }

        var tensors: [TensorInfo] = []
        var metadata: [String: String]?
        var seen = Set<String>()
        for (key, value) in members {
            guard seen.insert(key).inserted else {
                if key == SafetensorsFile.metadataKey {
                    throw .invalidMetadata(reason: "appears more than once")
                }
                throw .duplicateName(key)
            }
            if key == SafetensorsFile.metadataKey {
                // The reference reader takes `null` as "no metadata".
                if case .null = value { continue }
                metadata = try parseMetadata(value)
            } else {
                tensors.append(try parseTensor(name: key, value))
            }
        }
        tensors.sort { left, right in
            if left.begin != right.begin { return left.begin < right.begin }
            if left.end != right.end { return left.end < right.end }
            return left.name.utf8.lexicographicallyPrecedes(right.name.utf8)
        }
        return SafetensorsHeader(tensors: tensors, metadata: metadata)
    }

    private static func parseMetadata(_ value: HeaderJSON) throws(SafetensorsError) -> [String: String] {
        guard case .object(let members) = value else {
            throw .invalidMetadata(reason: "must be an object, found \(value.kindDescription)")
        }
        var metadata: [String: String] = [:]
        for (key, item) in members {
            guard case .string(let text) = item else {
                throw .invalidMetadata(reason: "value for \"\(key)\" must be a string, found \(item.kindDescription)")
            }
            guard metadata.updateValue(text, forKey: key) == nil else {
                throw .invalidMetadata(reason: "repeats the key \"\(key)\"")
            }
        }
        return metadata
    }

    private static func parseTensor(name: String, _ value: HeaderJSON) throws(SafetensorsError) -> TensorInfo {
        guard case .object(let members) = value else {
            throw .invalidEntry(name: name, reason: "expected an object, found \(value.kindDescription)")
        }
        var fields: [String: HeaderJSON] = [:]
        for (key, item) in members {
            guard fields.updateValue(item, forKey: key) == nil else {
                throw .invalidEntry(name: name, reason: "repeats the key \"\(key)\"")
            }
        }
        // Unknown keys are ignored, as the reference reader ignores them.
        guard let dtypeValue = fields["dtype"] else {
            throw .invalidEntry(name: name, reason: "missing \"dtype\"")
        }
        guard case .string(let dtypeName) = dtypeValue else {
            throw .invalidEntry(name: name, reason: "\"dtype\" must be a string, found \(dtypeValue.kindDescription)")
        }
        guard let dtype = DType(safetensorsName: dtypeName) else {
            throw .unsupportedDType(name: name, dtype: dtypeName)
        }
        guard let shapeValue = fields["shape"] else {
            throw .invalidEntry(name: name, reason: "missing \"shape\"")
        }
        let shape = try integers(shapeValue, name: name, key: "shape")
        let byteCount = try SafetensorsFile.byteCount(name: name, dtype: dtype, shape: shape)
        guard let offsetsValue = fields["data_offsets"] else {
            throw .invalidEntry(name: name, reason: "missing \"data_offsets\"")
        }
        let offsets = try integers(offsetsValue, name: name, key: "data_offsets")
        guard offsets.count == 2 else {
            throw .invalidEntry(name: name, reason: "\"data_offsets\" must hold 2 integers, found \(offsets.count)")
        }
        guard offsets[0] >= 0, offsets[1] >= offsets[0] else {
            throw .invalidOffsets(name: name, begin: offsets[0], end: offsets[1])
        }
        return TensorInfo(name: name, dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1],
                          byteCount: byteCount)
    }

    /// Reads a JSON array of integers; negatives are kept so the caller can name the problem.
    private static func integers(_ value: HeaderJSON, name: String, key: String) throws(SafetensorsError) -> [Int] {
        guard case .array(let elements) = value else {
            throw .invalidEntry(name: name, reason: "\"\(key)\" must be an array, found \(value.kindDescription)")
        }
        var result: [Int] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            switch element {
            case .integer(let number):
                result.append(number)
            case .otherNumber(let text):
                throw .invalidEntry(name: name, reason: "\"\(key)\" must hold integers, found \(text)")
            default:
                throw .invalidEntry(name: name, reason: "\"\(key)\" must hold integers, found \(element.kindDescription)")
            }
        }
        return result
    }

    /// Checks that each tensor's byte span matches its dtype and shape, and that the spans
    /// tile the data buffer exactly: starting at 0, no gaps, no overlaps, nothing after.
    func validateLayout(bufferSize: Int) throws(SafetensorsError) {
        var cursor = 0
        for info in tensors {
            guard info.end <= bufferSize else {
                throw .offsetsOutOfRange(name: info.name, begin: info.begin, end: info.end, bufferSize: bufferSize)
            }
            guard info.begin == cursor else {
                throw .offsetsNotContiguous(name: info.name, begin: info.begin, expected: cursor)
            }
            guard info.end - info.begin == info.byteCount else {
                throw .sizeMismatch(name: info.name, dtype: info.dtype, shape: info.shape,
                                    expected: info.byteCount, actual: info.end - info.begin)
            }
            cursor = info.end
        }
        guard cursor == bufferSize else { throw .trailingBytes(count: bufferSize - cursor) }
    }
}
