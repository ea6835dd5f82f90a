// The builtin types, shared by every interpreter. They are never mutated after creation
// (CPython forbids setting attributes on builtin types too), so sharing them is safe.

/// The builtin type objects (`int`, `list`, `ValueError` ...).
public enum BuiltinTypes {
    /// `object`.
    nonisolated(unsafe) public static let object: PyType = {
        let t = PyType(name: "object", base: nil, constructor: ObjectBuiltins.construct)
        return t
    }()
    /// `type`.
    nonisolated(unsafe) public static let type: PyType = {
        let t = PyType(name: "type", base: object, constructor: ObjectBuiltins.constructType)
        return t
    }()
    /// `NoneType`.
    nonisolated(unsafe) public static let noneType = PyType(name: "NoneType", base: object, instancesHaveDict: false)
    /// `int`.
    nonisolated(unsafe) public static let int: PyType = {
        let t = PyType(name: "int", base: object, instancesHaveDict: false, constructor: NumberBuiltins.constructInt)
        return t
    }()
    /// `bool`.
    nonisolated(unsafe) public static let bool: PyType = {
        PyType(name: "bool", base: int, instancesHaveDict: false) { interp, _, args, _ in
            .bool(try args.first.map { try interp.isTruthy($0) } ?? false)
        }
    }()
    /// `float`.
    nonisolated(unsafe) public static let float: PyType = {
        let t = PyType(name: "float", base: object, instancesHaveDict: false, constructor: NumberBuiltins.constructFloat)
        return t
    }()
    /// `str`.
    nonisolated(unsafe) public static let str: PyType = {
        let t = PyType(name: "str", base: object, instancesHaveDict: false, constructor: StrBuiltins.construct)
        return t
    }()
    /// `list`.
    nonisolated(unsafe) public static let list: PyType = {
        let t = PyType(name: "list", base: object, instancesHaveDict: false, constructor: ListBuiltins.construct)
        return t
    }()
    /// `tuple`.
    nonisolated(unsafe) public static let tuple: PyType = {
        let t = PyType(name: "tuple", base: object, instancesHaveDict: false, constructor: ListBuiltins.constructTuple)
        return t
    }()
    /// `dict`.
    nonisolated(unsafe) public static let dict: PyType = {
        let t = PyType(name: "dict", base: object, instancesHaveDict: false, constructor: DictBuiltins.construct)
        return t
    }()
    /// `set`.
    nonisolated(unsafe) public static let set: PyType = {
        let t = PyType(name: "set", base: object, instancesHaveDict: false, constructor: SetBuiltins.construct)
        return t
    }()
    /// `frozenset`.
    nonisolated(unsafe) public static let frozenset: PyType = {
        let t = PyType(name: "frozenset", base: object, instancesHaveDict: false, constructor: SetBuiltins.constructFrozen)
        return t
    }()
    /// `range`.
    nonisolated(unsafe) public static let range: PyType = {
        let t = PyType(name: "range", base: object, instancesHaveDict: false, constructor: ListBuiltins.constructRange)
        return t
    }()
    /// `slice`.
    nonisolated(unsafe) public static let slice: PyType = {
        PyType(name: "slice", base: object, instancesHaveDict: false) { _, _, args, _ in
            switch args.count {
            case 1: return .object(PySlice(start: .none, stop: args[0], step: .none))
            case 2: return .object(PySlice(start: args[0], stop: args[1], step: .none))
            case 3: return .object(PySlice(start: args[0], stop: args[1], step: args[2]))
            default: throw PyErr.typeError("slice expected at least 1 argument, got \(args.count)")
            }
        }
    }()
    /// `cell`.
    nonisolated(unsafe) public static let cell = PyType(name: "cell", base: object, instancesHaveDict: false)
    /// `module`.
    nonisolated(unsafe) public static let module = PyType(name: "module", base: object)
    /// `builtin_function_or_method`.
    nonisolated(unsafe) public static let builtinFunction = PyType(name: "builtin_function_or_method", base: object, instancesHaveDict: false)
    /// `function`.
    nonisolated(unsafe) public static let function = PyType(name: "function", base: object)
    /// `method`.
    nonisolated(unsafe) public static let method = PyType(name: "method", base: object, instancesHaveDict: false)
    /// `property`.
    nonisolated(unsafe) public static let property: PyType = {
        PyType(name: "property", base: object, instancesHaveDict: false, constructor: ObjectBuiltins.constructProperty)
    }()
    /// `staticmethod`.
    nonisolated(unsafe) public static let staticmethod: PyType = {
        PyType(name: "staticmethod", base: object) { _, _, args, _ in
            guard args.count == 1 else { throw PyErr.typeError("staticmethod expected 1 argument, got \(args.count)") }
            return .object(PyStaticMethod(args[0]))
        }
    }()
    /// `classmethod`.
    nonisolated(unsafe) public static let classmethod: PyType = {
        PyType(name: "classmethod", base: object) { _, _, args, _ in
            guard args.count == 1 else { throw PyErr.typeError("classmethod expected 1 argument, got \(args.count)") }
            return .object(PyClassMethod(args[0]))
        }
    }()
    /// `super`.
    nonisolated(unsafe) public static let superType: PyType = {
        PyType(name: "super", base: object, instancesHaveDict: false, constructor: ObjectBuiltins.constructSuper)
    }()
    /// Generic iterators (`map`, `zip`, user `__next__` wrappers).
    nonisolated(unsafe) public static let iterator: PyType = {
        let t = PyType(name: "iterator", base: object, instancesHaveDict: false)
        return t
    }()
    /// `list_iterator`.
    nonisolated(unsafe) public static let listIterator = PyType(name: "list_iterator", base: iterator, instancesHaveDict: false)
    /// `range_iterator`.
    nonisolated(unsafe) public static let rangeIterator = PyType(name: "range_iterator", base: iterator, instancesHaveDict: false)
    /// `map`.
    nonisolated(unsafe) public static let mapType = PyType(name: "map", base: iterator, instancesHaveDict: false)
    /// `filter`.
    nonisolated(unsafe) public static let filterType = PyType(name: "filter", base: iterator, instancesHaveDict: false)
    /// `zip`.
    nonisolated(unsafe) public static let zipType = PyType(name: "zip", base: iterator, instancesHaveDict: false)
    /// `enumerate`.
    nonisolated(unsafe) public static let enumerateType = PyType(name: "enumerate", base: iterator, instancesHaveDict: false)
    /// `reversed`.
    nonisolated(unsafe) public static let reversedType = PyType(name: "reversed", base: iterator, instancesHaveDict: false)
    /// `generator` (generator expressions are evaluated eagerly into one of these).
    nonisolated(unsafe) public static let generatorType = PyType(name: "generator", base: iterator, instancesHaveDict: false)
    /// `dict_keys`, `dict_values`, `dict_items` views are materialised as this iterable type.
    nonisolated(unsafe) public static let dictView: PyType = {
        let t = PyType(name: "dict_view", base: object, instancesHaveDict: false)
        return t
    }()
    /// An instance's `__dict__`: a dictionary reading and writing the object's attributes.
    nonisolated(unsafe) public static let attributeDict = PyType(name: "dict", base: object, instancesHaveDict: false)
    /// `NotImplementedType`.
    nonisolated(unsafe) public static let notImplementedType = PyType(name: "NotImplementedType", base: object, instancesHaveDict: false)
    /// `ellipsis`.
    nonisolated(unsafe) public static let ellipsisType = PyType(name: "ellipsis", base: object, instancesHaveDict: false)
    /// The `NotImplemented` singleton.
    nonisolated(unsafe) public static let notImplementedObject = PyObject(type: notImplementedType)
    /// The `Ellipsis` singleton.
    nonisolated(unsafe) public static let ellipsisObject = PyObject(type: ellipsisType)
    /// `_io.TextIOWrapper`: files from `open()` and `sys.stdout`/`sys.stderr`.
    nonisolated(unsafe) public static let textFile: PyType = {
        let t = PyType(name: "TextIOWrapper", base: object, module: "_io", instancesHaveDict: false)
        return t
    }()

    /// Installs the methods of the builtin types, once per process. Types are created first
    /// (each only needs its base), methods afterwards, so no type's initialisation waits on another's.
    static let ready: Bool = {
        ObjectBuiltins.install(object)
        NumberBuiltins.installInt(int)
        NumberBuiltins.installFloat(float)
        StrBuiltins.install(str)
        ListBuiltins.install(list)
        ListBuiltins.installTuple(tuple)
        DictBuiltins.install(dict)
        SetBuiltins.install(set, frozen: false)
        SetBuiltins.install(frozenset, frozen: true)
        ListBuiltins.installRange(range)
        ObjectBuiltins.installIterator(iterator)
        DictBuiltins.installView(dictView)
        FileBuiltins.install(textFile)
        ExceptionBuiltins.install(baseException)
        ObjectBuiltins.installProperty(property)
        AttributeDictBuiltins.install(attributeDict)
        return true
    }()

    // MARK: Exceptions

    /// `BaseException`.
    nonisolated(unsafe) public static let baseException: PyType = {
        let t = PyType(name: "BaseException", base: object, constructor: ExceptionBuiltins.construct)
        return t
    }()
    private static func exc(_ name: String, _ base: PyType) -> PyType { PyType(name: name, base: base) }
    nonisolated(unsafe) public static let systemExit = exc("SystemExit", baseException)
    nonisolated(unsafe) public static let keyboardInterrupt = exc("KeyboardInterrupt", baseException)
    nonisolated(unsafe) public static let generatorExit = exc("GeneratorExit", baseException)
    nonisolated(unsafe) public static let exception = exc("Exception", baseException)
    nonisolated(unsafe) public static let arithmeticError = exc("ArithmeticError", exception)
    nonisolated(unsafe) public static let zeroDivisionError = exc("ZeroDivisionError", arithmeticError)
    nonisolated(unsafe) public static let overflowError = exc("OverflowError", arithmeticError)
    nonisolated(unsafe) public static let floatingPointError = exc("FloatingPointError", arithmeticError)
    nonisolated(unsafe) public static let assertionError = exc("AssertionError", exception)
    nonisolated(unsafe) public static let attributeError = exc("AttributeError", exception)
    nonisolated(unsafe) public static let bufferError = exc("BufferError", exception)
    nonisolated(unsafe) public static let eofError = exc("EOFError", exception)
    nonisolated(unsafe) public static let importError = exc("ImportError", exception)
    nonisolated(unsafe) public static let moduleNotFoundError = exc("ModuleNotFoundError", importError)
    nonisolated(unsafe) public static let lookupError = exc("LookupError", exception)
    nonisolated(unsafe) public static let indexError = exc("IndexError", lookupError)
    nonisolated(unsafe) public static let keyError = exc("KeyError", lookupError)
    nonisolated(unsafe) public static let memoryError = exc("MemoryError", exception)
    nonisolated(unsafe) public static let nameError = exc("NameError", exception)
    nonisolated(unsafe) public static let unboundLocalError = exc("UnboundLocalError", nameError)
    nonisolated(unsafe) public static let osError = exc("OSError", exception)
    nonisolated(unsafe) public static let fileNotFoundError = exc("FileNotFoundError", osError)
    nonisolated(unsafe) public static let fileExistsError = exc("FileExistsError", osError)
    nonisolated(unsafe) public static let isADirectoryError = exc("IsADirectoryError", osError)
    nonisolated(unsafe) public static let notADirectoryError = exc("NotADirectoryError", osError)
    nonisolated(unsafe) public static let permissionError = exc("PermissionError", osError)
    nonisolated(unsafe) public static let runtimeError = exc("RuntimeError", exception)
    nonisolated(unsafe) public static let notImplementedError = exc("NotImplementedError", runtimeError)
    nonisolated(unsafe) public static let recursionError = exc("RecursionError", runtimeError)
    nonisolated(unsafe) public static let stopIteration = exc("StopIteration", exception)
    nonisolated(unsafe) public static let syntaxError = exc("SyntaxError", exception)
    nonisolated(unsafe) public static let indentationError = exc("IndentationError", syntaxError)
    nonisolated(unsafe) public static let typeError = exc("TypeError", exception)
    nonisolated(unsafe) public static let valueError = exc("ValueError", exception)
    nonisolated(unsafe) public static let unicodeError = exc("UnicodeError", valueError)
    nonisolated(unsafe) public static let warning = exc("Warning", exception)
    nonisolated(unsafe) public static let userWarning = exc("UserWarning", warning)
    nonisolated(unsafe) public static let deprecationWarning = exc("DeprecationWarning", warning)
    nonisolated(unsafe) public static let runtimeWarning = exc("RuntimeWarning", warning)

    /// Every builtin exception type, for the builtins namespace.
    static var allExceptions: [PyType] {
        [baseException, systemExit, keyboardInterrupt, generatorExit, exception, arithmeticError,
         zeroDivisionError, overflowError, floatingPointError, assertionError, attributeError, bufferError,
         eofError, importError, moduleNotFoundError, lookupError, indexError, keyError, memoryError,
         nameError, unboundLocalError, osError, fileNotFoundError, fileExistsError, isADirectoryError,
         notADirectoryError, permissionError, runtimeError, notImplementedError, recursionError,
         stopIteration, syntaxError, indentationError, typeError, valueError, unicodeError, warning,
         userWarning, deprecationWarning, runtimeWarning]
    }
}
