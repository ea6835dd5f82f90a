// Where `gradstep graph` writes its picture and in which format.
import GraphRender

/// A file format for a graph picture.
public enum GraphFileFormat: String, Sendable, CaseIterable {
    /// A bitmap (lesson-sized graphs).
    case png
    /// A vector image (large graphs: PNG bitmaps are capped).
    case svg
    /// The DOT text itself.
    case dot

    /// The format a path's extension names, nil for any other extension.
    public init?(extensionOf path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        self.init(rawValue: name[name.index(after: dot)...].lowercased())
    }
}

/// Why an output path or format was refused.
public enum GraphOutputError: Error, Equatable, CustomStringConvertible {
    /// `--format` names no format this writes.
    case unknownFormat(String)
    /// `-o`'s extension and `--format` disagree.
    case formatMismatch(path: String, format: GraphFileFormat)
    /// `-o` has no extension this writes and no `--format` says which.
    case unknownExtension(path: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case .unknownFormat(let name):
            return "unknown format '\(name)' (choose png, svg or dot)"
        case .formatMismatch(let path, let format):
            return "\(path) does not end in .\(format.rawValue), but --format \(format.rawValue) was given"
        case .unknownExtension(let path):
            return "cannot tell the format of \(path): end it in .png, .svg or .dot, or give --format"
        }
    }
}

/// The path and format a picture is written in.
public struct GraphOutput: Equatable, Sendable {
    /// Where the file goes.
    public let path: String
    /// What it holds.
    public let format: GraphFileFormat

    /// Decides from `--format`, `-o` and the picture's preferred format (PNG within the node
    /// budget, SVG above it); `defaultStem` is the path without extension used without `-o`.
    public static func resolve(format: String?, output: String?, preferred: GraphImageFormat,
                               defaultStem: String) -> Result<GraphOutput, GraphOutputError> {
        var chosen: GraphFileFormat?
        if let format {
            guard let named = GraphFileFormat(rawValue: format.lowercased()) else { return .failure(.unknownFormat(format)) }
            chosen = named
        }
        guard let output else {
            let final = chosen ?? (preferred == .svg ? .svg : .png)
            return .success(GraphOutput(path: defaultStem + "." + final.rawValue, format: final))
        }
        let implied = GraphFileFormat(extensionOf: output)
        switch (chosen, implied) {
        case (let chosen?, let implied?) where chosen != implied:
            return .failure(.formatMismatch(path: output, format: chosen))
        case (let chosen?, _):
            return .success(GraphOutput(path: output, format: chosen))
        case (nil, let implied?):
            return .success(GraphOutput(path: output, format: implied))
        case (nil, nil):
            return .failure(.unknownExtension(path: output))
        }
    }

    /// Renders `picture` and writes it atomically (parent folders created; nothing written
    /// when rendering fails).
    public func write(_ picture: GraphPicture) throws(GraphRenderError) {
        switch format {
        case .png: try picture.write(toPath: path, as: .png)
        case .svg: try picture.write(toPath: path, as: .svg)
        case .dot: try GraphvizRenderer.write(Array(picture.dotText.utf8), toPath: path)
        }
    }
}
