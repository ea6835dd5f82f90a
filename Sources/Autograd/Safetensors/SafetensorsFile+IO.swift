extension SafetensorsFile {
    /// Reads and decodes the safetensors file at `path`.
    public static func read(path: String) throws(SafetensorsError) -> SafetensorsFile {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path: path)
        } catch {
            throw .cannotRead(path: path, reason: error.reason)
        }
        return try decode(bytes)
    }

    /// Encodes and writes the file to `path` atomically (temporary file, then rename).
    public func write(path: String) throws(SafetensorsError) {
        let bytes = try encode()
        do {
            try FileBytes.writeAtomically(bytes, toPath: path)
        } catch {
            throw .cannotWrite(path: path, reason: error.reason)
        }
    }
}
