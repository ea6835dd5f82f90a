/// Why a safetensors file could not be read, decoded, encoded or written.
public enum SafetensorsError: Error, Equatable, CustomStringConvertible {
    /// Fewer than the 8 bytes that hold the header length.
    case fileTooSmall(byteCount: Int)
    /// The header length exceeds the format's 100,000,000-byte limit.
    case headerTooLarge(length: UInt64)
    /// The header length points past the end of the file.
    case headerBeyondFile(length: UInt64, available: Int)
    /// The header bytes are not valid UTF-8.
    case headerNotUTF8
    /// The header is not valid JSON; `offset` counts bytes from the start of the header.
    case headerNotJSON(reason: String, offset: Int)
    /// The header is valid JSON but not an object.
    case headerNotObject(found: String)
    /// The header lists the same tensor name twice.
    case duplicateName(String)
    /// `__metadata__` is not an object whose values are all strings.
    case invalidMetadata(reason: String)
    /// A tensor's header entry is malformed (missing key, wrong JSON type, ...).
    case invalidEntry(name: String, reason: String)
    /// A tensor's dtype is not one this engine can hold.
    case unsupportedDType(name: String, dtype: String)
    /// A tensor's shape has a negative dimension.
    case negativeDimension(name: String, shape: [Int])
    /// A tensor's element count times item size does not fit in memory sizes.
    case shapeOverflow(name: String, shape: [Int])
    /// A tensor's data size disagrees with its dtype and shape.
    case sizeMismatch(name: String, dtype: DType, shape: [Int], expected: Int, actual: Int)
    /// A tensor's `data_offsets` end before they begin, or are negative.
    case invalidOffsets(name: String, begin: Int, end: Int)
    /// A tensor's data reaches past the end of the data buffer.
    case offsetsOutOfRange(name: String, begin: Int, end: Int, bufferSize: Int)
    /// A tensor's data does not start where the previous tensor's data ended.
    case offsetsNotContiguous(name: String, begin: Int, expected: Int)
    /// Bytes follow the last tensor's data.
    case trailingBytes(count: Int)
    /// A tensor may not be named `__metadata__`, which the header reserves.
    case reservedName
    /// The file could not be read.
    case cannotRead(path: String, reason: String)
    /// The file could not be written.
    case cannotWrite(path: String, reason: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case .fileTooSmall(let count):
            return "safetensors file is too small: \(count) bytes, but the header length alone takes 8"
        case .headerTooLarge(let length):
            return "safetensors header length \(length) exceeds the limit of 100000000 bytes"
        case .headerBeyondFile(let length, let available):
            return "safetensors header length \(length) is larger than the \(available) bytes that follow it"
        case .headerNotUTF8:
            return "safetensors header is not valid UTF-8"
        case .headerNotJSON(let reason, let offset):
            return "safetensors header is not valid JSON: \(reason) at header byte \(offset)"
        case .headerNotObject(let found):
            return "safetensors header must be a JSON object, found \(found)"
        case .duplicateName(let name):
            return "safetensors header names tensor \(quoted(name)) more than once"
        case .invalidMetadata(let reason):
            return "safetensors header's __metadata__ \(reason)"
        case .invalidEntry(let name, let reason):
            return "tensor \(quoted(name)) in safetensors header: \(reason)"
        case .unsupportedDType(let name, let dtype):
            return "tensor \(quoted(name)) has unsupported dtype \(quoted(dtype)) "
                + "(supported: \(DType.safetensorsNames))"
        case .negativeDimension(let name, let shape):
            return "tensor \(quoted(name)) has a negative dimension in shape \(shape)"
        case .shapeOverflow(let name, let shape):
            return "tensor \(quoted(name)) with shape \(shape) is too large"
        case .sizeMismatch(let name, let dtype, let shape, let expected, let actual):
            return "tensor \(quoted(name)) of dtype \(dtype.safetensorsName) and shape \(shape) "
                + "needs \(expected) bytes but has \(actual)"
        case .invalidOffsets(let name, let begin, let end):
            return "tensor \(quoted(name)) has invalid data_offsets [\(begin), \(end)]"
        case .offsetsOutOfRange(let name, let begin, let end, let size):
            return "tensor \(quoted(name)) data_offsets [\(begin), \(end)] reach past the end "
                + "of the \(size)-byte data buffer"
        case .offsetsNotContiguous(let name, let begin, let expected):
            let problem = begin < expected ? "overlaps the previous tensor" : "leaves a gap"
            return "tensor \(quoted(name)) data starts at byte \(begin) but the previous tensor "
                + "ends at byte \(expected) (\(problem))"
        case .trailingBytes(let count):
            return "safetensors file has \(count) bytes after the last tensor's data"
        case .reservedName:
            return "a tensor cannot be named \"__metadata__\"; safetensors reserves that key"
        case .cannotRead(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}

/// Quotes a tensor name for a message, escaping what would otherwise hide or garble it.
private func quoted(_ text: String) -> String {
    var writer = HeaderJSONWriter()
    writer.string(text)
    return String(decoding: writer.bytes, as: UTF8.self)
}
