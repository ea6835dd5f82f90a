import Autograd
import CGraphviz
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output format libgvc can produce here.
public enum GraphImageFormat: String, Sendable, CaseIterable {
    /// Raster image through the cairo plugin.
    case png
    /// Vector image through the core SVG plugin.
    case svg
}

/// Why DOT text could not be turned into an image or saved.
public enum GraphRenderError: Error, Equatable, CustomStringConvertible {
    /// libgvc rejected the DOT text; `messages` are its own words.
    case invalidDOT(messages: [String])
    /// The `dot` layout failed.
    case layoutFailed(messages: [String])
    /// Producing the image failed.
    case renderFailed(format: GraphImageFormat, messages: [String])
    /// The image could not be written.
    case cannotWrite(path: String, reason: String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case .invalidDOT(let messages):
            return "Graphviz could not read the DOT text: " + messages.joined(separator: "; ")
        case .layoutFailed(let messages):
            return "Graphviz could not lay out the graph: " + messages.joined(separator: "; ")
                + Self.pluginHint(messages)
        case .renderFailed(let format, let messages):
            return "Graphviz could not render \(format.rawValue.uppercased()): " + messages.joined(separator: "; ")
                + Self.pluginHint(messages)
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }

    /// Plugins come from libgvc's configuration file, written when the package is installed;
    /// a missing file shows up as "not recognized" and is fixed by regenerating it.
    private static func pluginHint(_ messages: [String]) -> String {
        guard messages.contains(where: { $0.contains("not recognized") || $0.contains("unavailable") }) else {
            return ""
        }
        return " (Graphviz plugins are not configured: install libgvc6 and run "
            + "`libgvc6-config-update -c` or `dot -c` as root)"
    }
}

/// Turns DOT text into PNG or SVG bytes inside this process with libgvc.
///
/// libgvc keeps global state (the parser, the error hook, plugin tables), so every call
/// into it is made while holding one lock, and a single context is shared for the process.
public enum GraphvizRenderer {
    /// Lays out the first graph in `dot` with the `dot` engine and renders it as `format`;
    /// text after that graph is ignored, as libgvc ignores it.
    public static func render(dot: String, format: GraphImageFormat) throws(GraphRenderError) -> [UInt8] {
        // A NUL would silently cut the C string short and hide the rest of the graph.
        guard !dot.utf8.contains(0) else {
            throw .invalidDOT(messages: ["DOT text contains a NUL character"])
        }
        let outcome: Result<[UInt8], GraphRenderError> = Libgvc.shared.withLock { state in
            renderLocked(dot: dot, format: format, state: state)
        }
        return try outcome.get()
    }

    /// Renders `dot` as `format` and writes it to `path` atomically (temporary file, rename),
    /// creating missing parent folders; nothing is written when rendering fails.
    public static func render(dot: String, format: GraphImageFormat, toPath path: String) throws(GraphRenderError) {
        let bytes = try render(dot: dot, format: format)
        try write(bytes, toPath: path)
    }

    /// Writes `bytes` to `path` atomically, creating missing parent folders.
    public static func write(_ bytes: [UInt8], toPath path: String) throws(GraphRenderError) {
        if let reason = makeParentFolders(of: path) {
            throw .cannotWrite(path: path, reason: reason)
        }
        do {
            try FileBytes.writeAtomically(bytes, toPath: path)
        } catch {
            throw .cannotWrite(path: path, reason: error.reason)
        }
    }

    /// The output formats libgvc's installed plugins offer, e.g. `["png", "svg", ...]`.
    public static func availableFormats() -> [String] {
        Libgvc.shared.withLock { state in
            var count: Int32 = 0
            guard let list = gvPluginList(state.context, "device", &count, nil) else { return [] }
            var names: [String] = []
            for index in 0..<Int(max(count, 0)) {
                if let item = list[index] {
                    // Entries look like "png:cairo"; keep the format part.
                    let entry = String(cString: item)
                    names.append(String(entry.prefix { $0 != ":" }))
                    free(item)
                }
            }
            free(list)
            return Array(Set(names)).sorted()
        }
    }

    /// Only the first graph in the text is read. agmemread stops after it but keeps the rest
    /// of that line buffered, and the next call would parse the leftover before its own text
    /// (later lines are dropped with the call's input). Reading empty input until nothing
    /// is left consumes the leftover; whatever it held, and any complaint about it, is ignored.
    private static func discardLeftoverInput(state: Libgvc.State) {
        while let extra = agmemread("") {
            agclose(extra)
        }
        state.messages = ""
    }

    private static func renderLocked(dot: String, format: GraphImageFormat,
                                      state: Libgvc.State) -> Result<[UInt8], GraphRenderError> {
        state.messages = ""
        guard let context = state.context else {
            return .failure(.layoutFailed(messages: ["libgvc could not create a context"]))
        }
        // The scanner's line counter survives from the previous parse; restart it so
        // messages give line numbers within this text.
        agreadline(1)
        let graph = dot.withCString { agmemread($0) }
        // HTML-label mistakes are reported as errors while parsing still succeeds with a
        // fallback label; treat them as failures so bad labels never pass unnoticed.
        let parseErrors = state.errorLines()
        discardLeftoverInput(state: state)
        guard let graph else {
            return .failure(.invalidDOT(messages: parseErrors.isEmpty ? ["no graph found in the DOT text"] : parseErrors))
        }
        defer { agclose(graph) }
        guard parseErrors.isEmpty else { return .failure(.invalidDOT(messages: parseErrors)) }

        let layoutStatus = gvLayout(context, graph, "dot")
        defer { gvFreeLayout(context, graph) }
        let layoutErrors = state.errorLines()
        guard layoutStatus == 0, layoutErrors.isEmpty else {
            // Label errors surface during layout, since that is when labels are built.
            if layoutStatus == 0 { return .failure(.invalidDOT(messages: layoutErrors)) }
            return .failure(.layoutFailed(messages: layoutErrors.isEmpty ? ["gvLayout returned \(layoutStatus)"] : layoutErrors))
        }

        // PNG goes through an uncompressed bitmap and our own encoder (see PNGEncoder) when
        // the background is opaque (a bitmap has no alpha channel). Should that device be
        // missing, libgvc's own PNG is used from then on.
        if format == .png, state.bitmapRoute != false, hasOpaqueBackground(graph) {
            let viaBitmap = renderData(context, graph, device: "bmp:cairo", format: format, state: state) {
                PNGEncoder.encode(bmp: $0)
            }
            guard case .failure(.renderFailed(_, let messages)) = viaBitmap, state.bitmapRoute == nil,
                  messages.contains(where: { $0.contains("not recognized") || $0.contains("unavailable") }) else {
                if case .success = viaBitmap { state.bitmapRoute = true }
                return viaBitmap
            }
            state.bitmapRoute = false
            state.messages = ""
        }
        return renderData(context, graph, device: format.rawValue, format: format, state: state) { [UInt8]($0) }
    }

    /// True when the graph's `bgcolor` is a colour without transparency.
    private static func hasOpaqueBackground(_ graph: UnsafeMutablePointer<Agraph_t>) -> Bool {
        let value = "bgcolor".withCString { name in
            agget(UnsafeMutableRawPointer(graph), UnsafeMutablePointer(mutating: name)).map { String(cString: $0) }
        }
        guard let color = value.map({ trimmedOfSpaces($0).lowercased() }), !color.isEmpty,
              color != "transparent", color != "none", !color.contains(":"), !color.contains(",") else { return false }
        // `#rrggbbaa` is opaque only with alpha ff.
        if color.hasPrefix("#"), color.count == 9 { return color.hasSuffix("ff") }
        return true
    }

    /// Renders a laid-out graph with libgvc's `device`, handing the bytes to `convert` while
    /// libgvc still owns them (nil from it is a render failure).
    private static func renderData(_ context: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>, device: String,
                                   format: GraphImageFormat, state: Libgvc.State,
                                   convert: (UnsafeRawBufferPointer) -> [UInt8]?) -> Result<[UInt8], GraphRenderError> {
        var data: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        let renderStatus = gvRenderData(context, graph, device, &data, &length)
        defer { if let data { gvFreeRenderData(data) } }
        let renderErrors = state.errorLines()
        guard renderStatus == 0, renderErrors.isEmpty, let data else {
            return .failure(.renderFailed(format: format,
                                          messages: renderErrors.isEmpty ? ["gvRenderData returned \(renderStatus)"] : renderErrors))
        }
        guard let bytes = convert(UnsafeRawBufferPointer(start: data, count: Int(length))) else {
            return .failure(.renderFailed(format: format, messages: ["\(device) output could not be converted"]))
        }
        return .success(bytes)
    }
}

/// The process-wide libgvc context and the messages its error hook collects.
private final class Libgvc: @unchecked Sendable {
    /// Mutable state, touched only while `lock` is held.
    final class State {
        let context: OpaquePointer?
        /// Everything libgvc reported since the last reset, as it arrived in pieces.
        var messages = ""
        /// Whether PNG goes through a bitmap and our encoder; nil until first tried.
        var bitmapRoute: Bool?

        init(context: OpaquePointer?) {
            self.context = context
        }

        /// The complete error messages collected so far, without their "Error: " prefix.
        func errorLines() -> [String] {
            // libgvc hands over "Error", ": " and the text as separate pieces; joined, each
            // message is one line, sometimes continued on the next ("in label of node a").
            var errors: [String] = []
            var inError = false
            for line in messages.split(separator: "\n", omittingEmptySubsequences: true) {
                let text = trimmedOfSpaces(line)
                if text.hasPrefix("Error: ") {
                    errors.append(String(text.dropFirst("Error: ".count)))
                    inError = true
                } else if text.hasPrefix("Warning: ") {
                    inError = false
                } else if inError, let last = errors.popLast() {
                    errors.append(last + " " + text)
                }
            }
            return errors
        }
    }

    static let shared = Libgvc()

    /// A plain mutex: `body` returns whatever its caller renders, which a `Mutex`'s
    /// `withLock` would require to be sendable. The one instance lives for the process.
    private let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        return mutex
    }()
    private var state: State?

    /// Runs `body` with the lock held, creating the context on first use.
    func withLock<T>(_ body: (State) -> T) -> T {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        let current: State
        if let state {
            current = state
        } else {
            // The hook replaces libgvc's default of printing to stderr.
            _ = agseterrf { piece in
                if let piece { Libgvc.shared.state?.messages += String(cString: piece) }
                return 0
            }
            // gvContext reads the plugin configuration (config6a) written at install time.
            current = State(context: gvContext())
            state = current
        }
        return body(current)
    }
}

/// `text` without leading and trailing spaces and tabs.
func trimmedOfSpaces<Text: StringProtocol>(_ text: Text) -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else {
        return ""
    }
    return String(text[first...last])
}

/// Creates the folders above `path` that do not exist yet; the reason when one cannot be made.
func makeParentFolders(of path: String) -> String? {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for part in path.split(separator: "/").dropLast() {
        prefix += part
        if mkdir(prefix, 0o755) != 0, errno != EEXIST {
            return "cannot create folder \"\(prefix)\" (\(String(cString: strerror(errno))))"
        }
        prefix += "/"
    }
    return nil
}
