// Running modules and importing: native modules, bundled Python sources, files beside the script.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Interpreter {
    /// Parses and compiles source for a module namespace; syntax errors become `SyntaxError`.
    /// A bundled module's parse comes from the process-wide `BundledParseCache`.
    func compile(source: String, file: String, into namespace: Namespace, isBundled: Bool = false) throws -> CodeObject {
        let ast: ModuleAST
        do {
            if isBundled {
                let parsed = try BundledParseCache.parse(source: source, path: file)
                sourceLines[file] = parsed.lines
                ast = parsed.ast
            } else {
                sourceLines[file] = Self.lines(of: source)
                ast = try PythonParser.parse(source: source, file: file)
            }
        } catch let info as SyntaxErrorInfo {
            throw Self.syntaxException(info)
        }
        var compiler = Compiler(file: file, globals: namespace, builtins: builtins.namespace)
        defer { functionCodes.append(contentsOf: compiler.functionCodes) }
        do {
            return try compiler.compileModule(ast)
        } catch let err as CompileError {
            let lines = sourceLines[file] ?? []
            let text = err.location.line - 1 < lines.count && err.location.line >= 1 ? String(lines[err.location.line - 1]) : nil
            throw Self.syntaxException(SyntaxErrorInfo(message: err.message, file: file, line: err.location.line,
                                                       column: err.location.column + 1, text: text))
        }
    }

    /// The lines of `source` split at each "\n" byte, the last one included even when empty.
    /// Split on bytes: a split on Characters would walk grapheme clusters, and would not see
    /// the "\n" of a "\r\n" (one Character); and found with a byte search, because every
    /// module imported (the whole torch library) is split on start-up.
    static func lines(of source: String) -> [Substring] {
        var source = source
        source.makeContiguousUTF8()
        var lines: [Substring] = []
        var offsets: [Int] = []
        source.utf8.withContiguousStorageIfAvailable { buffer in
            var index = 0
            while index < buffer.count {
                if buffer[index] == UInt8(ascii: "\n") { offsets.append(index) }
                index += 1
            }
        }
        lines.reserveCapacity(offsets.count + 1)
        let utf8 = source.utf8
        var lineStart = utf8.startIndex
        var previous = 0
        for offset in offsets {
            let newline = utf8.index(lineStart, offsetBy: offset - previous)
            lines.append(source[lineStart..<newline])
            lineStart = utf8.index(after: newline)
            previous = offset + 1
        }
        lines.append(source[lineStart...])
        return lines
    }

    static func syntaxException(_ info: SyntaxErrorInfo) -> PyExceptionObject {
        let type: PyType = info.kind == .syntaxError ? BuiltinTypes.syntaxError : BuiltinTypes.indentationError
        let e = PyExceptionObject(type: type, args: [.str(info.displayMessage),
                                                     .tuple([.str(info.file), .int(info.line), .int(info.column), info.text.map { .str($0) } ?? .none])])
        e.syntaxError = info
        e.dict["msg"] = .str(info.displayMessage)
        e.dict["lineno"] = .int(info.line)
        e.dict["offset"] = .int(info.column)
        e.dict["filename"] = .str(info.file)
        e.dict["text"] = info.text.map { .str($0) } ?? Value.none
        return e
    }

    /// Runs source as a module (`__main__` for the script) and returns the module.
    @discardableResult
    public func runModule(source: String, file: String, name: String = "__main__", package: String? = nil) throws -> PyModule {
        try runModule(source: source, file: file, name: name, package: package, isBundled: false)
    }

    /// `runModule`, parsing through the bundled-module cache when `isBundled`.
    func runModule(source: String, file: String, name: String, package: String?, isBundled: Bool) throws -> PyModule {
        let module = PyModule(name: name, file: file)
        module.namespace["__builtins__"] = .object(builtins)
        module.namespace["__package__"] = package.map { .str($0) } ?? Value.none
        module.namespace["__doc__"] = Value.none
        modules[name] = module
        do {
            let code = try compile(source: source, file: file, into: module.namespace, isBundled: isBundled)
            try execute(code, in: module)
        } catch {
            if name != "__main__" { modules[name] = nil }
            throw error
        }
        return module
    }

    /// Runs compiled module code in a fresh frame.
    func execute(_ code: CodeObject, in module: PyModule) throws {
        ThreadContext.current = self
        let frame = Frame(code: code, globals: module.namespace, function: nil, interp: self)
        depth += 1
        frame.back = currentFrame
        currentFrame = frame
        defer {
            currentFrame = frame.back
            depth -= 1
        }
        if attention, tracer != nil { try emit(.call, frame: frame, argument: .none) }
        do {
            _ = try runBlock(code.statementRefs, frame)
        } catch let e as PyExceptionObject {
            try exceptionLeaving(frame, e)
            throw e
        }
        if attention, tracer != nil { try emit(.return, frame: frame, argument: .none) }
    }

    /// `import name` (dotted names import each parent package first).
    public func importModule(_ name: String, from frame: Frame? = nil) throws -> PyModule {
        if let m = modules[name] { return m }
        let parts = name.split(separator: ".").map(String.init)
        var parent: PyModule?
        if parts.count > 1 {
            parent = try importModule(parts.dropLast().joined(separator: "."), from: frame)
        }
        let module = try load(name, parts: parts)
        if let parent, let last = parts.last { parent.namespace[last] = .object(module) }
        return module
    }

    private func load(_ name: String, parts: [String]) throws -> PyModule {
        if let make = nativeModuleMakers[name] {
            let m = try make(self)
            modules[name] = m
            return m
        }
        if let b = bundledModules[name] {
            let package = b.isPackage ? name : parts.dropLast().joined(separator: ".")
            return try runModule(source: b.source, file: b.path, name: name, package: package, isBundled: true)
        }
        let relative = parts.joined(separator: "/")
        for dir in searchPaths {
            let base = dir.isEmpty ? relative : dir + "/" + relative
            for (path, isPackage) in [(base + ".py", false), (base + "/__init__.py", true)] {
                if let source = Self.readFile(path) {
                    let package = isPackage ? name : parts.dropLast().joined(separator: ".")
                    return try runModule(source: source, file: path, name: name, package: package)
                }
            }
        }
        throw PyErr.moduleNotFound(name)
    }

    /// The absolute module name of `from ..x import y` inside the frame's package.
    func resolveRelative(_ module: String, level: Int, from frame: Frame) throws -> String {
        guard level > 0 else { return module }
        guard case .str(let package)? = frame.globals["__package__"], !package.isEmpty else {
            throw PyErr.importError("attempted relative import with no known parent package")
        }
        var parts = package.split(separator: ".").map(String.init)
        if level - 1 >= parts.count + (level > 1 ? 0 : 1) {
            throw PyErr.importError("attempted relative import beyond top-level package")
        }
        parts.removeLast(level - 1)
        if !module.isEmpty { parts.append(module) }
        return parts.joined(separator: ".")
    }

    /// The contents of a UTF-8 text file, nil when it cannot be read.
    static func readFile(_ path: String) -> String? {
        guard let h = fopen(path, "r") else { return nil }
        defer { fclose(h) }
        var bytes: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buf, 1, buf.count, h)
            if n <= 0 { break }
            bytes.append(contentsOf: buf[0..<n])
        }
        if ferror(h) != 0 { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
