// Releasing a finished program's objects.
//
// MiniPy objects are reference counted and there is no cycle collector, so the cycles every
// program makes would outlive it: a module's globals hold its functions and each function
// holds those globals; a class holds its methods; an instance may hold its own parent. When
// the interpreter goes away it does what CPython's finalisation does to module dictionaries,
// and more: everything still reachable from its modules is emptied, so the cycles fall
// apart and the memory comes back. The debugger re-runs the program for every `back`, and
// without this each run would keep the whole previous one (tensors and all) alive.

extension Interpreter {
    /// Empties every container reachable from the interpreter's modules.
    func releaseProgramObjects() {
        for code in functionCodes {
            code.spareFrames = []
        }
        functionCodes = []
        var teardown = Teardown()
        for module in modules.values {
            teardown.enqueue(module)
        }
        for cls in classes {
            teardown.enqueue(cls)
        }
        classes = []
        for exception in handledExceptions {
            teardown.enqueue(exception)
        }
        handledExceptions = []
        modules = [:]
        teardown.run()
    }
}

/// A walk over an object graph that empties each container after noting what it held.
private struct Teardown {
    private var pending: [PyObject] = []
    private var seen: Set<ObjectIdentifier> = []

    mutating func enqueue(_ object: PyObject) {
        // Builtin types are shared by every interpreter in the process and hold no program
        // state; they (and everything only they reach) stay as they are.
        if let type = object as? PyType, !type.isHeapType { return }
        if seen.insert(ObjectIdentifier(object)).inserted {
            pending.append(object)
        }
    }

    mutating func enqueue(_ value: Value?) {
        if case .object(let object)? = value { enqueue(object) }
    }

    mutating func enqueue<S: Sequence>(all values: S) where S.Element == Value {
        for value in values { enqueue(value) }
    }

    mutating func run() {
        while let object = pending.popLast() {
            empty(object)
        }
    }

    /// Takes `object`'s references out of it, queueing the objects they point to.
    private mutating func empty(_ object: PyObject) {
        if !object.dict.isEmpty {
            enqueue(all: object.dict.values)
            object.dict = [:]
        }
        switch object {
        case let module as PyModule:
            enqueue(all: module.namespace.values.lazy.compactMap { $0 })
            module.namespace.unbindAll()
        case let list as PyList:
            enqueue(all: list.items)
            list.items = []
        case let tuple as PyTuple:
            enqueue(all: tuple.items)
        case let dict as PyDict:
            for (key, value) in dict.storage {
                enqueue(key.value)
                enqueue(value)
            }
            dict.storage = [:]
        case let set as PySet:
            enqueue(all: set.storage.lazy.map(\.value))
            set.storage = []
        case let set as PyFrozenSet:
            enqueue(all: set.storage.lazy.map(\.value))
        case let cell as PyCell:
            enqueue(cell.value)
            cell.value = nil
        case let function as PyFunction:
            enqueue(all: function.defaults)
            enqueue(all: function.keywordDefaults.values)
            function.defaults = []
            function.keywordDefaults = [:]
            for cell in function.closure { enqueue(cell) }
            // A function may outlive its module object; its globals are emptied here too.
            enqueue(all: function.globals.values.lazy.compactMap { $0 })
            function.globals.unbindAll()
            function.definingClass = nil
        case let type as PyType:
            enqueue(all: type.attributes.values)
            type.attributes = [:]
            type.customSetAttr = nil
            type.initFunction = nil
        case let method as PyBoundMethod:
            enqueue(method.function)
            enqueue(method.receiver)
        case let property as PyProperty:
            enqueue(all: [property.getter, property.setter, property.deleter, property.doc])
        case let method as PyStaticMethod:
            enqueue(method.function)
        case let method as PyClassMethod:
            enqueue(method.function)
        case let proxy as PySuper:
            enqueue(proxy.receiver)
        case let exception as PyExceptionObject:
            enqueue(all: exception.args)
            exception.args = []
            if let cause = exception.cause { enqueue(cause) }
            if let context = exception.context { enqueue(context) }
            exception.cause = nil
            exception.context = nil
        default:
            break
        }
    }
}
