// The `os` and `os.path` modules over the C library (no Foundation).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `os`: the working directory, directory listing and creation, removal, environment.
enum OSModule {
    /// The module registrations: `os` and `os.path`.
    static var definitions: [NativeModuleDefinition] {
        [NativeModuleDefinition(name: "os", make: make), NativeModuleDefinition(name: "os.path", make: makePath)]
    }

    /// The OSError subclass and message CPython uses for an errno.
    static func osError(_ code: Int32, _ path: String) -> PyExceptionObject {
        let type: PyType
        switch code {
        case ENOENT: type = BuiltinTypes.fileNotFoundError
        case EEXIST: type = BuiltinTypes.fileExistsError
        case EISDIR: type = BuiltinTypes.isADirectoryError
        case EACCES, EPERM: type = BuiltinTypes.permissionError
        default: type = BuiltinTypes.osError
        }
        return PyErr.osError(type, errno: Int(code), message: String(cString: strerror(code)), filename: path)
    }

    static func pathArgument(_ v: Value, _ function: String) throws -> String {
        if case .str(let s) = v { return s }
        throw PyErr.typeError("\(function): path should be string, bytes or os.PathLike, not \(v.typeName)")
    }

    static func currentDirectory() throws -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { throw osError(errno, ".") }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func fileMode(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode
    }

    static func isDirectory(_ path: String) -> Bool {
        guard let mode = fileMode(path) else { return false }
        return (mode & S_IFMT) == S_IFDIR
    }

    static func make(_ interp: Interpreter) throws -> PyModule {
        let m = PyModule(name: "os")
        m["name"] = .str("posix")
        m["sep"] = .str("/")
        m["linesep"] = .str("\n")
        m["curdir"] = .str(".")
        m["pardir"] = .str("..")
        m["path"] = .object(try makePath(interp))
        let environment = PyDict()
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                environment[string: String(text[..<equals])] = .str(String(text[text.index(after: equals)...]))
            }
            entry += 1
        }
        m["environ"] = .object(environment)
        m.define("getenv") { interp, args, kwargs in
            try expectPositional("getenv", args, kwargs, min: 1, max: 2)
            let key = try pathArgument(args[0], "getenv")
            return environment[string: key] ?? (args.count > 1 ? args[1] : .none)
        }
        m.define("getcwd") { _, args, kwargs in
            try expectPositional("getcwd", args, kwargs, min: 0, max: 0)
            return .str(try currentDirectory())
        }
        m.define("getpid") { _, args, kwargs in
            try expectPositional("getpid", args, kwargs, min: 0, max: 0)
            return .int(Int(getpid()))
        }
        m.define("listdir") { interp, args, kwargs in
            try expectPositional("listdir", args, kwargs, min: 0, max: 1)
            let path = try args.first.map { try pathArgument($0, "listdir") } ?? "."
            guard let directory = opendir(path) else { throw osError(errno, path) }
            defer { closedir(directory) }
            var names: [Value] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(.str(name)) }
            }
            return .list(names)
        }
        m.define("mkdir") { interp, args, kwargs in
            guard let first = args.first else { throw PyErr.typeError("mkdir() missing required argument 'path' (pos 1)") }
            let path = try pathArgument(first, "mkdir")
            if mkdir(path, 0o777) != 0 { throw osError(errno, path) }
            return .none
        }
        m.define("makedirs") { interp, args, kwargs in
            try interp.checkKeywords("makedirs", kwargs, allowed: ["name", "mode", "exist_ok"])
            guard let first = args.first ?? interp.keyword(kwargs, "name") else {
                throw PyErr.typeError("makedirs() missing 1 required positional argument: 'name'")
            }
            let path = try pathArgument(first, "makedirs")
            let existOK = try (args.count > 2 ? args[2] : interp.keyword(kwargs, "exist_ok")).map(interp.isTruthy) ?? false
            try makeDirectories(path, existOK: existOK)
            return .none
        }
        for name in ["remove", "unlink"] {
            m.define(name) { interp, args, kwargs in
                try expectPositional(name, args, kwargs, min: 1, max: 1)
                let path = try pathArgument(args[0], name)
                if unlink(path) != 0 { throw osError(errno, path) }
                return .none
            }
        }
        m.define("rmdir") { interp, args, kwargs in
            try expectPositional("rmdir", args, kwargs, min: 1, max: 1)
            let path = try pathArgument(args[0], "rmdir")
            if rmdir(path) != 0 { throw osError(errno, path) }
            return .none
        }
        m.define("rename") { interp, args, kwargs in
            try expectPositional("rename", args, kwargs, min: 2, max: 2)
            let source = try pathArgument(args[0], "rename")
            let destination = try pathArgument(args[1], "rename")
            if rename(source, destination) != 0 { throw osError(errno, source) }
            return .none
        }
        return m
    }

    /// `os.makedirs`: creates missing parents; an existing leaf is an error unless `existOK`.
    static func makeDirectories(_ path: String, existOK: Bool) throws {
        let (head, tail) = PosixPath.split(path)
        var parent = head
        if tail.isEmpty { parent = PosixPath.split(head).head }
        if !parent.isEmpty && fileMode(parent) == nil && parent != path {
            try makeDirectories(parent, existOK: true)
        }
        if mkdir(path, 0o777) != 0 {
            let code = errno
            if !(existOK && code == EEXIST && isDirectory(path)) { throw osError(code, path) }
        }
    }

    static func makePath(_ interp: Interpreter) throws -> PyModule {
        let m = PyModule(name: "posixpath")
        m["sep"] = .str("/")
        m.define("join") { interp, args, kwargs in
            guard let first = args.first else {
                throw PyErr.typeError("join() missing 1 required positional argument: 'a'")
            }
            let parts = try args.map { v -> String in
                guard case .str(let s) = v else {
                    throw PyErr.typeError("join() argument must be str, bytes, or os.PathLike object, not '\(v.typeName)'")
                }
                return s
            }
            _ = first
            return .str(PosixPath.join(parts[0], Array(parts.dropFirst())))
        }
        let stringFunctions: [(String, (String) -> Value)] = [
            ("basename", { .str(PosixPath.basename($0)) }),
            ("dirname", { .str(PosixPath.dirname($0)) }),
            ("normpath", { .str(PosixPath.normpath($0)) }),
            ("isabs", { .bool(PosixPath.isabs($0)) }),
            ("split", { let parts = PosixPath.split($0); return .tuple([.str(parts.head), .str(parts.tail)]) }),
            ("splitext", { let parts = PosixPath.splitext($0); return .tuple([.str(parts.root), .str(parts.ext)]) }),
            ("exists", { .bool(fileMode($0) != nil) }),
            ("isdir", { .bool(isDirectory($0)) }),
            ("isfile", { path in .bool(fileMode(path).map { ($0 & S_IFMT) == S_IFREG } ?? false) }),
            ("expanduser", { path in
                guard path.hasPrefix("~"), path == "~" || path.hasPrefix("~/"), let home = getenv("HOME") else {
                    return .str(path)
                }
                return .str(String(cString: home) + path.dropFirst())
            }),
        ]
        for (name, function) in stringFunctions {
            m.define(name) { interp, args, kwargs in
                try expectPositional(name, args, kwargs, min: 1, max: 1)
                guard case .str(let s) = args[0] else {
                    if name == "exists" || name == "isdir" || name == "isfile" { return .bool(false) }
                    throw PyErr.typeError("expected str, bytes or os.PathLike object, not \(args[0].typeName)")
                }
                return function(s)
            }
        }
        m.define("abspath") { interp, args, kwargs in
            try expectPositional("abspath", args, kwargs, min: 1, max: 1)
            let path = try pathArgument(args[0], "abspath")
            return .str(PosixPath.abspath(path, cwd: try currentDirectory()))
        }
        m.define("getsize") { interp, args, kwargs in
            try expectPositional("getsize", args, kwargs, min: 1, max: 1)
            let path = try pathArgument(args[0], "getsize")
            var info = stat()
            guard stat(path, &info) == 0 else { throw osError(errno, path) }
            return .int(Int(info.st_size))
        }
        return m
    }
}
