// The builtin container and helper objects.
import OrderedCollections
import Collections

/// Keyword arguments of a call, in the order written.
public typealias KeywordArguments = [(name: String, value: Value)]

/// The body of a native function: positional arguments (a method's `self` first) and keywords.
public typealias NativeFunctionBody = (_ interp: Interpreter, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value

/// `list`.
public final class PyList: PyObject {
    /// The elements.
    @exclusivity(unchecked) public var items: [Value]
    /// A list of the given elements.
    public init(_ items: [Value] = [], type: PyType = BuiltinTypes.list) {
        self.items = items
        super.init(type: type)
    }
}

/// `tuple`.
public final class PyTuple: PyObject {
    /// The elements.
    public let items: [Value]
    /// A tuple of the given elements.
    public init(_ items: [Value], type: PyType = BuiltinTypes.tuple) {
        self.items = items
        super.init(type: type)
    }
}

/// `dict` (insertion ordered).
public final class PyDict: PyObject {
    /// Keys (with their hashes) and values in insertion order.
    @exclusivity(unchecked) public var storage: OrderedDictionary<HashKey, Value>
    /// An empty (or given) dictionary.
    public init(_ storage: OrderedDictionary<HashKey, Value> = [:], type: PyType = BuiltinTypes.dict) {
        self.storage = storage
        super.init(type: type)
    }

    /// Looks up a string key.
    public subscript(string key: String) -> Value? {
        get { storage[HashKey(key)] }
        set { storage[HashKey(key)] = newValue }
    }
}

/// `set`.
public final class PySet: PyObject {
    /// The elements in insertion order.
    @exclusivity(unchecked) public var storage: OrderedSet<HashKey>
    /// An empty (or given) set.
    public init(_ storage: OrderedSet<HashKey> = [], type: PyType = BuiltinTypes.set) {
        self.storage = storage
        super.init(type: type)
    }
}

/// `frozenset`.
public final class PyFrozenSet: PyObject {
    /// The elements in insertion order.
    public let storage: OrderedSet<HashKey>
    /// A frozen set of the given elements.
    public init(_ storage: OrderedSet<HashKey>) {
        self.storage = storage
        super.init(type: BuiltinTypes.frozenset)
    }
}

/// `range(start, stop, step)`.
public final class PyRange: PyObject {
    public let start: Int, stop: Int, step: Int
    /// A range; `step` must not be zero.
    public init(start: Int, stop: Int, step: Int) {
        self.start = start
        self.stop = stop
        self.step = step
        super.init(type: BuiltinTypes.range)
    }

    /// The number of elements.
    public var count: Int {
        if step > 0 { return start < stop ? (stop - start - 1) / step + 1 : 0 }
        return start > stop ? (start - stop - 1) / (-step) + 1 : 0
    }
}

/// `slice(start, stop, step)`.
public final class PySlice: PyObject {
    public let start: Value, stop: Value, step: Value
    /// A slice of the given bounds (each may be `None`).
    public init(start: Value, stop: Value, step: Value) {
        self.start = start
        self.stop = stop
        self.step = step
        super.init(type: BuiltinTypes.slice)
    }
}

/// A cell holding a variable shared between a function and the closures inside it.
public final class PyCell: PyObject {
    /// The variable's value, nil while unbound.
    @exclusivity(unchecked) public var value: Value?
    /// A cell holding `value`.
    public init(_ value: Value? = nil) {
        self.value = value
        super.init(type: BuiltinTypes.cell)
    }
}

/// A module's global variables: names mapped to fixed slots so compiled code can cache them.
public final class Namespace {
    /// Slot of each name ever mentioned.
    public private(set) var indices: [String: Int] = [:]
    /// Slot values; nil while the name is unbound.
    @exclusivity(unchecked) public var values: [Value?] = []
    /// Names in order of first binding (for `dir()`, `vars()` and `globals()`).
    public private(set) var order: [String] = []

    /// An empty namespace.
    public init() {}

    /// The slot for a name, created unbound when first mentioned.
    public func slot(for name: String) -> Int {
        if let i = indices[name] { return i }
        let i = values.count
        indices[name] = i
        values.append(nil)
        order.append(name)
        return i
    }

    /// Reads a variable.
    public subscript(name: String) -> Value? {
        get {
            guard let i = indices[name] else { return nil }
            return values[i]
        }
        set { values[slot(for: name)] = newValue }
    }

    /// Unbinds every name, keeping the slots compiled code refers to.
    public func unbindAll() {
        for i in values.indices { values[i] = nil }
    }

    /// Bound names and their values, in definition order.
    public var bindings: [(String, Value)] {
        order.compactMap { name in
            guard let i = indices[name], let v = values[i] else { return nil }
            return (name, v)
        }
    }
}

/// A module object.
public final class PyModule: PyObject {
    /// `__name__`.
    public let name: String
    /// Its globals.
    public let namespace: Namespace
    /// The file shown in tracebacks (nil for native modules).
    public let file: String?

    /// A module with an empty namespace holding `__name__`.
    public init(name: String, file: String? = nil) {
        self.name = name
        self.file = file
        self.namespace = Namespace()
        super.init(type: BuiltinTypes.module)
        namespace["__name__"] = .str(name)
        if let file { namespace["__file__"] = .str(file) }
    }

    /// Reads or binds a module attribute.
    public subscript(name: String) -> Value? {
        get { namespace[name] }
        set { namespace[name] = newValue }
    }

    /// Adds a native function to the module.
    public func define(_ name: String, _ body: @escaping NativeFunctionBody) {
        namespace[name] = .object(PyNativeFunction(name: name, qualifier: nil, body: body))
    }
}

/// A function written in Swift.
public final class PyNativeFunction: PyObject {
    /// `__name__`.
    public let name: String
    /// The owning type's name for methods (`list.append`), nil for functions.
    public let qualifier: String?
    /// The implementation.
    public let body: NativeFunctionBody

    /// A native function; methods receive `self` as `args[0]`.
    public init(name: String, qualifier: String?, body: @escaping NativeFunctionBody) {
        self.name = name
        self.qualifier = qualifier
        self.body = body
        super.init(type: BuiltinTypes.builtinFunction)
    }
}

/// A function or native method bound to the object it was looked up on.
public final class PyBoundMethod: PyObject {
    /// The function.
    public let function: Value
    /// The object passed as the first argument.
    public let receiver: Value
    /// `receiver.function`.
    public init(function: Value, receiver: Value) {
        self.function = function
        self.receiver = receiver
        super.init(type: BuiltinTypes.method)
    }
}

/// `property(fget, fset, fdel, doc)`.
public final class PyProperty: PyObject {
    public let getter: Value, setter: Value, deleter: Value, doc: Value
    /// A property with the given accessors (`None` when absent).
    public init(getter: Value, setter: Value, deleter: Value, doc: Value) {
        self.getter = getter
        self.setter = setter
        self.deleter = deleter
        self.doc = doc
        super.init(type: BuiltinTypes.property)
    }
}

/// `staticmethod(f)`.
public final class PyStaticMethod: PyObject {
    /// The wrapped callable.
    public let function: Value
    /// Wraps `function`.
    public init(_ function: Value) {
        self.function = function
        super.init(type: BuiltinTypes.staticmethod)
    }
}

/// `classmethod(f)`.
public final class PyClassMethod: PyObject {
    /// The wrapped callable.
    public let function: Value
    /// Wraps `function`.
    public init(_ function: Value) {
        self.function = function
        super.init(type: BuiltinTypes.classmethod)
    }
}

/// `super(cls, obj)`: attribute lookup starting after `cls` in `obj`'s MRO.
public final class PySuper: PyObject {
    /// The class whose successors are searched.
    public let startClass: PyType
    /// The instance (or class, for class methods).
    public let receiver: Value
    /// `super(startClass, receiver)`.
    public init(startClass: PyType, receiver: Value) {
        self.startClass = startClass
        self.receiver = receiver
        super.init(type: BuiltinTypes.superType)
    }
}

/// An iterator implemented in Swift; `next()` returns nil when exhausted.
open class PyIterator: PyObject {
    /// The next element, or nil at the end.
    open func next(_ interp: Interpreter) throws -> Value? { nil }
}

/// Iterates over a fixed array of values (lists are iterated live by `PyListIterator`).
final class PyArrayIterator: PyIterator {
    private let items: [Value]
    @exclusivity(unchecked) private var index = 0
    init(_ items: [Value], type: PyType = BuiltinTypes.iterator) {
        self.items = items
        super.init(type: type)
    }
    override func next(_ interp: Interpreter) throws -> Value? {
        guard index < items.count else { return nil }
        defer { index += 1 }
        return items[index]
    }
}

/// Iterates over a list, seeing appends made during the loop as CPython does.
final class PyListIterator: PyIterator {
    private let list: PyList
    @exclusivity(unchecked) private var index = 0
    init(_ list: PyList) {
        self.list = list
        super.init(type: BuiltinTypes.listIterator)
    }
    override func next(_ interp: Interpreter) throws -> Value? {
        guard index < list.items.count else { return nil }
        defer { index += 1 }
        return list.items[index]
    }
}

/// Iterates over a range without allocating its elements.
final class PyRangeIterator: PyIterator {
    @exclusivity(unchecked) private var current: Int
    private let step: Int
    @exclusivity(unchecked) private var remaining: Int
    init(_ r: PyRange) {
        current = r.start
        step = r.step
        remaining = r.count
        super.init(type: BuiltinTypes.rangeIterator)
    }
    override func next(_ interp: Interpreter) throws -> Value? {
        guard remaining > 0 else { return nil }
        let v = current
        remaining -= 1
        current &+= step
        return .int(v)
    }
}

/// Produces values from a Swift closure (map, filter, zip, enumerate ...).
final class PyClosureIterator: PyIterator {
    private let producer: (Interpreter) throws -> Value?
    init(type: PyType, _ producer: @escaping (Interpreter) throws -> Value?) {
        self.producer = producer
        super.init(type: type)
    }
    override func next(_ interp: Interpreter) throws -> Value? { try producer(interp) }
}

/// Wraps an object whose class defines `__next__`, turning `StopIteration` into the end.
final class PyProtocolIterator: PyIterator {
    private let target: Value
    init(_ target: Value) {
        self.target = target
        super.init(type: BuiltinTypes.iterator)
    }
    override func next(_ interp: Interpreter) throws -> Value? {
        do {
            return try interp.callMethod(target, "__next__", [])
        } catch let e as PyExceptionObject where e.type.isSubtype(of: BuiltinTypes.stopIteration) {
            return nil
        }
    }
}
