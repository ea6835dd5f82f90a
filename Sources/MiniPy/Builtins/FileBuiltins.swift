// Text files: `open()` and `sys.stdout` / `sys.stderr`.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A text file object (`_io.TextIOWrapper`): a file opened by `open()`, or a stream.
public final class PyTextFile: PyIterator {
    /// The name given to `open()` (or `<stdout>`).
    public let name: String
    /// The mode (`r`, `w`, `a`).
    public let mode: String
    private let stream: TextSink?
    private let flushBefore: TextSink?
    /// What a file opened for reading holds, as UTF-8 with newlines already translated.
    private var content: [UInt8] = []
    /// Byte offset of the next read in `content` (always at a code point boundary).
    private var position = 0
    /// The line terminator reads look for; nil means `\n` after translation, empty means any.
    private let lineEnd: [UInt8]?
    private var pending = ""
    private var handle: UnsafeMutablePointer<FILE>?
    /// True after `close()`.
    public private(set) var closed = false

    /// A file object writing to a stream (`sys.stdout`, `sys.stderr`).
    public init(stream: TextSink, name: String, flushBefore: TextSink?) {
        self.stream = stream
        self.name = name
        self.mode = "w"
        self.flushBefore = flushBefore
        self.lineEnd = nil
        super.init(type: BuiltinTypes.textFile)
    }

    /// Opens a file on disk; raises `FileNotFoundError` as CPython words it.
    /// `newline` is `open()`'s: nil translates `\r\n` and `\r` to `\n`; `""` keeps them and
    /// ends lines at any of the three; another value keeps them and ends lines at that value.
    init(path: String, mode: String, newline: String? = nil) throws {
        self.name = path
        self.lineEnd = newline.map { Array($0.utf8) }
        self.mode = mode
        self.stream = nil
        self.flushBefore = nil
        super.init(type: BuiltinTypes.textFile)
        let m = mode.replacingOccurrences(of: "t", with: "")
        let cmode: String
        switch m.first {
        case "r": cmode = m.contains("+") ? "r+" : "r"
        case "w": cmode = m.contains("+") ? "w+" : "w"
        case "a": cmode = m.contains("+") ? "a+" : "a"
        case "x": cmode = "wx"
        default: throw PyErr.valueError("invalid mode: '\(mode)'")
        }
        guard let h = fopen(path, cmode) else {
            let code = errno
            let (type, message): (PyType, String)
            switch code {
            case ENOENT: (type, message) = (BuiltinTypes.fileNotFoundError, "No such file or directory")
            case EISDIR: (type, message) = (BuiltinTypes.isADirectoryError, "Is a directory")
            case EACCES: (type, message) = (BuiltinTypes.permissionError, "Permission denied")
            case EEXIST: (type, message) = (BuiltinTypes.fileExistsError, "File exists")
            default: (type, message) = (BuiltinTypes.osError, String(cString: strerror(code)))
            }
            throw PyErr.osError(type, errno: Int(code), message: message, filename: path)
        }
        if m.first == "r" {
            var bytes: [UInt8] = []
            var buf = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = fread(&buf, 1, buf.count, h)
                if n <= 0 { break }
                bytes.append(contentsOf: buf[0..<n])
            }
            if let isDir = Optional(ferror(h)), isDir != 0 {
                fclose(h)
                throw PyErr.osError(BuiltinTypes.isADirectoryError, errno: Int(EISDIR), message: "Is a directory", filename: path)
            }
            // Invalid UTF-8 becomes U+FFFD once here, so reads can cut lines at byte offsets.
            let text = Array(String(decoding: bytes, as: UTF8.self).utf8)
            // Universal newlines, as the scanner reads source: `\r\n` and a lone `\r` become `\n`.
            content = lineEnd == nil && text.contains(UInt8(ascii: "\r")) ? SourceBuffer.normalizingLineBreaks(text) : text
            if !m.contains("+") {
                fclose(h)
                return
            }
        }
        handle = h
    }

    deinit {
        if let handle { fclose(handle) }
    }

    /// Writes text (to the stream, or to the file).
    public func write(_ text: String) throws {
        if closed { throw PyErr.valueError("I/O operation on closed file.") }
        if let stream {
            flushBefore?.flush()
            stream.write(text)
            return
        }
        guard let handle, mode.first != "r" || mode.contains("+") else {
            throw PyErr.osError(BuiltinTypes.osError, errno: 0, message: "not writable", filename: nil)
        }
        fputs(text, handle)
    }

    func flush() {
        stream?.flush()
        if let handle { fflush(handle) }
    }

    func close() {
        flush()
        if let handle { fclose(handle) }
        handle = nil
        closed = true
    }

    func readAll() throws -> String {
        try checkReadable()
        let s = String(decoding: content[position...], as: UTF8.self)
        position = content.count
        return s
    }

    func readLine() throws -> String? {
        try checkReadable()
        guard position < content.count else { return nil }
        let end = endOfLine(from: position)
        let s = String(decoding: content[position..<end], as: UTF8.self)
        position = end
        return s
    }

    /// The offset just past the line that starts at `start` (its terminator included).
    private func endOfLine(from start: Int) -> Int {
        let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var i = start
        switch lineEnd {
        case nil:
            while i < content.count && content[i] != newline { i += 1 }
            return min(i + 1, content.count)
        case let terminator? where terminator.isEmpty:
            while i < content.count {
                if content[i] == newline { return i + 1 }
                if content[i] == carriageReturn {
                    return i + 1 < content.count && content[i + 1] == newline ? i + 2 : i + 1
                }
                i += 1
            }
            return i
        case let terminator?:
            while i + terminator.count <= content.count {
                if content[i..<(i + terminator.count)].elementsEqual(terminator) { return i + terminator.count }
                i += 1
            }
            return content.count
        }
    }

    private func checkReadable() throws {
        if closed { throw PyErr.valueError("I/O operation on closed file.") }
        if stream != nil || !(mode.first == "r" || mode.contains("+")) {
            throw PyErr.osError(BuiltinTypes.osError, errno: 0, message: "not readable", filename: nil)
        }
    }

    override public func next(_ interp: Interpreter) throws -> Value? {
        try readLine().map { .str($0) }
    }
}

enum FileBuiltins {
    static func file(_ args: [Value]) throws -> PyTextFile {
        guard case .object(let o)? = args.first, let f = o as? PyTextFile else { throw PyErr.typeError("expected a file object") }
        return f
    }

    /// `open(file, mode='r', encoding=None, ...)`.
    static func open(_ interp: Interpreter, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        let a = try NativeArguments("open", args, kwargs, names: ["file", "mode", "buffering", "encoding", "errors", "newline"], required: 1)
        guard case .str(let path)? = a[0] else {
            throw PyErr.typeError("expected str, bytes or os.PathLike object, not \(a[0]?.typeName ?? "NoneType")")
        }
        let mode = try a[1]?.expectString("open() argument 'mode'") ?? "r"
        if mode.contains("b") { throw PyErr.valueError("binary mode files are not supported by gradstep") }
        var newline: String?
        if let v = a[5], !v.isNone {
            let text = try v.expectString("open() argument 'newline'")
            guard ["", "\n", "\r", "\r\n"].contains(text) else { throw PyErr.valueError("illegal newline value: \(text)") }
            newline = text
        }
        return .object(try PyTextFile(path: path, mode: mode, newline: newline))
    }

    static func install(_ t: PyType) {
        t.define("write") { _, args, _ in
            guard args.count == 2, case .str(let s) = args[1] else {
                throw PyErr.typeError("write() argument must be str, not \(args.count > 1 ? args[1].typeName : "nothing")")
            }
            try file(args).write(s)
            return .int(s.unicodeScalars.count)
        }
        t.define("writelines") { interp, args, _ in
            let f = try file(args)
            for line in try interp.toArray(args.count > 1 ? args[1] : .list([])) {
                try f.write(try line.expectString("write() argument"))
            }
            return .none
        }
        t.define("read") { _, args, _ in .str(try file(args).readAll()) }
        t.define("readline") { _, args, _ in .str(try file(args).readLine() ?? "") }
        t.define("readlines") { _, args, _ in
            let f = try file(args)
            var lines: [Value] = []
            while let l = try f.readLine() { lines.append(.str(l)) }
            return .list(lines)
        }
        t.define("flush") { _, args, _ in
            try file(args).flush()
            return .none
        }
        t.define("close") { _, args, _ in
            try file(args).close()
            return .none
        }
        t.define("__enter__") { _, args, _ in args[0] }
        t.define("__exit__") { _, args, _ in
            try file(args).close()
            return .bool(false)
        }
        t.define("__iter__") { _, args, _ in args[0] }
        t.define("__next__") { _, args, _ in
            guard let l = try file(args).readLine() else { throw PyErr.stopIteration() }
            return .str(l)
        }
        t.define("fileno") { _, args, _ in .int(try file(args).name == "<stderr>" ? 2 : 1) }
        t.define("isatty") { _, _, _ in .bool(false) }
        t.defineProperty("name") { _, v in
            guard case .object(let o) = v, let f = o as? PyTextFile else { return .none }
            return .str(f.name)
        }
        t.defineProperty("mode") { _, v in
            guard case .object(let o) = v, let f = o as? PyTextFile else { return .none }
            return .str(f.mode)
        }
        t.defineProperty("closed") { _, v in
            guard case .object(let o) = v, let f = o as? PyTextFile else { return .none }
            return .bool(f.closed)
        }
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation needed).
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return StrBuiltins.split(self, sep: target, maxsplit: -1, fromRight: false).joined(separator: replacement)
    }
}
