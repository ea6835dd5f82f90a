// The interpreter object: global state of one running program, and the embedding API.
//
// # Embedding MiniPy
//
// Values. `Value` is `.none/.bool/.int/.float/.str` (unboxed) or `.object(PyObject)`. Every
// heap object subclasses `PyObject` and has a `type: PyType` and an attribute dictionary.
//
// Native modules. Register a maker; it runs on the first `import name`:
//
//     interp.registerNativeModule("mymod") { interp in
//         let m = PyModule(name: "mymod")
//         m["pi"] = .float(3.14159)
//         m.define("double") { interp, args, kwargs in
//             let a = try NativeArguments("double", args, kwargs, names: ["x"], required: 1)
//             return .int(try (a["x"] ?? .none).expectInt() * 2)   // CPython-style errors
//         }
//         return m
//     }
//
// The standard library's native modules are listed in `standardNativeModules()`.
//
// Native types. Subclass `PyObject` to hold a Swift value, and describe the type:
//
//     final class TensorObject: PyObject { var tensor: Tensor }
//     let t = PyType(name: "Tensor", base: BuiltinTypes.object, module: "torch") { interp, cls, args, kwargs in
//         .object(TensorObject(type: cls, ...))            // `cls` may be a Python subclass
//     }
//     t.define("__add__") { interp, args, kwargs in ... }  // args[0] is self; return .notImplemented to defer
//     t.defineProperty("shape", get: { interp, v in ... }, set: nil)
//     t.defineStatic("zeros") { ... }; t.defineClassMethod("from_list") { ... }
//     t.attributes["dtype_default"] = .str("float32")      // class-level attributes
//
// Operators, `len()`, iteration, `with`, `repr()`, calls and subscripts all dispatch through
// the special methods found on the type (`__add__`/`__radd__`/`__iadd__`, `__getitem__`,
// `__iter__`/`__next__`, `__enter__`/`__exit__`, `__call__`, `__bool__`, `__eq__`, `__hash__`,
// `__repr__`, `__format__` ...). Python classes may subclass native types; their `__init__`
// runs after the native constructor made the object.
//
// Bundled Python. `registerBundledModule(moduleName:path:source:)` adds a module shipped in the
// binary (`torch.nn.modules.linear` at `torch/nn/modules/linear.py`; packages use a path ending
// in `__init__.py`). They import lazily, support relative imports, and tracebacks show `path`.
// Files beside the script are found through `searchPaths`.
//
// Calling back. `call(_:_:_:)`, `callMethod`, `getAttribute`, `setAttribute`, `repr`, `str`,
// `format`, `isTruthy`, `equals`, `iterate`, `toArray`, `hashKey`, `getItem`, `setItem`.
// Python exceptions are `PyExceptionObject` Swift errors; build them with `PyErr`.
//
// Debugging. Set `tracer` to receive `call/line/return/exception` events with the `Frame`
// (function name, file, line, locals, caller chain); use `evaluate(expression:in:)` and
// `execute(statement:in:)` inside an event. `requestInterrupt()` raises `KeyboardInterrupt`
// at the next statement. `clock`, `monotonicClock` and `entropy` let a replaying host hold
// time and unseeded randomness still.
//
// Running. `Interpreter.runProgram(_:arguments:configure:)` runs a script like `python3` (on a
// large stack, returning the exit status); `runMain(source:file:)` does it in the current thread.
import Synchronization

/// Receives the text a program prints (`sys.stdout` / `sys.stderr`).
public protocol TextSink: AnyObject {
    /// Appends text.
    func write(_ text: String)
    /// Pushes buffered text out.
    func flush()
}

/// Runs Python programs of the MiniPy subset. One interpreter runs on one thread at a time.
public final class Interpreter {
    /// `builtins`: the namespace every module falls back to.
    public let builtins: PyModule
    /// `sys.modules`: every module imported so far, by dotted name.
    public var modules: [String: PyModule] = [:]
    /// `sys.argv`.
    public var argv: [String] = [""]
    /// Where program output goes (buffered).
    public let stdout: TextSink
    /// Where errors and tracebacks go.
    public let stderr: TextSink
    /// `sys.stdout` as a Python object.
    public private(set) lazy var stdoutObject = PyTextFile(stream: stdout, name: "<stdout>", flushBefore: nil)
    /// `sys.stderr` as a Python object (flushes stdout before writing, as a terminal shows).
    public private(set) lazy var stderrObject = PyTextFile(stream: stderr, name: "<stderr>", flushBefore: stdout)
    /// Maximum depth of Python calls before `RecursionError` (`sys.getrecursionlimit()`).
    @exclusivity(unchecked) public var recursionLimit = 1000
    /// Seconds since the epoch for `time.time()`; a replaying host holds it still.
    public var clock: () -> Double = { Double(SystemClock.now()) }
    /// A monotonic clock in seconds for `time.perf_counter()`.
    public var monotonicClock: () -> Double = { SystemClock.monotonic() }
    /// Entropy for unseeded `random` (a replaying host returns a fixed value).
    public var entropy: () -> UInt64 = { UInt64.random(in: .min ... .max) }
    /// The registered tracer (`sys.settrace`); nil costs one branch per statement.
    public var tracer: Tracer? {
        didSet { updateAttention() }
    }
    /// Python source modules shipped inside the binary, by dotted module name.
    public internal(set) var bundledModules: [String: BundledModule] = [:]
    /// Native modules by name, made on first import.
    var nativeModuleMakers: [String: (Interpreter) throws -> PyModule] = [:]
    /// Directories searched for `name.py` on import (the script's folder).
    public var searchPaths: [String] = []
    /// Code objects of every function compiled: their spare frames refer back to them, a
    /// cycle the interpreter breaks when it goes away.
    var functionCodes: [CodeObject] = []
    /// Every class a `class` statement made: its methods refer back to it (for `super()`),
    /// so it lives until the interpreter goes away, which then empties it.
    var classes: [PyType] = []
    /// Source lines of every file compiled, for tracebacks and the debugger.
    public internal(set) var sourceLines: [String: [Substring]] = [:]

    // Run-time state.
    @exclusivity(unchecked) var depth = 0
    /// The innermost running frame. Not counted: every frame set here is kept alive by the
    /// call that runs it until that call puts the caller's frame back, and two reference
    /// count operations per Python call were a measurable part of calling.
    @exclusivity(unchecked) public internal(set) unowned(unsafe) var currentFrame: Frame?
    /// Exceptions being handled by `except` blocks, innermost last (for bare `raise` and `__context__`).
    @exclusivity(unchecked) var handledExceptions: [PyExceptionObject] = []
    /// Objects whose repr is being computed (prints `[...]` on recursion).
    @exclusivity(unchecked) var reprInProgress: Set<ObjectIdentifier> = []
    /// Non-zero when the per-statement check must do work (a tracer, or an interrupt request).
    @exclusivity(unchecked) var attention = false
    private let interruptFlag = Atomic<Bool>(false)
    @exclusivity(unchecked) var insideTracer = false

    /// An interpreter writing to the given sinks (standard output and error by default).
    public init(stdout: TextSink? = nil, stderr: TextSink? = nil) {
        self.stdout = stdout ?? StandardStream(fd: 1, bufferSize: 1 << 16)
        self.stderr = stderr ?? StandardStream(fd: 2, bufferSize: 0)
        _ = BuiltinTypes.ready
        builtins = PyModule(name: "builtins")
        BuiltinFunctions.install(into: builtins, interp: self)
        modules["builtins"] = builtins
        for definition in standardNativeModules() {
            nativeModuleMakers[definition.name] = definition.make
        }
    }

    deinit {
        releaseProgramObjects()
    }

    /// Asks the running program to stop with `KeyboardInterrupt` at the next statement.
    /// Safe to call from another thread or a signal handler's relay.
    public func requestInterrupt() {
        interruptFlag.store(true, ordering: .relaxed)
        attention = true
    }

    func updateAttention() {
        attention = tracer != nil || interruptFlag.load(ordering: .relaxed)
    }

    /// Called between statements when `attention` is set.
    func attend(_ frame: Frame) throws {
        if interruptFlag.exchange(false, ordering: .relaxed) {
            updateAttention()
            throw PyExceptionObject(type: BuiltinTypes.keyboardInterrupt, args: [])
        }
        if tracer != nil, !insideTracer {
            try emit(.line, frame: frame, argument: .none)
        }
    }

    /// Registers a native module, made when first imported.
    public func registerNativeModule(_ name: String, make: @escaping (Interpreter) throws -> PyModule) {
        nativeModuleMakers[name] = make
    }

    /// Registers a Python source module shipped inside the binary
    /// (`moduleName: "torch.nn.modules.linear", path: "torch/nn/modules/linear.py"`).
    /// A package is registered under its own name with a path ending in `__init__.py`.
    public func registerBundledModule(moduleName: String, path: String, source: String) {
        bundledModules[moduleName] = BundledModule(name: moduleName, path: path, source: source)
    }

    /// Writes everything buffered to standard output.
    public func flushOutput() {
        stdout.flush()
    }
}

/// A Python module shipped as source inside the binary.
public struct BundledModule: Sendable {
    /// The dotted module name.
    public var name: String
    /// The path shown in tracebacks.
    public var path: String
    /// The Python source.
    public var source: String
    /// True for a package (`__init__.py`).
    public var isPackage: Bool { path.hasSuffix("__init__.py") }
}

/// A native module definition, as the standard library registers them.
public struct NativeModuleDefinition {
    /// The module name (`math`, `os.path`).
    public var name: String
    /// Builds the module for an interpreter.
    public var make: (Interpreter) throws -> PyModule

    /// A definition for `name` built by `make`.
    public init(name: String, make: @escaping (Interpreter) throws -> PyModule) {
        self.name = name
        self.make = make
    }
}
