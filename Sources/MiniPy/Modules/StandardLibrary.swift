// The list of standard modules defined in this folder, for the interpreter to register.

/// The standard library that MiniPy ships.
public enum StandardLibrary {
    /// Every standard module: native ones (math, random, time, os, os.path, sys, json, _csv,
    /// copy) and `collections` and `csv`, whose Python source runs as a module on first import.
    public static var modules: [NativeModuleDefinition] {
        [MathModule.definition, RandomModule.definition, TimeModule.definition, SysModule.definition,
         JSONModule.definition, CopyModule.definition, collectionsBase, collections]
            + OSModule.definitions + CSVModule.definitions
    }

    /// `_collections`: the native base of the dict subclasses in `collections`.
    static var collectionsBase: NativeModuleDefinition {
        NativeModuleDefinition(name: "_collections") { _ in
            let m = PyModule(name: "_collections")
            m["_dict_base"] = .object(emptyDictType)
            return m
        }
    }

    /// A dict type whose constructor ignores its arguments, so a subclass's `__init__`
    /// decides how to fill the new dict (CPython's `dict.__new__` leaves it empty).
    nonisolated(unsafe) static let emptyDictType: PyType = {
        let t = PyType(name: "dict", base: BuiltinTypes.dict, module: "builtins", instancesHaveDict: true) { _, cls, _, _ in
            .object(PyDict(type: cls))
        }
        return t
    }()

    /// `collections`, written in Python so a learner can step into it like library code.
    static var collections: NativeModuleDefinition {
        NativeModuleDefinition(name: "collections") { interp in
            try interp.runModule(source: CollectionsSource.text, file: "collections/__init__.py", name: "collections")
        }
    }
}
