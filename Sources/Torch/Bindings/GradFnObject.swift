// Backward nodes as Python objects (`tensor.grad_fn`).
//
// Every node name gets its own Python type (`type(y.grad_fn).__name__ == "MulBackward0"`),
// made on first use and derived from one base type that carries the methods. A node is
// wrapped at most once while its wrapper lives, so `y.grad_fn is y.grad_fn` holds.
import Autograd
import MiniPy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A backward node seen from Python.
final class PyGradFn: PyObject {
    /// The node (kept alive by its wrapper, as PyTorch's Python object keeps its node).
    let node: Node
    /// `grad_fn.metadata`: one dict per wrapper.
    lazy var metadata = PyDict()

    init(_ node: Node, type: PyType) {
        self.node = node
        super.init(type: type)
    }
}

/// A weak reference to a node wrapper.
private struct WeakGradFn {
    weak var object: PyGradFn?
}

/// A weak reference to a tensor wrapper.
private struct WeakTensorObject {
    weak var object: PyTensor?
}

/// A mutex for the registry: each interpreter runs on one thread, but several interpreters
/// (tests, the debugger) may run at once and share these process-wide tables.
private final class RegistryLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

/// The identity tables and node types, shared by the process and guarded by one lock.
enum GradFnRegistry {
    private static let lock = RegistryLock()
    /// The base of every node type: `torch.autograd.graph.Node`.
    nonisolated(unsafe) static let nodeType = PyType(name: "Node", base: BuiltinTypes.object,
                                                     module: "torch.autograd.graph")
    nonisolated(unsafe) private static var types: [String: PyType] = [:]
    nonisolated(unsafe) private static var wrappers: [ObjectIdentifier: WeakGradFn] = [:]
    nonisolated(unsafe) private static var leaves: [ObjectIdentifier: WeakTensorObject] = [:]
    nonisolated(unsafe) private static var insertionsSincePrune = 0

    /// The Python type for nodes named `name`, created on first use. Nodes of custom
    /// `autograd.Function`s live in `torch.autograd.function` as in PyTorch.
    static func type(named name: String, custom: Bool = false) -> PyType {
        lock.withLock { unlockedType(named: name, custom: custom) }
    }

    private static func unlockedType(named name: String, custom: Bool) -> PyType {
        if let t = types[name] { return t }
        let t = PyType(name: name, base: nodeType, module: custom ? "torch.autograd.function" : "builtins")
        types[name] = t
        return t
    }

    /// The one live wrapper of `node`, or a new one.
    static func object(for node: Node) -> PyGradFn {
        lock.withLock {
            let id = ObjectIdentifier(node)
            if let existing = wrappers[id]?.object, existing.node === node { return existing }
            let made = PyGradFn(node, type: unlockedType(named: node.name, custom: false))
            wrappers[id] = WeakGradFn(object: made)
            noteInsertion()
            return made
        }
    }

    /// `grad_fn` as a Python value (None for leaves).
    static func value(_ node: Node?) -> Value {
        node.map { .object(object(for: $0)) } ?? .none
    }

    /// Remembers the Python object of a leaf that requires grad, so
    /// `AccumulateGrad.variable` can hand the same object back.
    static func rememberLeaf(_ object: PyTensor) {
        lock.withLock {
            let id = ObjectIdentifier(object.tensor)
            if leaves[id]?.object?.tensor === object.tensor { return }
            leaves[id] = WeakTensorObject(object: object)
            noteInsertion()
        }
    }

    /// The Python object wrapping `tensor`, when one that requires grad was remembered.
    static func leafObject(_ tensor: Tensor) -> PyTensor? {
        lock.withLock {
            guard let o = leaves[ObjectIdentifier(tensor)]?.object, o.tensor === tensor else { return nil }
            return o
        }
    }

    /// Drops dead entries now and then so the tables stay as small as the live objects.
    private static func noteInsertion() {
        insertionsSincePrune += 1
        guard insertionsSincePrune >= 4096 else { return }
        insertionsSincePrune = 0
        wrappers = wrappers.filter { $0.value.object != nil }
        leaves = leaves.filter { $0.value.object != nil }
    }
}

/// A handle returned by `register_hook` and friends; `remove()` unregisters the hook.
final class PyHookHandle: PyObject {
    nonisolated(unsafe) static let type = PyType(name: "RemovableHandle", base: BuiltinTypes.object,
                                                 module: "torch.utils.hooks")
    private var onRemove: (() -> Void)?
    /// The hook's id.
    let id: Int

    init(id: Int, onRemove: @escaping () -> Void) {
        self.id = id
        self.onRemove = onRemove
        super.init(type: Self.type)
    }

    /// Unregisters the hook (once).
    func remove() {
        onRemove?()
        onRemove = nil
    }

    static let methodsReady: Void = {
        type.define("remove") { _, args, _ in
            (args[0].asObject as? PyHookHandle)?.remove()
            return .none
        }
        type.define("__enter__") { _, args, _ in args[0] }
        type.define("__exit__") { _, args, _ in
            (args[0].asObject as? PyHookHandle)?.remove()
            return .bool(false)
        }
        type.defineProperty("id") { _, v in .int((v.asObject as? PyHookHandle)?.id ?? 0) }
    }()
}

/// Python tuples of optional gradients and back.
enum GradientValues {
    /// `(tensor or None, ...)`.
    static func tuple(_ grads: [Tensor?]) -> Value {
        .tuple(grads.map { wrap($0) })
    }

    /// A hook's result: None keeps the gradients, a tensor or sequence replaces them.
    static func replacement(_ interp: Interpreter, _ result: Value, count: Int, hook: String) throws -> [Tensor?]? {
        if result.isNone { return nil }
        let items: [Value]
        if let t = asTensor(result) {
            return [t]
        } else {
            items = try interp.toArray(result)
        }
        if items.count != count {
            throw PyErr.runtimeError("hook '\(hook)' has returned an incorrect number of values (got \(items.count), but expected \(count))")
        }
        return try items.map { try optionalTensorArgument($0, "grad") }
    }
}

enum GradFnBindings {
    static func node(_ v: Value) throws -> Node {
        guard let o = v.asObject as? PyGradFn else { throw PyErr.typeError("descriptor requires a 'Node' object") }
        return o.node
    }

    static func install() {
        _ = PyHookHandle.methodsReady
        let t = GradFnRegistry.nodeType
        t.define("name") { _, args, _ in .str(try node(args[0]).name) }
        t.define("__repr__") { _, args, _ in
            let n = try node(args[0])
            let address = UInt(bitPattern: ObjectIdentifier(n).hashValue)
            return .str("<\(n.name) object at 0x\(String(address, radix: 16))>")
        }
        t.defineProperty("next_functions") { _, v in
            let n = try node(v)
            return .tuple(n.nextFunctions.map { pair in .tuple([GradFnRegistry.value(pair.0), .int(pair.1)]) })
        }
        t.defineProperty("metadata") { _, v in
            guard let o = v.asObject as? PyGradFn else { return .none }
            return .object(o.metadata)
        }
        t.defineProperty("variable") { _, v in
            guard let acc = try node(v) as? AccumulateGrad else {
                throw PyErr.attributeError("'\(v.typeName)' object has no attribute 'variable'")
            }
            if let o = GradFnRegistry.leafObject(acc.variable) { return .object(o) }
            return wrap(acc.variable)
        }
        t.define("register_hook") { interp, args, kwargs in
            let bound = try NativeArguments("register_hook", Array(args.dropFirst()), kwargs, names: ["fn"], required: 1)
            let n = try node(args[0])
            let fn = bound["fn"] ?? .none
            let id = n.registerHook { outputs, inputs in
                let r = try interp.call(fn, [GradientValues.tuple(outputs), GradientValues.tuple(inputs)])
                return try GradientValues.replacement(interp, r, count: outputs.count, hook: "hook")
            }
            return .object(PyHookHandle(id: id) { [weak n] in n?.removeHook(id) })
        }
        t.define("register_prehook") { interp, args, kwargs in
            let bound = try NativeArguments("register_prehook", Array(args.dropFirst()), kwargs, names: ["fn"], required: 1)
            let n = try node(args[0])
            let fn = bound["fn"] ?? .none
            let id = n.registerPrehook { grads in
                let r = try interp.call(fn, [GradientValues.tuple(grads)])
                return try GradientValues.replacement(interp, r, count: grads.count, hook: "prehook")
            }
            return .object(PyHookHandle(id: id) { [weak n] in n?.removeHook(id) })
        }
        t.define("__dir__") { _, args, _ in
            // The type's attributes plus the saved values this node answers for, as PyTorch lists them.
            let n = try node(args[0])
            var names = args[0].attributeNames
            for (name, value) in n.saved {
                names.insert("_saved_" + name)
                switch value {
                case .tensor, .tensors, .noTensor: names.insert("_raw_saved_" + name)
                default: break
                }
            }
            return .list(names.map { .str($0) })
        }
        t.define("__getattr__") { interp, args, _ in
            let n = try node(args[0])
            guard args.count > 1, case .str(let name) = args[1] else { return .none }
            if name.hasPrefix("_saved_"), let value = n.savedValue(String(name.dropFirst(7))) {
                return try savedValue(value)
            }
            if name.hasPrefix("_raw_saved_"), let value = n.savedValue(String(name.dropFirst(11))) {
                switch value {
                case .tensor, .tensors, .noTensor: return .none
                default: break  // only tensor slots have a raw SavedVariable
                }
            }
            throw PyErr.attributeError("'\(n.name)' object has no attribute '\(name)'")
        }
    }

    /// A saved value as Python sees it (`_saved_self`, `_saved_dim` ...).
    static func savedValue(_ value: SavedValue) throws -> Value {
        switch value {
        case .tensor(let s): return wrap(try rethrowingTorch { try s.unpack() })
        case .tensors(let list): return .tuple(try list.map { s in wrap(try rethrowingTorch { try s.unpack() }) })
        case .int(let i): return .int(i)
        case .ints(let l): return .tuple(l.map { .int($0) })
        case .double(let d): return .float(d)
        case .scalar(let s): return pythonNumber(s)
        case .bool(let b): return .bool(b)
        case .string(let s): return .str(s)
        case .none, .noTensor: return .none
        }
    }
}
