// def, class and import statements.

/// `@decorators def name(...)` / `class Name(Base): ...`: evaluates, decorates, stores.
final class DefineStmt: StmtNode {
    let make: ExprNode
    let decorators: [ExprNode]
    let target: TargetNode
    init(make: ExprNode, decorators: [ExprNode], target: TargetNode, line: Int) {
        self.make = make
        self.decorators = decorators
        self.target = target
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        // Decorators are evaluated before the definition, applied innermost first.
        var decos: [Value] = []
        for d in decorators { decos.append(try d.eval(f)) }
        var v = try make.eval(f)
        for d in decos.reversed() { v = try f.interp.call(d, [v]) }
        try target.assign(f, v)
        return .normal
    }
}

/// Builds a class: runs the body in its own frame, then makes the type.
final class MakeClassNode: ExprNode {
    let name: String
    let qualname: String
    let bases: [ExprNode]
    let code: CodeObject
    let captureSlots: [Int]
    init(name: String, qualname: String, bases: [ExprNode], code: CodeObject, captureSlots: [Int], line: Int) {
        self.name = name
        self.qualname = qualname
        self.bases = bases
        self.code = code
        self.captureSlots = captureSlots
        super.init(line: line)
    }

    override func eval(_ f: Frame) throws -> Value {
        let interp = f.interp
        var baseTypes: [PyType] = []
        for b in bases {
            let v = try b.eval(f)
            guard case .object(let o) = v, let t = o as? PyType else {
                throw PyErr.typeError("bases must be types")
            }
            baseTypes.append(t)
        }
        if baseTypes.count > 1 {
            throw PyErr.typeError("multiple inheritance is not supported by gradstep (class \(name))")
        }
        let base = baseTypes.first ?? BuiltinTypes.object
        if base === BuiltinTypes.bool || base === BuiltinTypes.function {
            throw PyErr.typeError("type '\(base.name)' is not an acceptable base type")
        }
        let frame = Frame(code: code, globals: f.globals, function: nil, interp: interp)
        for (i, slot) in captureSlots.enumerated() {
            if case .object(let c as PyCell)? = f.slots[slot] {
                frame.slots[code.freeSlots.first { $0.index == i }?.slot ?? 0] = .object(c)
            }
        }
        frame.classNamespace = [:]
        let moduleName: String
        if case .str(let n)? = f.globals["__name__"] { moduleName = n } else { moduleName = "__main__" }
        frame.classNamespace?["__module__"] = .str(moduleName)
        frame.classNamespace?["__qualname__"] = .str(qualname)
        if let doc = code.docstring { frame.classNamespace?["__doc__"] = .str(doc) }
        interp.depth += 1
        frame.back = interp.currentFrame
        interp.currentFrame = frame
        do {
            defer {
                interp.currentFrame = frame.back
                interp.depth -= 1
            }
            if interp.attention, interp.tracer != nil { try interp.emit(.call, frame: frame, argument: .none) }
            do {
                _ = try runBlock(code.statementRefs, frame)
            } catch let e as PyExceptionObject {
                try interp.exceptionLeaving(frame, e)
                throw e
            }
            if interp.attention, interp.tracer != nil { try interp.emit(.return, frame: frame, argument: .none) }
        }
        let cls = PyType(name: name, base: base, module: moduleName, isHeapType: true,
                         instancesHaveDict: true, constructor: nil)
        cls.qualname = qualname
        let ns = frame.classNamespace ?? [:]
        for key in frame.classNamespaceOrder where key != "__module__" && key != "__qualname__" {
            if let v = ns[key] { cls.attributes[key] = v }
        }
        if let doc = ns["__doc__"] { cls.attributes["__doc__"] = doc }
        if cls.attributes["__eq__"] != nil && cls.attributes["__hash__"] == nil {
            cls.attributes["__hash__"] = Value.none
        }
        for (_, v) in cls.attributes { Self.adopt(v, cls) }
        cls.refreshFlags()
        interp.classes.append(cls)
        return .object(cls)
    }

    /// Records the defining class on functions (directly or inside property/staticmethod/classmethod).
    private static func adopt(_ v: Value, _ cls: PyType) {
        guard case .object(let o) = v else { return }
        if let fn = o as? PyFunction {
            if fn.definingClass == nil { fn.definingClass = cls }
        } else if let p = o as? PyProperty {
            adopt(p.getter, cls)
            adopt(p.setter, cls)
            adopt(p.deleter, cls)
        } else if let s = o as? PyStaticMethod {
            adopt(s.function, cls)
        } else if let c = o as? PyClassMethod {
            adopt(c.function, cls)
        }
    }
}

/// `import a.b.c` / `import a.b as c`.
final class ImportStmt: StmtNode {
    let names: [(module: String, alias: String?, target: TargetNode)]
    init(names: [(module: String, alias: String?, target: TargetNode)], line: Int) {
        self.names = names
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        for (module, alias, target) in names {
            let m = try f.interp.importModule(module, from: f)
            if alias != nil {
                try target.assign(f, .object(m))
            } else {
                let top = String(module.split(separator: ".").first ?? Substring(module))
                try target.assign(f, .object(f.interp.modules[top] ?? m))
            }
        }
        return .normal
    }
}

/// `from a.b import c as d`.
final class ImportFromStmt: StmtNode {
    let module: String
    let level: Int
    let names: [(name: String, target: TargetNode)]
    init(module: String, level: Int, names: [(name: String, target: TargetNode)], line: Int) {
        self.module = module
        self.level = level
        self.names = names
        super.init(line: line)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let interp = f.interp
        let full = try interp.resolveRelative(module, level: level, from: f)
        let m = try interp.importModule(full, from: f)
        for (name, target) in names {
            if name == "*" {
                throw PyErr.importError("star imports are not supported by gradstep")
            }
            if let v = m.namespace[name] {
                try target.assign(f, v)
                continue
            }
            // `from package import submodule` imports the submodule; only its absence
            // becomes "cannot import name", any other failure inside it propagates.
            do {
                let sub = try interp.importModule(full + "." + name, from: f)
                try target.assign(f, .object(sub))
                continue
            } catch let e as PyExceptionObject where e.isInstance(of: BuiltinTypes.moduleNotFoundError)
                && (e.args.first.map { if case .str(let s) = $0 { return s.hasSuffix("'\(full).\(name)'") } else { return false } } ?? false) {
                // fall through to ImportError
            }
            let location = m.file.map { " (\($0))" } ?? " (unknown location)"
            let e = PyErr.importError("cannot import name '\(name)' from '\(m.name)'\(location)")
            throw e
        }
        return .normal
    }
}
