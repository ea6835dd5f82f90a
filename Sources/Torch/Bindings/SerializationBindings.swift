// Checkpoints: `torch.save` / `torch.load` as safetensors files, and the natives behind the
// Library's `safetensors.torch` (`torch._C._save_safetensors` ...).
//
// A checkpoint of a flat dict of tensors (a state dict) is an ordinary safetensors file
// whose tensor names are the dict's keys; any other structure (nested dicts, lists, plain
// numbers, a single tensor) is recorded in the metadata key `gradstep.structure`.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Autograd
import MiniPy

/// Native bindings of checkpoint files.
enum SerializationBindings {
    /// The metadata key holding the Python structure.
    static let structureKey = "gradstep.structure"

    static func install(_ ns: TorchNamespaces) {
        _ = TensorDeepCopy.registered
        ns.define(ns.torch, "save") { interp, args, kwargs in
            let bound = try NativeArguments("save", args, kwargs,
                                            names: ["obj", "f", "pickle_module", "pickle_protocol", "_use_new_zipfile_serialization"],
                                            required: 2)
            let path = try pathArgument(bound["f"] ?? .none)
            var builder = CheckpointBuilder(interp)
            let structure = try builder.describe(bound["obj"] ?? .none, path: "")
            var metadata: [String: String] = [:]
            if !builder.isFlatTensorDict(structure) { metadata[structureKey] = structure.text }
            try saveCheckpoint(SafetensorsFile(entries: builder.entries, metadata: metadata.isEmpty ? nil : metadata), to: path)
            return .none
        }
        ns.define(ns.torch, "load") { interp, args, kwargs in
            let bound = try NativeArguments("load", args, kwargs,
                                            names: ["f", "map_location", "pickle_module", "weights_only", "mmap"], required: 1)
            let file = try read(try pathArgument(bound["f"] ?? .none))
            return try rebuild(interp, file)
        }
        ns.define(ns.c, "_save_safetensors") { interp, args, kwargs in
            let bound = try NativeArguments("_save_safetensors", args, kwargs, names: ["tensors", "filename", "metadata"], required: 2)
            let file = try flatFile(interp, bound["tensors"] ?? .none, metadata: bound["metadata"])
            try write(file, to: try pathArgument(bound["filename"] ?? .none))
            return .none
        }
        ns.define(ns.c, "_load_safetensors") { interp, args, kwargs in
            let bound = try NativeArguments("_load_safetensors", args, kwargs, names: ["filename"], required: 1)
            return try tensorDict(try read(try pathArgument(bound["filename"] ?? .none)))
        }
        ns.define(ns.c, "_safetensors_bytes") { interp, args, kwargs in
            let bound = try NativeArguments("_safetensors_bytes", args, kwargs, names: ["tensors", "metadata"], required: 1)
            let file = try flatFile(interp, bound["tensors"] ?? .none, metadata: bound["metadata"])
            let bytes = try rethrowingTorch { try file.encode() }
            return .list(bytes.map { .int(Int($0)) })
        }
        ns.define(ns.c, "_safetensors_from_bytes") { interp, args, kwargs in
            let bound = try NativeArguments("_safetensors_from_bytes", args, kwargs, names: ["data"], required: 1)
            let data = bound["data"] ?? .none
            let values = try asTensor(data).map { $0.int64Values() } ?? interp.toArray(data).map { Int64(try intArgument($0, "data")) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(values.count)
            for v in values {
                guard let b = UInt8(exactly: v) else { throw PyErr.valueError("bytes must be in range(0, 256)") }
                bytes.append(b)
            }
            return try tensorDict(try rethrowingTorch { try SafetensorsFile.decode(bytes) })
        }
    }

    /// A file path argument (a str; PyTorch also takes file objects, which MiniPy lacks).
    static func pathArgument(_ v: Value) throws -> String {
        guard case .str(let s) = v else {
            throw PyErr.typeError("expected str, bytes or os.PathLike object, not \(v.typeName)")
        }
        return s
    }

    /// `torch.save`'s write, with PyTorch's errors: a missing parent folder is named before
    /// anything is written, and a file that cannot be created reports the system's reason.
    static func saveCheckpoint(_ file: SafetensorsFile, to path: String) throws {
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            let parent = String(path[..<slash])
            var info = stat()
            guard stat(parent, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw PyErr.runtimeError("Parent directory \(parent) does not exist.")
            }
        }
        do {
            try file.write(path: path)
        } catch {
            guard case .cannotWrite(_, let reason) = error else { throw pythonException(error) }
            // The system's words are the parenthesised tail of "cannot create a file in folder ...".
            var system = Substring(reason)
            if system.hasSuffix(")"), let open = system.lastIndex(of: "(") {
                system = system[system.index(after: open)..<system.index(before: system.endIndex)]
            }
            throw PyErr.runtimeError("[enforce fail at inline_container.cc:746] . open file failed with strerror: \(system)")
        }
    }

    static func write(_ file: SafetensorsFile, to path: String) throws {
        do {
            try file.write(path: path)
        } catch {
            if case .cannotWrite(_, let reason) = error { throw osError(reason, path) }
            throw pythonException(error)
        }
    }

    static func read(_ path: String) throws -> SafetensorsFile {
        do {
            return try SafetensorsFile.read(path: path)
        } catch {
            if case .cannotRead(_, let reason) = error { throw osError(reason, path) }
            throw pythonException(error)
        }
    }

    /// CPython's OSError for a failed open (`[Errno 2] No such file or directory: 'x.pt'`).
    static func osError(_ reason: String, _ path: String) -> Error {
        let kinds: [(String, Int, PyType)] = [
            ("No such file or directory", 2, BuiltinTypes.fileNotFoundError),
            ("Permission denied", 13, BuiltinTypes.permissionError),
            ("Is a directory", 21, BuiltinTypes.isADirectoryError),
            ("not a regular file", 21, BuiltinTypes.isADirectoryError),
        ]
        for (text, errno, type) in kinds where reason.contains(text) {
            let message = text == "not a regular file" ? "Is a directory" : text
            return PyErr.osError(type, errno: errno, message: message, filename: path)
        }
        return PyErr.osError(BuiltinTypes.osError, errno: 5, message: reason, filename: path)
    }

    /// A flat `{name: tensor}` dict as a file (what `safetensors.torch.save_file` writes).
    static func flatFile(_ interp: Interpreter, _ tensors: Value, metadata: Value?) throws -> SafetensorsFile {
        guard let dict = tensors.asObject as? PyDict else {
            throw PyErr.valueError("Expected a dict of [str, torch.Tensor] but received \(tensors.typeName)")
        }
        var entries: [SafetensorsEntry] = []
        for (key, value) in dict.storage {
            guard case .str(let name) = key.value else {
                throw PyErr.valueError("Expected a dict of [str, torch.Tensor] but a key is \(key.value.typeName)")
            }
            guard let t = asTensor(value) else {
                throw PyErr.valueError("Key `\(name)` is invalid, expected torch.Tensor but received \(value.typeName)")
            }
            entries.append(try TensorBytes.entry(name, t))
        }
        var meta: [String: String]?
        if let metadata, let m = metadata.asObject as? PyDict {
            var out: [String: String] = [:]
            for (k, v) in m.storage {
                guard case .str(let ks) = k.value, case .str(let vs) = v else {
                    throw PyErr.valueError("Metadata must be a dict of [str, str]")
                }
                out[ks] = vs
            }
            meta = out
        }
        return SafetensorsFile(entries: entries, metadata: meta)
    }

    /// Every tensor of a file as `{name: tensor}`, in file order.
    static func tensorDict(_ file: SafetensorsFile) throws -> Value {
        let d = PyDict()
        for e in file.entries {
            d.storage[HashKey(e.name)] = wrap(try TensorBytes.tensor(e))
        }
        return .object(d)
    }

    /// `torch.load`: the recorded structure, or the flat dict for plain safetensors files.
    static func rebuild(_ interp: Interpreter, _ file: SafetensorsFile) throws -> Value {
        guard let text = file.metadata?[structureKey] else { return try tensorDict(file) }
        let structure: StructureJSON
        do {
            structure = try StructureParser.parse(text)
        } catch {
            throw PyErr.runtimeError("checkpoint structure is not valid: \(text.prefix(60))")
        }
        var tensors: [String: Tensor] = [:]
        for e in file.entries { tensors[e.name] = try TensorBytes.tensor(e) }
        return try CheckpointBuilder.value(interp, structure, tensors)
    }
}
