// The random side of `torch`: seeding, generator state, random tensors, `generator=`
// arguments, the in-place fills on tensors, and dropout.
import Autograd
import MiniPy

/// Native bindings of random numbers.
enum RandomBindings {
    /// Methods on shared types are defined once per process, not once per interpreter.
    private static let typeMethodsReady: Void = {
        GeneratorBindings.installMethods()
        RandomTensorMethods.install()
    }()

    static func install(_ ns: TorchNamespaces) {
        _ = typeMethodsReady
        GeneratorBindings.install(ns)
        installSeeding(ns)
        installCreation(ns)
        RandomSampling.install(ns)
    }

    private static func installSeeding(_ ns: TorchNamespaces) {
        ns.define(ns.torch, "manual_seed") { interp, args, kwargs in
            let bound = try NativeArguments("manual_seed", args, kwargs, names: ["seed"], required: 1)
            let own = GeneratorBindings.defaultObject(interp)
            own.generator.manualSeed(wrapping: try GeneratorBindings.seedArgument(bound["seed"] ?? .none))
            return .object(own)
        }
        ns.define(ns.torch, "seed") { interp, _, _ in
            try interp.callMethod(.object(GeneratorBindings.defaultObject(interp)), "seed", [])
        }
        ns.define(ns.torch, "initial_seed") { interp, _, _ in
            .int(Int(Int64(bitPattern: GeneratorBindings.defaultGenerator(interp).initialSeed)))
        }
        ns.define(ns.torch, "get_rng_state") { interp, _, _ in
            try GeneratorBindings.stateTensor(GeneratorBindings.defaultGenerator(interp))
        }
        ns.define(ns.torch, "set_rng_state") { interp, args, kwargs in
            let bound = try NativeArguments("set_rng_state", args, kwargs, names: ["new_state"], required: 1)
            try GeneratorBindings.setState(GeneratorBindings.defaultGenerator(interp), bound["new_state"] ?? .none)
            return .none
        }
    }

    /// Keyword options shared by the factories (`generator=`, `dtype=`, `requires_grad=` ...).
    struct Options {
        var generator: Generator
        var dtype: DType?
        var requiresGrad = false
        var size: Value?
        var rest: KeywordArguments = []

        init(_ interp: Interpreter, _ kwargs: KeywordArguments, function: String, allowed: Set<String> = []) throws {
            generator = GeneratorBindings.defaultGenerator(interp)
            for (name, value) in kwargs {
                switch name {
                case "generator": generator = try GeneratorBindings.argument(value, interp)
                case "dtype": dtype = try optionalDTypeArgument(value)
                case "requires_grad": requiresGrad = try boolArgument(value, "requires_grad")
                case "device":
                    if !value.isNone { try requireCPU(try deviceObject(value)) }
                case "layout", "pin_memory", "memory_format", "out": continue
                case "size": size = value
                default:
                    guard allowed.contains(name) else {
                        throw PyErr.typeError("\(function)() got an unexpected keyword argument '\(name)'")
                    }
                    rest.append((name, value))
                }
            }
        }

        /// The value of an extra keyword accepted through `allowed`.
        func value(_ name: String) -> Value? { rest.first { $0.name == name }?.value }

        /// Applies `requires_grad=`.
        func finish(_ t: Tensor) throws -> Value {
            if requiresGrad {
                if !t.dtype.isFloatingPoint {
                    throw PyErr.runtimeError("Only Tensors of floating point and complex dtype can require gradients")
                }
                try rethrowingTorch { try t.setRequiresGrad(true) }
                let o = PyTensor(t)
                GradFnRegistry.rememberLeaf(o)
                return .object(o)
            }
            return wrap(t)
        }
    }

    /// The shape of `rand(2, 3)`, `rand((2, 3))` or `rand(size=(2, 3))`.
    static func shape(_ interp: Interpreter, _ args: [Value], _ options: Options) throws -> [Int] {
        if let size = options.size {
            if !args.isEmpty { throw PyErr.typeError("size given both by position and keyword") }
            return try intList(interp, size, "size")
        }
        return try shapeArguments(interp, args)
    }

    private static func installCreation(_ ns: TorchNamespaces) {
        ns.define(ns.torch, "rand") { interp, args, kwargs in
            let o = try Options(interp, kwargs, function: "rand")
            let t = try RandomFill.uniform(try shape(interp, args, o), o.dtype ?? .defaultFloat, from: 0, to: 1, o.generator)
            return try o.finish(t)
        }
        ns.define(ns.torch, "randn") { interp, args, kwargs in
            let o = try Options(interp, kwargs, function: "randn")
            let t = try RandomFill.normal(try shape(interp, args, o), o.dtype ?? .defaultFloat, mean: 0, std: 1, o.generator)
            return try o.finish(t)
        }
        ns.define(ns.torch, "rand_like") { interp, args, kwargs in
            let o = try Options(interp, kwargs, function: "rand_like")
            let like = try tensorArgument(args.first ?? .none, "input", function: "rand_like")
            return try o.finish(try RandomFill.uniform(like.shape, o.dtype ?? like.dtype, from: 0, to: 1, o.generator))
        }
        ns.define(ns.torch, "randn_like") { interp, args, kwargs in
            let o = try Options(interp, kwargs, function: "randn_like")
            let like = try tensorArgument(args.first ?? .none, "input", function: "randn_like")
            return try o.finish(try RandomFill.normal(like.shape, o.dtype ?? like.dtype, mean: 0, std: 1, o.generator))
        }
        ns.define(ns.torch, "randint") { interp, args, kwargs in
            let o = try Options(interp, kwargs, function: "randint", allowed: ["low", "high"])
            var positional = args
            var sizeValue = o.size
            if sizeValue == nil, let last = positional.last, !isIntLike(last) {
                sizeValue = positional.removeLast()
            }
            var low: Int64 = 0
            var high: Int64?
            if let v = o.value("low") { low = Int64(try intArgument(v, "low")) }
            if let v = o.value("high") { high = Int64(try intArgument(v, "high")) }
            switch positional.count {
            case 0: break
            case 1: high = Int64(try intArgument(positional[0], "high"))
            case 2:
                low = Int64(try intArgument(positional[0], "low"))
                high = Int64(try intArgument(positional[1], "high"))
            default: throw PyErr.typeError("randint() received an invalid combination of arguments")
            }
            guard let high, let sizeValue else {
                throw PyErr.typeError("randint() received an invalid combination of arguments - got (\(args.map(\.typeName).joined(separator: ", "))), but expected one of:\n * (int high, tuple of ints size, *, torch.Generator generator, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)\n * (int low, int high, tuple of ints size, *, torch.Generator generator, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)\n")
            }
            let shape = try intList(interp, sizeValue, "size")
            return try o.finish(try RandomFill.randint(shape, o.dtype ?? .int64, low: low, high: high, o.generator))
        }
        ns.define(ns.torch, "randint_like") { interp, args, kwargs in
            let o = try Options(interp, kwargs, function: "randint_like", allowed: ["low", "high"])
            let like = try tensorArgument(args.first ?? .none, "input", function: "randint_like")
            var low: Int64 = 0
            var high = try o.value("high").map { Int64(try intArgument($0, "high")) }
            if args.count == 2 { high = Int64(try intArgument(args[1], "high")) }
            if args.count >= 3 {
                low = Int64(try intArgument(args[1], "low"))
                high = Int64(try intArgument(args[2], "high"))
            }
            if let v = o.value("low") { low = Int64(try intArgument(v, "low")) }
            guard let high else { throw PyErr.typeError("randint_like() missing required argument 'high'") }
            return try o.finish(try RandomFill.randint(like.shape, o.dtype ?? like.dtype, low: low, high: high, o.generator))
        }
        ns.define(ns.torch, "randperm") { interp, args, kwargs in
            let o = try Options(interp, kwargs, function: "randperm", allowed: ["n"])
            guard let nValue = args.first ?? o.value("n") else {
                throw PyErr.typeError("randperm() missing required argument 'n' (pos 1)")
            }
            let t = try RandomFill.randperm(try intArgument(nValue, "n"), o.dtype ?? .int64, o.generator)
            return try o.finish(t)
        }
    }
}
