// `torch.Generator` objects and the process-wide `torch.default_generator`.
import Autograd
import MiniPy

/// A random-number generator seen from Python.
final class PyGenerator: PyObject {
    /// The engine generator.
    let generator: Generator

    init(_ generator: Generator) {
        self.generator = generator
        super.init(type: GeneratorBindings.type)
    }
}

/// Python ints supplied by the interpreter's entropy source (so replayed runs can reseed alike).
private struct EntropySource: RandomNumberGenerator {
    let draw: () -> UInt64
    mutating func next() -> UInt64 { draw() & UInt64(Int64.max) }
}

enum GeneratorBindings {
    /// `torch.Generator` (PyTorch's `torch._C.Generator`).
    nonisolated(unsafe) static let type = PyType(
        name: "Generator", base: BuiltinTypes.object, module: "torch._C",
        constructor: { _, cls, args, kwargs in
            let bound = try NativeArguments("Generator", args, kwargs, names: ["device"])
            if let d = bound["device"], !d.isNone { try requireCPU(try deviceObject(d)) }
            let made = PyGenerator(Generator())
            made.type = cls
            return .object(made)
        })

    /// The default generator of interpreters that have not imported torch (not reached
    /// from Python, which always has its own).
    nonisolated(unsafe) private static let fallbackObject = PyGenerator(.default)

    /// `torch.default_generator` of this interpreter. Each interpreter (one per program run)
    /// owns one, seeded as PyTorch's is, so programs run side by side (tests, the debugger)
    /// never draw from each other's stream.
    static func defaultObject(_ interp: Interpreter) -> PyGenerator {
        if case .object(let g as PyGenerator)? = interp.modules["torch._C"]?.namespace["default_generator"] {
            return g
        }
        return fallbackObject
    }

    /// The engine generator behind this interpreter's `torch.default_generator`.
    static func defaultGenerator(_ interp: Interpreter) -> Generator {
        defaultObject(interp).generator
    }

    /// The generator a `generator=` argument names (the default one for None/absent).
    static func argument(_ v: Value?, _ interp: Interpreter) throws -> Generator {
        guard let v, !v.isNone else { return defaultGenerator(interp) }
        guard let g = v.asObject as? PyGenerator else {
            throw PyErr.typeError("generator must be torch.Generator, not \(v.typeName)")
        }
        return g.generator
    }

    private static func receiver(_ v: Value) throws -> PyGenerator {
        guard let g = v.asObject as? PyGenerator else {
            throw PyErr.typeError("descriptor requires a 'torch._C.Generator' object but received a '\(v.typeName)'")
        }
        return g
    }

    /// A seed as PyTorch reads one: any Python int, negative values wrapping to 64 bits.
    static func seedArgument(_ v: Value) throws -> Int64 {
        switch v {
        case .int(let i): return Int64(i)
        case .bool(let b): return b ? 1 : 0
        default:
            if let t = asTensor(v), t.count == 1, !t.dtype.isFloatingPoint {
                return try rethrowingTorch { try t.item().int64Value }
            }
            throw PyErr.runtimeError("manual_seed expected a long, but got \(v.typeName)")
        }
    }

    /// The state as a tensor of byte values (int64: the engine has no uint8 dtype).
    static func stateTensor(_ g: Generator) throws -> Value {
        wrap(try rethrowingTorch { try Tensor.from(ints: g.getState().map(Int64.init)) })
    }

    /// Restores a state tensor made by `stateTensor` (or any integer tensor of byte values).
    static func setState(_ g: Generator, _ v: Value) throws {
        guard let t = asTensor(v) else {
            throw PyErr.typeError("expected a torch.ByteTensor, but got \(v.typeName)")
        }
        if t.dtype.isFloatingPoint || t.dtype == .bool {
            throw PyErr.typeError("expected a torch.ByteTensor, but got \(t.dtype.legacyTypeName)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(t.count)
        for value in t.int64Values() {
            guard let b = UInt8(exactly: value) else {
                throw PyErr.runtimeError("RNG state values must be bytes (0 to 255), got \(value)")
            }
            bytes.append(b)
        }
        try rethrowingTorch { try g.setState(bytes) }
    }

    /// Defines the methods of `torch.Generator` (once per process).
    static func installMethods() {
        let t = type
        t.define("manual_seed") { _, args, kwargs in
            let bound = try NativeArguments("manual_seed", Array(args.dropFirst()), kwargs, names: ["seed"], required: 1)
            try receiver(args[0]).generator.manualSeed(wrapping: try seedArgument(bound["seed"] ?? .none))
            return args[0]
        }
        t.define("seed") { interp, args, _ in
            var source = EntropySource(draw: interp.entropy)
            return .int(Int(try receiver(args[0]).generator.seed(using: &source)))
        }
        t.define("initial_seed") { _, args, _ in
            .int(Int(Int64(bitPattern: try receiver(args[0]).generator.initialSeed)))
        }
        t.define("get_state") { _, args, _ in try stateTensor(try receiver(args[0]).generator) }
        t.define("set_state") { _, args, kwargs in
            let bound = try NativeArguments("set_state", Array(args.dropFirst()), kwargs, names: ["new_state"], required: 1)
            try setState(try receiver(args[0]).generator, bound["new_state"] ?? .none)
            return args[0]
        }
        t.defineProperty("device") { _, _ in .object(TorchTypes.cpu) }
        t.define("__repr__") { _, args, _ in
            let g = try receiver(args[0])
            return .str("<torch._C.Generator object at 0x\(String(UInt(bitPattern: ObjectIdentifier(g).hashValue), radix: 16))>")
        }
    }

    static func install(_ ns: TorchNamespaces) {
        let t = type
        ns.torch.namespace["Generator"] = .object(t)
        ns.c.namespace["Generator"] = .object(t)
        installDefault(torch: ns.torch, c: ns.c)
    }

    /// Gives an interpreter's `torch` its own default generator (called for each interpreter).
    static func installDefault(torch: PyModule, c: PyModule) {
        let own = PyGenerator(Generator())
        torch.namespace["default_generator"] = .object(own)
        c.namespace["default_generator"] = .object(own)
    }
}
