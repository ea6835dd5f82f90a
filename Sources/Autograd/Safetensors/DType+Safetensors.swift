extension DType {
    /// The dtype's name in a safetensors header, e.g. `F32`.
    public var safetensorsName: String {
        switch self {
        case .float32: return "F32"
        case .float64: return "F64"
        case .int64: return "I64"
        case .int32: return "I32"
        case .bool: return "BOOL"
        }
    }

    /// The dtype a safetensors header names, or nil for names this engine cannot hold.
    public init?(safetensorsName name: String) {
        guard let match = DType.allCases.first(where: { $0.safetensorsName == name }) else {
            return nil
        }
        self = match
    }

    /// Position in the safetensors format's own dtype enumeration, which lists dtypes by
    /// increasing alignment. Writers place higher ranks first so every tensor's data stays
    /// aligned; the reference writer breaks ties by name.
    var safetensorsAlignmentRank: Int {
        switch self {
        case .bool: return 0
        case .int32: return 1
        case .float32: return 2
        case .float64: return 3
        case .int64: return 4
        }
    }

    /// The supported header names, in the order error messages list them.
    static var safetensorsNames: String {
        DType.allCases.map(\.safetensorsName).joined(separator: ", ")
    }
}
