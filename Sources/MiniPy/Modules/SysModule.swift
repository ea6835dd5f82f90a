// The `sys` module.

/// `sys`: argv, the standard streams, exit, version information, limits and search paths.
enum SysModule {
    /// The module's registration.
    static var definition: NativeModuleDefinition {
        NativeModuleDefinition(name: "sys", make: make)
    }

    static func make(_ interp: Interpreter) throws -> PyModule {
        let m = PyModule(name: "sys")
        m["argv"] = .list(interp.argv.map { .str($0) })
        m["stdout"] = .object(interp.stdoutObject)
        m["stderr"] = .object(interp.stderrObject)
        m["__stdout__"] = .object(interp.stdoutObject)
        m["__stderr__"] = .object(interp.stderrObject)
        m["version_info"] = .tuple([.int(3), .int(11), .int(7), .str("final"), .int(0)])
        m["version"] = .str("3.11.7 (gradstep MiniPy)")
        m["maxsize"] = .int(Int.max)
        m["byteorder"] = .str("little")
        #if os(macOS)
        m["platform"] = .str("darwin")
        #else
        m["platform"] = .str("linux")
        #endif
        m["path"] = .list(interp.searchPaths.map { .str($0) })
        m["executable"] = .str("")
        m.define("exit") { _, args, kwargs in
            try expectPositional("exit", args, kwargs, min: 0, max: 1)
            throw PyExceptionObject(type: BuiltinTypes.systemExit, args: args)
        }
        m.define("getrecursionlimit") { interp, args, kwargs in
            try expectPositional("getrecursionlimit", args, kwargs, min: 0, max: 0)
            return .int(interp.recursionLimit)
        }
        m.define("setrecursionlimit") { interp, args, kwargs in
            try expectPositional("setrecursionlimit", args, kwargs, min: 1, max: 1)
            let limit = try interp.indexArgument(args[0])
            if limit < 1 { throw PyErr.valueError("recursion limit must be greater or equal than 1") }
            interp.recursionLimit = limit
            return .none
        }
        m.defineModulesProperty(interp)
        return m
    }
}

extension PyModule {
    /// `sys.modules`: a dict of the modules imported when `sys` was first imported.
    fileprivate func defineModulesProperty(_ interp: Interpreter) {
        let modules = PyDict()
        for (name, module) in interp.modules.sorted(by: { $0.key < $1.key }) {
            modules[string: name] = .object(module)
        }
        self["modules"] = .object(modules)
    }
}
