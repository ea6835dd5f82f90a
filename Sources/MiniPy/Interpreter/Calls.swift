// The call protocol: functions, native functions, bound methods, classes, `__call__`.

extension Interpreter {
    /// Calls any callable value with positional and keyword arguments.
    public func call(_ callee: Value, _ args: [Value], _ kwargs: KeywordArguments = []) throws -> Value {
        guard case .object(let o) = callee else {
            throw PyErr.notA("callable", callee)
        }
        if let fn = o as? PyFunction {
            let frame = try bind(fn, args, kwargs)
            return try runFunction(fn, frame)
        }
        if let nf = o as? PyNativeFunction {
            return try nf.body(self, args, kwargs)
        }
        if let bm = o as? PyBoundMethod {
            var full = [bm.receiver]
            full.append(contentsOf: args)
            return try call(bm.function, full, kwargs)
        }
        if let t = o as? PyType {
            return try instantiate(t, args, kwargs)
        }
        if let m = o.type.lookup("__call__") {
            var full = [callee]
            full.append(contentsOf: args)
            return try call(m, full, kwargs)
        }
        throw PyErr.notA("callable", callee)
    }

    /// Calls `receiver.name(*args)`, looking the method up on the receiver's type.
    public func callMethod(_ receiver: Value, _ name: String, _ args: [Value], _ kwargs: KeywordArguments = []) throws -> Value {
        if let m = receiver.type.lookup(name) {
            switch m {
            case .object(let o) where o is PyFunction || o is PyNativeFunction:
                var full = [receiver]
                full.append(contentsOf: args)
                return try call(m, full, kwargs)
            default: break
            }
        }
        return try call(getAttribute(receiver, name), args, kwargs)
    }

    /// Looks up a special method on the value's type (never on the instance), as CPython does.
    @inline(__always)
    func specialMethod(_ v: Value, _ name: String) -> Value? {
        v.type.lookup(name)
    }

    /// Calls a special method found by `specialMethod` with the receiver prepended.
    func callSpecial(_ method: Value, _ receiver: Value, _ args: [Value]) throws -> Value {
        if case .object(let o) = method {
            if let fn = o as? PyFunction, fn.code.isSimple, args.count + 1 == fn.code.positionalCount {
                let frame = Frame(code: fn.code, globals: fn.globals, function: fn, interp: self)
                frame.slots[0] = receiver
                for (i, a) in args.enumerated() { frame.slots[i + 1] = a }
                return try runFunction(fn, frame)
            }
            if let nf = o as? PyNativeFunction {
                var full = [receiver]
                full.append(contentsOf: args)
                return try nf.body(self, full, [])
            }
            if let sm = o as? PyStaticMethod { return try call(sm.function, args) }
            if let cm = o as? PyClassMethod { return try call(cm.function, [.object(receiver.type)] + args) }
        }
        var full = [receiver]
        full.append(contentsOf: args)
        return try call(method, full)
    }

    /// Creates an instance: the type's constructor makes the object, then `__init__` runs.
    func instantiate(_ t: PyType, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value {
        if t === BuiltinTypes.type, args.count == 1, kwargs.isEmpty {
            return .object(args[0].type)
        }
        guard let make = t.effectiveConstructor else {
            throw PyErr.typeError("cannot create '\(t.name)' instances")
        }
        let obj = try make(self, t, args, kwargs)
        guard t.isHeapType, obj.type.isSubtype(of: t) else { return obj }
        if let initializer = t.lookup("__init__"), !ObjectBuiltins.isObjectInit(initializer) {
            var full = [obj]
            full.append(contentsOf: args)
            let r = try call(initializer, full, kwargs)
            if !r.isNone {
                throw PyErr.typeError("__init__() should return None, not '\(r.typeName)'")
            }
        }
        return obj
    }

    /// Runs a function whose arguments are already in the frame's slots.
    func runFunction(_ fn: PyFunction, _ frame: Frame) throws -> Value {
        // The function holds its code for the whole call.
        unowned(unsafe) let code = fn.code
        if code.hasCells { prepareCells(fn, frame) }
        depth += 1
        if depth > recursionLimit {
            depth -= 1
            throw PyErr.recursion()
        }
        frame.back = currentFrame
        currentFrame = frame
        defer {
            currentFrame = frame.back
            depth -= 1
        }
        if attention, tracer != nil { try emit(.call, frame: frame, argument: .none) }
        do {
            _ = try runBlock(code.statementRefs, frame)
        } catch let e as PyExceptionObject {
            try exceptionLeaving(frame, e)
            throw e
        }
        if attention, tracer != nil { try emit(.return, frame: frame, argument: frame.returnValue) }
        // Move the value out rather than copy it: the frame may be reused and would release it.
        var result = Value.none
        swap(&result, &frame.returnValue)
        return result
    }

    /// Records a traceback entry and sends the `exception`/`return` events for a frame the
    /// exception is leaving.
    func exceptionLeaving(_ frame: Frame, _ e: PyExceptionObject) throws {
        try noteException(e, in: frame)
        if attention, tracer != nil { try emit(.return, frame: frame, argument: .none) }
    }

    /// Adds the frame to the exception's traceback (once) and reports the `exception` event.
    func noteException(_ e: PyExceptionObject, in frame: Frame) throws {
        let id = ObjectIdentifier(frame)
        if e.traceback.last?.frameID != id {
            e.traceback.append(TracebackEntry(file: frame.code.file, line: frame.line, name: frame.code.name, frameID: id))
        }
        if attention, tracer != nil, frame.lastTracedException != ObjectIdentifier(e) {
            frame.lastTracedException = ObjectIdentifier(e)
            try emit(.exception, frame: frame, argument: .object(e))
        }
    }

    /// Turns captured parameters into cells and installs the closure's cells.
    func prepareCells(_ fn: PyFunction, _ frame: Frame) {
        for s in fn.code.cellSlots {
            frame.slots[s] = .object(PyCell(frame.slots[s] ?? nil))
        }
        for (slot, index) in fn.code.freeSlots where index < fn.closure.count {
            frame.slots[slot] = .object(fn.closure[index])
        }
    }

    /// Binds call arguments to a new frame's parameter slots, with CPython's error messages.
    func bind(_ fn: PyFunction, _ args: [Value], _ kwargs: KeywordArguments) throws -> Frame {
        let code = fn.code
        let frame = Frame(code: code, globals: fn.globals, function: fn, interp: self)
        let slots = frame.slots
        let npos = code.positionalCount
        if code.isSimple && kwargs.isEmpty && args.count == npos {
            for i in 0..<npos { slots[i] = args[i] }
            return frame
        }
        let name = code.qualname
        // Positional arguments.
        let takenPositionally = min(args.count, npos)
        for i in 0..<takenPositionally { slots[i] = args[i] }
        let kwOnlyBase = npos
        var next = npos + code.keywordOnlyNames.count
        var varArgsSlot = -1, varKwSlot = -1
        if code.hasVarArgs { varArgsSlot = next; next += 1 }
        if code.hasVarKeywords { varKwSlot = next }
        if args.count > npos {
            if code.hasVarArgs {
                slots[varArgsSlot] = .tuple(Array(args[npos...]))
            } else {
                throw tooManyPositional(name, code: code, fn: fn, given: args.count, kwargs: kwargs)
            }
        } else if code.hasVarArgs {
            slots[varArgsSlot] = .tuple([])
        }
        var extra: PyDict?
        if code.hasVarKeywords {
            let d = PyDict()
            extra = d
            slots[varKwSlot] = .object(d)
        }
        for (k, v) in kwargs {
            var target = -1
            if let i = code.positionalNames.firstIndex(of: k), i >= code.positionalOnlyCount {
                target = i
            } else if let j = code.keywordOnlyNames.firstIndex(of: k) {
                target = kwOnlyBase + j
            }
            if target >= 0 {
                if slots[target] != nil {
                    throw PyErr.typeError("\(name)() got multiple values for argument '\(k)'")
                }
                slots[target] = v
            } else if let extra {
                extra.storage[HashKey(k)] = v
            } else if let i = code.positionalNames.firstIndex(of: k), i < code.positionalOnlyCount {
                throw PyErr.typeError("\(name)() got some positional-only arguments passed as keyword arguments: '\(k)'")
            } else {
                throw PyErr.typeError("\(name)() got an unexpected keyword argument '\(k)'")
            }
        }
        // Defaults, then report what is still missing.
        let firstDefault = npos - fn.defaults.count
        var missing: [String] = []
        for i in 0..<npos where slots[i] == nil {
            if i >= firstDefault {
                slots[i] = fn.defaults[i - firstDefault]
            } else {
                missing.append(code.positionalNames[i])
            }
        }
        if !missing.isEmpty {
            throw PyErr.typeError("\(name)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(quotedList(missing))")
        }
        var missingKw: [String] = []
        for (j, k) in code.keywordOnlyNames.enumerated() where slots[kwOnlyBase + j] == nil {
            if let d = fn.keywordDefaults[k] {
                slots[kwOnlyBase + j] = d
            } else {
                missingKw.append(k)
            }
        }
        if !missingKw.isEmpty {
            throw PyErr.typeError("\(name)() missing \(missingKw.count) required keyword-only argument\(missingKw.count == 1 ? "" : "s"): \(quotedList(missingKw))")
        }
        return frame
    }

    private func tooManyPositional(_ name: String, code: CodeObject, fn: PyFunction, given: Int, kwargs: KeywordArguments) -> PyExceptionObject {
        let npos = code.positionalCount
        let required = npos - fn.defaults.count
        let takes: String
        if required == npos {
            takes = "\(npos) positional argument\(npos == 1 ? "" : "s")"
        } else {
            takes = "from \(required) to \(npos) positional arguments"
        }
        let kwGiven = kwargs.filter { code.keywordOnlyNames.contains($0.name) }.count
        var given = "\(given) \(given == 1 ? "was" : "were") given"
        if kwGiven > 0 {
            given = "\(given.prefix(while: { $0 != " " })) positional argument\(given.hasPrefix("1 ") ? "" : "s") (and \(kwGiven) keyword-only argument\(kwGiven == 1 ? "" : "s")) were given"
        }
        return PyErr.typeError("\(name)() takes \(takes) but \(given)")
    }

    /// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'` as CPython lists missing arguments.
    func quotedList(_ names: [String]) -> String {
        let q = names.map { "'\($0)'" }
        switch q.count {
        case 0: return ""
        case 1: return q[0]
        case 2: return "\(q[0]) and \(q[1])"
        default: return q.dropLast().joined(separator: ", ") + ", and " + (q.last ?? "")
        }
    }
}
