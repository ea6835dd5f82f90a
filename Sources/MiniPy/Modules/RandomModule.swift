// The `random` module.

/// `random`: module functions sharing one `PythonRandom`, as CPython's hidden instance.
enum RandomModule {
    /// The module's registration.
    static var definition: NativeModuleDefinition {
        NativeModuleDefinition(name: "random", make: make)
    }

    /// The generator shared by the module functions.
    final class State {
        var random: PythonRandom
        init(_ random: PythonRandom) { self.random = random }
    }

    /// 624 words of host entropy, as CPython reads from the OS for `seed(None)`.
    static func entropyWords(_ interp: Interpreter) -> [UInt32] {
        var words: [UInt32] = []
        words.reserveCapacity(624)
        for _ in 0..<312 {
            let bits = interp.entropy()
            words.append(UInt32(truncatingIfNeeded: bits))
            words.append(UInt32(truncatingIfNeeded: bits >> 32))
        }
        return words
    }

    /// A method body: the generator state it works on, then the call's arguments.
    typealias Method = (_ interp: Interpreter, _ state: State, _ args: [Value], _ kwargs: KeywordArguments) throws -> Value
    /// Adds one method under a name.
    typealias Adder = (_ name: String, _ body: @escaping Method) -> Void

    /// Every method of `random.Random`, which the module also offers as functions.
    static func allMethods() -> [(String, Method)] {
        var methods: [(String, Method)] = []
        let add: Adder = { name, body in methods.append((name, body)) }
        defineSeeding(add)
        defineIntegers(add)
        defineSequences(add)
        defineDistributions(add)
        return methods
    }

    static func make(_ interp: Interpreter) throws -> PyModule {
        let m = PyModule(name: "random")
        let shared = State(PythonRandom(entropy: entropyWords(interp)))
        for (name, body) in allMethods() {
            m.define(name) { interp, args, kwargs in try body(interp, shared, args, kwargs) }
        }
        m["Random"] = .object(randomType)
        return m
    }

    /// `random.Random`: independent generators with the module's methods.
    nonisolated(unsafe) static let randomType: PyType = {
        let t = PyType(name: "Random", base: BuiltinTypes.object, module: "random") { interp, cls, args, kwargs in
            let object = RandomObject(type: cls, state: State(PythonRandom(entropy: entropyWords(interp))))
            if !cls.isHeapType || cls.lookup("__init__") == nil {
                _ = try seedMethod(interp, object.state, Array(args.prefix(1)), kwargs)
            }
            return .object(object)
        }
        for (name, body) in allMethods() {
            t.define(name) { interp, args, kwargs in
                guard case .object(let o)? = args.first, let object = o as? RandomObject else {
                    throw PyErr.typeError("descriptor '\(name)' requires a 'Random' object")
                }
                return try body(interp, object.state, Array(args.dropFirst()), kwargs)
            }
        }
        t.define("__init__") { interp, args, kwargs in
            guard case .object(let o)? = args.first, let object = o as? RandomObject else { return .none }
            _ = try seedMethod(interp, object.state, Array(args.dropFirst().prefix(1)), kwargs)
            return .none
        }
        return t
    }()

    /// `seed(a=None)`, shared by the module, `Random()` and `Random.__init__`.
    static var seedMethod: Method {
        allMethods().first { $0.0 == "seed" }?.1 ?? { _, _, _, _ in .none }
    }

    private static func defineSeeding(_ add: Adder) {
        add("seed") { interp, state, args, kwargs in
            try interp.checkKeywords("seed", kwargs, allowed: ["a", "version"])
            let a = args.first ?? interp.keyword(kwargs, "a") ?? .none
            switch a {
            case .none: state.random.seed(entropy: entropyWords(interp))
            case .int(let n): state.random.seed(n)
            case .bool(let b): state.random.seed(b ? 1 : 0)
            case .float(let x): state.random.seed(float: x)
            case .str(let s): state.random.seed(string: s)
            default:
                throw PyErr.typeError("The only supported seed types are: None,\nint, float, str, bytes, and bytearray.")
            }
            return .none
        }
        add("getstate") { _, state, args, kwargs in
            try expectPositional("getstate", args, kwargs, min: 0, max: 0)
            let (words, position) = state.random.generator.internalState
            let generatorState = Value.tuple(words.map { .int(Int($0)) } + [.int(position)])
            return .tuple([.int(3), generatorState, state.random.gaussNext.map { .float($0) } ?? .none])
        }
        add("setstate") { interp, state, args, kwargs in
            try expectPositional("setstate", args, kwargs, min: 1, max: 1)
            let parts = try interp.toArray(args[0])
            guard parts.count == 3, case .int(3) = parts[0] else {
                throw PyErr.valueError("state with version \(parts.first.map { (try? interp.repr($0)) ?? "?" } ?? "?") passed to Random.setstate() of version 3")
            }
            let generatorState = try interp.toArray(parts[1])
            guard generatorState.count == 625 else { throw PyErr.valueError("state vector is the wrong size") }
            var words: [UInt32] = []
            for v in generatorState.dropLast() {
                let n = try interp.indexArgument(v)
                guard let word = UInt32(exactly: n) else { throw PyErr.overflow("Python int too large to convert to C unsigned long") }
                words.append(word)
            }
            let position = try interp.indexArgument(generatorState[624])
            guard state.random.generator.restore(words: words, position: position) else {
                throw PyErr.valueError("invalid state")
            }
            state.random.gaussNext = parts[2].isNone ? nil : try interp.doubleArgument(parts[2])
            return .none
        }
    }

    private static func defineIntegers(_ add: Adder) {
        add("random") { _, state, args, kwargs in
            try expectPositional("random", args, kwargs, min: 0, max: 0)
            return .float(state.random.random())
        }
        add("getrandbits") { interp, state, args, kwargs in
            try expectPositional("getrandbits", args, kwargs, min: 1, max: 1)
            let k = try interp.indexArgument(args[0])
            let bits = try withPythonErrors(interp) { try state.random.getrandbits(k) }
            guard let value = Int(exactly: bits) else { throw PyErr.overflow() }
            return .int(value)
        }
        add("randrange") { interp, state, args, kwargs in
            try interp.checkKeywords("randrange", kwargs, allowed: ["start", "stop", "step"])
            var values = args
            for name in ["start", "stop", "step"].dropFirst(args.count) {
                if let v = interp.keyword(kwargs, name) { values.append(v) } else { break }
            }
            guard !values.isEmpty, values.count <= 3 else {
                throw PyErr.typeError(values.isEmpty ? "Random.randrange() missing 1 required positional argument: 'start'"
                                      : "Random.randrange() takes from 2 to 4 positional arguments but \(values.count + 1) were given")
            }
            let start = try rangeArgument(interp, values[0], "arg 1")
            if values.count == 1 {
                return .int(try withPythonErrors(interp) { try state.random.randrange(start) })
            }
            let stop = try rangeArgument(interp, values[1], "stop")
            let step = values.count == 3 ? try rangeArgument(interp, values[2], "step") : 1
            return .int(try withPythonErrors(interp) { try state.random.randrange(start, stop, step: step) })
        }
        add("randint") { interp, state, args, kwargs in
            try expectPositional("randint", args, kwargs, min: 2, max: 2)
            let a = try rangeArgument(interp, args[0], "arg 1")
            let b = try rangeArgument(interp, args[1], "stop")
            return .int(try withPythonErrors(interp) { try state.random.randint(a, b) })
        }
    }

    /// randrange's argument conversion: ints, and integral floats (deprecated in 3.11 but accepted).
    private static func rangeArgument(_ interp: Interpreter, _ v: Value, _ what: String) throws -> Int {
        if case .float(let x) = v {
            guard x == x.rounded(.towardZero), let n = Int(exactly: x) else {
                throw PyErr.valueError("non-integer \(what) for randrange()")
            }
            return n
        }
        return try interp.indexArgument(v)
    }

    private static func defineSequences(_ add: Adder) {
        add("choice") { interp, state, args, kwargs in
            try expectPositional("choice", args, kwargs, min: 1, max: 1)
            let count = try interp.length(args[0])
            let index = try withPythonErrors(interp) { try state.random.choiceIndex(count: count) }
            return try interp.getItem(args[0], .int(index))
        }
        add("shuffle") { interp, state, args, kwargs in
            try expectPositional("shuffle", args, kwargs, min: 1, max: 1)
            if case .object(let o) = args[0], let list = o as? PyList {
                state.random.shuffle(&list.items)
                return .none
            }
            // Any mutable sequence: swap through __getitem__ / __setitem__.
            let count = try interp.length(args[0])
            var order = Array(0..<count)
            var swaps: [(Int, Int)] = []
            if count > 1 {
                for i in stride(from: count - 1, through: 1, by: -1) {
                    let j = state.random.randbelow(i + 1)
                    order.swapAt(i, j)
                    swaps.append((i, j))
                }
            }
            for (i, j) in swaps {
                let a = try interp.getItem(args[0], .int(i))
                let b = try interp.getItem(args[0], .int(j))
                try interp.setItem(args[0], .int(i), b)
                try interp.setItem(args[0], .int(j), a)
            }
            return .none
        }
        add("sample") { interp, state, args, kwargs in
            try interp.checkKeywords("sample", kwargs, allowed: ["k", "counts"])
            guard let population = args.first else {
                throw PyErr.typeError("Random.sample() missing 2 required positional arguments: 'population' and 'k'")
            }
            guard let kValue = args.count > 1 ? args[1] : interp.keyword(kwargs, "k") else {
                throw PyErr.typeError("Random.sample() missing 1 required positional argument: 'k'")
            }
            if case .object(let o) = population, o is PyDict || o is PySet {
                throw PyErr.typeError("Population must be a sequence.  For dicts or sets, use sorted(d).")
            }
            let items = try interp.toArray(population)
            let k = try interp.indexArgument(kValue)
            let indices = try withPythonErrors(interp) { try state.random.sampleIndices(count: items.count, k: k) }
            return .list(indices.map { items[$0] })
        }
        add("choices") { interp, state, args, kwargs in
            try interp.checkKeywords("choices", kwargs, allowed: ["weights", "cum_weights", "k"])
            guard let population = args.first else {
                throw PyErr.typeError("Random.choices() missing 1 required positional argument: 'population'")
            }
            let items = try interp.toArray(population)
            let k = try interp.keyword(kwargs, "k").map(interp.indexArgument) ?? 1
            let weights = args.count > 1 ? args[1] : (interp.keyword(kwargs, "weights") ?? .none)
            let cumulative = interp.keyword(kwargs, "cum_weights") ?? .none
            let indices: [Int]
            if weights.isNone && cumulative.isNone {
                indices = try withPythonErrors(interp) { try state.random.choicesIndices(count: items.count, k: k) }
            } else {
                if !weights.isNone && !cumulative.isNone {
                    throw PyErr.typeError("Cannot specify both weights and cumulative weights")
                }
                var sums: [Double] = []
                if !weights.isNone {
                    var running: Value = .int(0)
                    try interp.forEach(weights) { w in
                        running = try interp.binary(.add, running, w)
                        sums.append(try interp.doubleArgument(running))
                        return true
                    }
                } else {
                    sums = try interp.toArray(cumulative).map(interp.doubleArgument)
                }
                indices = try withPythonErrors(interp) {
                    try state.random.choicesIndices(cumulativeWeights: sums, count: items.count, k: k)
                }
            }
            return .list(indices.map { items[$0] })
        }
    }

    private static func defineDistributions(_ add: Adder) {
        add("uniform") { interp, state, args, kwargs in
            try expectPositional("uniform", args, kwargs, min: 2, max: 2)
            return .float(state.random.uniform(try interp.doubleArgument(args[0]), try interp.doubleArgument(args[1])))
        }
        add("expovariate") { interp, state, args, kwargs in
            try expectPositional("expovariate", args, kwargs, min: 1, max: 1)
            let lambd = try interp.doubleArgument(args[0])
            return .float(try withPythonErrors(interp) { try state.random.expovariate(lambd) })
        }
        add("lognormvariate") { interp, state, args, kwargs in
            try expectPositional("lognormvariate", args, kwargs, min: 2, max: 2)
            let mu = try interp.doubleArgument(args[0])
            return .float(state.random.lognormvariate(mu: mu, sigma: try interp.doubleArgument(args[1])))
        }
        add("triangular") { interp, state, args, kwargs in
            try interp.checkKeywords("triangular", kwargs, allowed: ["low", "high", "mode"])
            var values: [Value?] = [nil, nil, nil]
            for (i, v) in args.prefix(3).enumerated() { values[i] = v }
            for (i, name) in ["low", "high", "mode"].enumerated() where values[i] == nil {
                values[i] = interp.keyword(kwargs, name)
            }
            let low = try values[0].map(interp.doubleArgument) ?? 0.0
            let high = try values[1].map(interp.doubleArgument) ?? 1.0
            let mode = try values[2].flatMap { $0.isNone ? nil : try interp.doubleArgument($0) }
            return .float(state.random.triangular(low: low, high: high, mode: mode))
        }
        for name in ["gauss", "normalvariate"] {
            add(name) { interp, state, args, kwargs in
                try interp.checkKeywords(name, kwargs, allowed: ["mu", "sigma"])
                if args.count > 2 {
                    throw PyErr.typeError("Random.\(name)() takes from 1 to 3 positional arguments but \(args.count + 1) were given")
                }
                let mu = try (args.first ?? interp.keyword(kwargs, "mu")).map(interp.doubleArgument) ?? 0.0
                let sigma = try (args.count > 1 ? args[1] : interp.keyword(kwargs, "sigma")).map(interp.doubleArgument) ?? 1.0
                if name == "gauss" { return .float(state.random.gauss(mu: mu, sigma: sigma)) }
                return .float(state.random.normalvariate(mu: mu, sigma: sigma))
            }
        }
    }
}

/// A `random.Random` instance: its own generator state.
final class RandomObject: PyObject {
    /// The generator.
    let state: RandomModule.State

    init(type: PyType, state: RandomModule.State) {
        self.state = state
        super.init(type: type)
    }
}
