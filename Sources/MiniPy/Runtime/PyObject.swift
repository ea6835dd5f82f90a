// Objects and types.
import Synchronization
import Collections

/// The base of every heap-allocated Python value.
///
/// Native types defined by a host (for example a tensor) subclass `PyObject` and store their
/// Swift value in their own fields. Every object carries an attribute dictionary so that
/// Python subclasses of native types (and hosts) can set attributes on instances.
open class PyObject {
    /// The Python type; `nil` only for type objects whose type is `type`.
    @exclusivity(unchecked) @usableFromInline final var storedType: PyType?
    /// Instance attributes (`obj.__dict__`).
    @exclusivity(unchecked) public final var dict = InstanceAttributes()

    /// Creates an object of the given Python type.
    public init(type: PyType) {
        self.storedType = type
    }

    /// Used by `PyType` only: a type object whose metatype is `type`.
    init(metatypeIsType: Void) {
        self.storedType = nil
    }

    /// The object's Python type.
    @inline(__always)
    public final var type: PyType {
        get { storedType ?? BuiltinTypes.type }
        set { storedType = newValue }
    }
}

/// A Python type: a name, a single base, a class dictionary and, for native types, a
/// constructor that makes the Swift object.
public final class PyType: PyObject {
    /// Creates the Swift object for `cls(args...)` (before `__init__` runs).
    public typealias Constructor = (_ interp: Interpreter, _ cls: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value

    /// `__name__`.
    public var name: String
    /// `__qualname__`.
    public var qualname: String
    /// `__module__`.
    public var moduleName: String
    /// The single base (`nil` only for `object`).
    public let base: PyType?
    /// The method resolution order: this type, its base, its base's base ... `object`.
    /// Computed, not stored: a stored list would hold the type itself, a cycle that would
    /// keep every class alive.
    public var mro: [PyType] {
        var chain: [PyType] = [self]
        var b = base
        while let t = b {
            chain.append(t)
            b = t.base
        }
        return chain
    }
    /// The class dictionary (`__dict__`): methods, class attributes, properties.
    @exclusivity(unchecked) public var attributes: OrderedDictionary<String, Value> = [:]
    /// Makes instances; inherited from the base when nil.
    public var constructor: Constructor?
    /// True for types defined by a `class` statement (their attributes may change at run time).
    public let isHeapType: Bool
    /// True when instances accept arbitrary attribute assignment.
    public var instancesHaveDict: Bool
    /// True for BaseException and its subclasses.
    public private(set) var isExceptionType = false
    /// True when this class or a base defines a property (instance lookups check the class first).
    @exclusivity(unchecked) public internal(set) var hasProperties = false
    /// The class's Python `__init__`, when calls can build a plain instance and run it directly.
    var initFunction: PyFunction?
    /// True when instances are plain `PyInstance` objects (no native base type).
    var makesPlainInstances = false
    /// A Python-level `__setattr__` override, when the class has one.
    @exclusivity(unchecked) var customSetAttr: Value?

    /// Creates a type; the attributes can be filled in afterwards.
    public init(name: String, base: PyType?, module: String = "builtins", isHeapType: Bool = false,
                instancesHaveDict: Bool = true, constructor: Constructor? = nil) {
        self.name = name
        self.qualname = name
        self.moduleName = module
        self.base = base
        self.isHeapType = isHeapType
        self.instancesHaveDict = instancesHaveDict
        self.constructor = constructor
        super.init(metatypeIsType: ())
        isExceptionType = name == "BaseException" || (base?.isExceptionType ?? false)
        hasProperties = base?.hasProperties ?? false
        customSetAttr = base?.customSetAttr
        if let base {
            let entry = SubclassEntry(self)
            PyType.subclassLock.withLock { base.subclasses.append(entry) }
        }
    }

    deinit {
        let me = ObjectIdentifier(self)
        if let base {
            PyType.subclassLock.withLock { base.subclasses.removeAll { $0.id == me } }
        }
    }

    /// Types derived from this one, so that flags computed from bases stay right when a
    /// base gains a property after a subclass was made. Only touched under `subclassLock`.
    private var subclasses: [SubclassEntry] = []

    /// Guards every subclass list: builtin types (`object`, `Exception` ...) are shared by
    /// all interpreters in the process, and interpreters on different threads define and
    /// free classes deriving from them at the same time (the debugger frees a finished run
    /// while the next one starts).
    private static let subclassLock = ProcessLock()

    /// Marks this type and every subclass as having properties.
    private func markHasProperties() {
        hasProperties = true
        let subs = PyType.subclassLock.withLock { subclasses }
        for sub in subs {
            sub.type.markHasProperties()
        }
    }

    /// Bumped whenever a class attribute changes after creation, invalidating call-site
    /// caches. Atomic: interpreters on other threads bump it too.
    private static let classVersionCounter = Atomic<Int>(0)

    /// The current class version (call-site caches compare it with the one they saw).
    @inline(__always)
    static var classVersion: Int { classVersionCounter.load(ordering: .relaxed) }

    /// Records that a class attribute changed.
    static func bumpClassVersion() {
        classVersionCounter.wrappingAdd(1, ordering: .relaxed)
    }

    /// Recomputes the cached flags after the class dictionary changed.
    func refreshFlags() {
        hasProperties = (base?.hasProperties ?? false) || attributes.values.contains { v in
            if case .object(let o) = v { return o is PyProperty }
            return false
        }
        if hasProperties { markHasProperties() }
        customSetAttr = nil
        if let s = lookup("__setattr__"), case .object(let o) = s, o is PyFunction { customSetAttr = s }
        initFunction = nil
        if case .object(let o)? = lookup("__init__"), let f = o as? PyFunction { initFunction = f }
        var plain = true
        var t: PyType? = self
        while let c = t {
            if c.constructor != nil && !(c.base == nil) { plain = false }
            t = c.base
        }
        makesPlainInstances = plain
    }

    /// Looks a name up along the MRO (`type.__dict__` of each class in turn).
    @inline(__always)
    public func lookup(_ name: String) -> Value? {
        if let v = attributes[name] { return v }
        var b = base
        while let t = b {
            if let v = t.attributes[name] { return v }
            b = t.base
        }
        return nil
    }

    /// The constructor of this type or the nearest base that has one.
    var effectiveConstructor: Constructor? {
        var t: PyType? = self
        while let c = t {
            if let k = c.constructor { return k }
            t = c.base
        }
        return nil
    }

    /// True when this type is `other` or derives from it.
    @inline(__always)
    public func isSubtype(of other: PyType) -> Bool {
        if self === other { return true }
        var b = base
        while let t = b {
            if t === other { return true }
            b = t.base
        }
        return false
    }

    /// Adds a native method (a function receiving `self` as its first argument).
    public func define(_ name: String, _ body: @escaping NativeFunctionBody) {
        attributes[name] = .object(PyNativeFunction(name: name, qualifier: self.name, body: body))
    }

    /// Adds a read-only (or, with `set`, writable) native property.
    public func defineProperty(_ name: String, get: @escaping (_ interp: Interpreter, _ object: Value) throws -> Value,
                               set: ((_ interp: Interpreter, _ object: Value, _ value: Value) throws -> Void)? = nil) {
        let getter = PyNativeFunction(name: name, qualifier: self.name) { interp, args, _ in
            try get(interp, args[0])
        }
        var setter: Value = .none
        if let set {
            setter = .object(PyNativeFunction(name: name, qualifier: self.name) { interp, args, _ in
                try set(interp, args[0], args[1])
                return .none
            })
        }
        attributes[name] = .object(PyProperty(getter: .object(getter), setter: setter, deleter: .none, doc: .none))
        markHasProperties()
    }

    /// Adds a static (class-level) native function, as `@staticmethod` would.
    public func defineStatic(_ name: String, _ body: @escaping NativeFunctionBody) {
        let f = PyNativeFunction(name: name, qualifier: self.name, body: body)
        attributes[name] = .object(PyStaticMethod(.object(f)))
    }

    /// Adds a class method: the native body receives the class as its first argument.
    public func defineClassMethod(_ name: String, _ body: @escaping NativeFunctionBody) {
        let f = PyNativeFunction(name: name, qualifier: self.name, body: body)
        attributes[name] = .object(PyClassMethod(.object(f)))
    }
}

/// A plain instance of a Python class (all state in `dict`).
public final class PyInstance: PyObject {
    /// A new instance of `type` (its attribute storage is made at the first assignment).
    override public init(type: PyType) {
        super.init(type: type)
    }
}

/// A subclass in its base's list, held without a reference count: subclass lists must not
/// keep classes alive, and a `weak` reference would give every type a side table, making
/// each retain and release of a type (every call and attribute lookup) take the slow path.
/// A type removes its entry from its base's list in its deinit.
/// Sendable so a list can be copied out of `subclassLock`. Lists are walked only for a class
/// defined in Python that gains a property, and its subclasses come from the same
/// interpreter, on the thread doing the walk.
struct SubclassEntry: @unchecked Sendable {
    unowned(unsafe) let type: PyType
    let id: ObjectIdentifier
    init(_ type: PyType) {
        self.type = type
        self.id = ObjectIdentifier(type)
    }
}
