// torch.normal, torch.bernoulli, torch.multinomial, torch.dropout and the in-place random
// fills on tensors (`uniform_`, `normal_`, `bernoulli_`, `random_`).
import Autograd
import MiniPy

enum RandomSampling {
    static func install(_ ns: TorchNamespaces) {
        ns.define(ns.torch, "normal") { interp, args, kwargs in
            let o = try RandomBindings.Options(interp, kwargs, function: "normal", allowed: ["mean", "std"])
            let mean = args.count > 0 ? args[0] : (o.value("mean") ?? .float(0))
            let std = args.count > 1 ? args[1] : (o.value("std") ?? .float(1))
            return try o.finish(try normal(interp, mean, std, size: args.count > 2 ? args[2] : o.size, o))
        }
        ns.define(ns.torch, "bernoulli") { interp, args, kwargs in
            let o = try RandomBindings.Options(interp, kwargs, function: "bernoulli", allowed: ["input", "p"])
            let input = try tensorArgument(args.first ?? o.value("input") ?? .none, "input", function: "bernoulli")
            if let p = args.count > 1 ? args[1] : o.value("p"), !p.isNone {
                return wrap(try RandomFill.bernoulli(input.shape, input.dtype, p: try doubleArgument(p, "p"), o.generator))
            }
            return wrap(try RandomFill.bernoulli(probabilities: input, input.dtype, o.generator))
        }
        ns.define(ns.torch, "multinomial") { interp, args, kwargs in
            let o = try RandomBindings.Options(interp, kwargs, function: "multinomial", allowed: ["input", "num_samples", "replacement"])
            let input = try tensorArgument(args.first ?? o.value("input") ?? .none, "input", function: "multinomial")
            guard let countValue = args.count > 1 ? args[1] : o.value("num_samples") else {
                throw PyErr.typeError("multinomial() missing required argument 'num_samples' (pos 2)")
            }
            let replacement = try (args.count > 2 ? args[2] : o.value("replacement")).map { try boolArgument($0, "replacement") } ?? false
            return wrap(try multinomial(input, try intArgument(countValue, "num_samples"), replacement: replacement, o.generator))
        }
        ns.define(ns.torch, "dropout") { interp, args, kwargs in
            let bound = try NativeArguments("dropout", args, kwargs, names: ["input", "p", "train"], required: 3)
            let input = try tensorArgument(bound["input"] ?? .none, "input", function: "dropout")
            let p = try doubleArgument(bound["p"] ?? .none, "p")
            let train = try boolArgument(bound["train"] ?? .none, "train")
            let result = try dropout(input, p: p, train: train, GeneratorBindings.defaultGenerator(interp))
            // Without training PyTorch hands back the input itself.
            return result === input ? (bound["input"] ?? .none) : wrap(result)
        }
        ns.define(ns.torch, "dropout_") { interp, args, kwargs in
            let bound = try NativeArguments("dropout_", args, kwargs, names: ["input", "p", "train"], required: 3)
            let input = try tensorArgument(bound["input"] ?? .none, "input", function: "dropout_")
            let p = try doubleArgument(bound["p"] ?? .none, "p")
            let train = try boolArgument(bound["train"] ?? .none, "train")
            guard p >= 0 && p <= 1 else {
                throw PyErr.runtimeError("dropout probability has to be between 0 and 1, but got \(cppDouble(p))")
            }
            guard train && p > 0 && input.count > 0 else { return bound["input"] ?? .none }
            let noise = try dropoutMask(input.shape, input.dtype.toFloating, p: p, GeneratorBindings.defaultGenerator(interp))
            try rethrowingTorch { _ = try input.mul_(noise) }
            return bound["input"] ?? .none
        }
    }

    /// `F.dropout`: the engine's dropout (a MulBackward0 by the scaled mask).
    static func dropout(_ input: Tensor, p: Double, train: Bool, _ g: Generator) throws -> Tensor {
        guard p >= 0 && p <= 1 else {
            throw PyErr.runtimeError("dropout probability has to be between 0 and 1, but got \(cppDouble(p))")
        }
        return try rethrowingTorch {
            try input.dropout(p: p, training: train) { shape, dtype, keep in
                try RandomFill.bernoulli(shape, dtype, p: keep, g)
            }
        }
    }

    /// The scaled keep-mask `bernoulli(1 - p) / (1 - p)` (zeros when p is 1).
    static func dropoutMask(_ shape: [Int], _ dtype: DType, p: Double, _ g: Generator) throws -> Tensor {
        if p >= 1 { return try rethrowingTorch { try Tensor.zeros(shape, dtype: dtype) } }
        let mask = try RandomFill.bernoulli(shape, dtype, p: 1 - p, g)
        return try rethrowingTorch { try mask.div(.double(1 - p)) }
    }

    /// `torch.normal(mean, std, size=None)` for float or tensor means and deviations.
    static func normal(_ interp: Interpreter, _ mean: Value, _ std: Value, size: Value?,
                       _ o: RandomBindings.Options) throws -> Tensor {
        let meanTensor = asTensor(mean), stdTensor = asTensor(std)
        if meanTensor == nil && stdTensor == nil {
            guard let size else {
                throw PyErr.typeError("normal() received an invalid combination of arguments - got (float, float), but expected (float mean, float std, tuple of ints size, *, torch.Generator generator, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)")
            }
            return try RandomFill.normal(try intList(interp, size, "size"), o.dtype ?? .defaultFloat,
                                         mean: try doubleArgument(mean, "mean"), std: try doubleArgument(std, "std"), o.generator)
        }
        // Tensor mean and/or std: standard normals of the broadcast shape, then `* std + mean`.
        let like = meanTensor ?? stdTensor
        let shape = try rethrowingTorch { () throws -> [Int] in
            if let m = meanTensor, let s = stdTensor { return try m.add(s.mul(.int(0))).shape }
            return like?.shape ?? []
        }
        let dtype = like?.dtype ?? .defaultFloat
        if let s = stdTensor, s.doubleValues().contains(where: { $0 < 0 }) {
            throw PyErr.runtimeError("normal expects all elements of std >= 0.0")
        }
        let z = try RandomFill.normal(shape, dtype, mean: 0, std: 1, o.generator)
        return try rethrowingTorch {
            let scaled = try stdTensor.map { try z.mul($0) } ?? z.mul(try scalarArgument(std, "std"))
            return try meanTensor.map { try scaled.add($0) } ?? scaled.add(try scalarArgument(mean, "mean"))
        }
    }

    /// `torch.multinomial`: without replacement (or one sample) the exponential race
    /// `argmax/topk(p / q)` with `q ~ Exp(1)`, with replacement inverse-CDF draws, each
    /// drawing from the generator as PyTorch's CPU kernels do.
    static func multinomial(_ input: Tensor, _ count: Int, replacement: Bool, _ g: Generator) throws -> Tensor {
        guard input.ndim == 1 || input.ndim == 2 else {
            throw PyErr.runtimeError("prob_dist must be 1 or 2 dim")
        }
        guard input.dtype.isFloatingPoint else {
            throw PyErr.runtimeError("multinomial only supports floating-point dtypes for input, got: \(input.dtype.scalarTypeName)")
        }
        guard count > 0 else { throw PyErr.runtimeError("cannot sample n_sample <= 0 samples") }
        let categories = input.shape[input.ndim - 1]
        let rows = input.ndim == 2 ? input.shape[0] : 1
        if !replacement && count > categories {
            throw PyErr.runtimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
        }
        let p = input.doubleValues()
        if p.contains(where: { $0 < 0 || !$0.isFinite }) {
            throw PyErr.runtimeError("probability tensor contains either `inf`, `nan` or element < 0")
        }
        var out: [Int64] = []
        out.reserveCapacity(rows * count)
        for r in 0..<rows {
            let row = Array(p[(r * categories)..<((r + 1) * categories)])
            let total = row.reduce(0, +)
            if total <= 0 { throw PyErr.runtimeError("invalid multinomial distribution (sum of probabilities <= 0)") }
            if !replacement || count == 1 {
                // PyTorch: q = empty_like(p).exponential_() (one double uniform per element,
                // -log1p(-u), stored in p's dtype), then topk/argmax of p / q in that dtype.
                var u = [Double](repeating: 0, count: categories)
                u.withUnsafeMutableBufferPointer { g.fillUniform($0) }
                var keys = [Double](repeating: 0, count: categories)
                for i in 0..<categories {
                    let q = -Foundationless.log1p(-u[i])
                    keys[i] = input.dtype == .float32 ? Double(Float(row[i]) / Float(q)) : row[i] / q
                }
                let order = keys.indices.sorted { keys[$0] > keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
                out.append(contentsOf: order.prefix(count).map { Int64($0) })
            } else {
                var cumulative = [Double](repeating: 0, count: categories)
                var acc = 0.0
                for i in 0..<categories {
                    acc += row[i] / total
                    cumulative[i] = acc
                }
                var u = [Double](repeating: 0, count: count)
                u.withUnsafeMutableBufferPointer { g.fillUniform($0) }
                for sample in u {
                    var lo = 0, hi = categories
                    while hi - lo > 0 {
                        let mid = lo + (hi - lo) / 2
                        if cumulative[mid] < sample { lo = mid + 1 } else { hi = mid }
                    }
                    out.append(Int64(Swift.min(lo, categories - 1)))
                }
            }
        }
        let shape = input.ndim == 2 ? [rows, count] : [count]
        return try rethrowingTorch { try Tensor.from(ints: out, shape: shape) }
    }
}

/// `log1p` without importing Foundation into the bindings.
enum Foundationless {
    static func log1p(_ x: Double) -> Double {
        #if canImport(Glibc)
        return Glibc.log1p(x)
        #else
        return Darwin.log1p(x)
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The in-place random fills on tensors.
enum RandomTensorMethods {
    static func install() {
        let t = TorchTypes.tensor
        t.define("uniform_") { interp, args, kwargs in
            let self_ = try AutogradTensorBindings.receiver(args[0]).tensor
            let o = try RandomBindings.Options(interp, kwargs, function: "uniform_", allowed: ["from", "to", "a", "b"])
            let from = try (args.count > 1 ? args[1] : o.value("from") ?? o.value("a")).map { try doubleArgument($0, "from") } ?? 0
            let to = try (args.count > 2 ? args[2] : o.value("to") ?? o.value("b")).map { try doubleArgument($0, "to") } ?? 1
            if from > to {
                throw PyErr.runtimeError("uniform_ expects to return a [from, to) range, but found from=\(cppDouble(from)) > to=\(cppDouble(to))")
            }
            try RandomFill.fill(self_, with: try RandomFill.uniform(self_.shape, self_.dtype, from: from, to: to, o.generator))
            return args[0]
        }
        t.define("normal_") { interp, args, kwargs in
            let self_ = try AutogradTensorBindings.receiver(args[0]).tensor
            let o = try RandomBindings.Options(interp, kwargs, function: "normal_", allowed: ["mean", "std"])
            let mean = try (args.count > 1 ? args[1] : o.value("mean")).map { try doubleArgument($0, "mean") } ?? 0
            let std = try (args.count > 2 ? args[2] : o.value("std")).map { try doubleArgument($0, "std") } ?? 1
            let fresh = try RandomFill.normal(self_.shape, self_.dtype, mean: mean, std: std, o.generator,
                                              contiguous: self_.isContiguous)
            try RandomFill.fill(self_, with: fresh)
            return args[0]
        }
        t.define("exponential_") { interp, args, kwargs in
            let self_ = try AutogradTensorBindings.receiver(args[0]).tensor
            let o = try RandomBindings.Options(interp, kwargs, function: "exponential_", allowed: ["lambd"])
            let lambd = try (args.count > 1 ? args[1] : o.value("lambd")).map { try doubleArgument($0, "lambd") } ?? 1
            guard lambd > 0 else {
                throw PyErr.runtimeError("exponential_ expects lambda > 0.0, but found lambda=\(cppDouble(lambd))")
            }
            guard self_.dtype.isFloatingPoint else {
                throw RandomFill.notImplemented("exponential_cpu", self_.dtype)
            }
            // One double uniform per element, -1/lambda * log1p(-u), stored in the tensor's dtype.
            var u = [Double](repeating: 0, count: self_.count)
            u.withUnsafeMutableBufferPointer { o.generator.fillUniform($0) }
            let values = u.map { (-1.0 / lambd) * Foundationless.log1p(-$0) }
            let fresh = try rethrowingTorch { try Tensor.from(values, shape: self_.shape, dtype: self_.dtype) }
            try RandomFill.fill(self_, with: fresh)
            return args[0]
        }
        t.define("bernoulli_") { interp, args, kwargs in
            let self_ = try AutogradTensorBindings.receiver(args[0]).tensor
            let o = try RandomBindings.Options(interp, kwargs, function: "bernoulli_", allowed: ["p"])
            let p = args.count > 1 ? args[1] : (o.value("p") ?? .float(0.5))
            let fresh: Tensor
            if let probabilities = asTensor(p) {
                fresh = try RandomFill.bernoulli(probabilities: try rethrowingTorch { try probabilities.expand(self_.shape) },
                                                 self_.dtype, o.generator)
            } else {
                fresh = try RandomFill.bernoulli(self_.shape, self_.dtype, p: try doubleArgument(p, "p"), o.generator)
            }
            try RandomFill.fill(self_, with: fresh)
            return args[0]
        }
        t.define("bernoulli") { interp, args, kwargs in
            let self_ = try AutogradTensorBindings.receiver(args[0]).tensor
            let o = try RandomBindings.Options(interp, kwargs, function: "bernoulli", allowed: ["p"])
            if let p = args.count > 1 ? args[1] : o.value("p"), !p.isNone {
                return wrap(try RandomFill.bernoulli(self_.shape, self_.dtype, p: try doubleArgument(p, "p"), o.generator))
            }
            return wrap(try RandomFill.bernoulli(probabilities: self_, self_.dtype, o.generator))
        }
        t.define("random_") { interp, args, kwargs in
            let self_ = try AutogradTensorBindings.receiver(args[0]).tensor
            let o = try RandomBindings.Options(interp, kwargs, function: "random_", allowed: ["from", "to"])
            let positional = Array(args.dropFirst())
            var from: Int64?
            var to: Int64?
            if positional.count == 1 { to = Int64(try intArgument(positional[0], "to")) }
            if positional.count >= 2 {
                from = Int64(try intArgument(positional[0], "from"))
                if !positional[1].isNone { to = Int64(try intArgument(positional[1], "to")) }
            }
            if let v = o.value("from") { from = Int64(try intArgument(v, "from")) }
            if let v = o.value("to"), !v.isNone { to = Int64(try intArgument(v, "to")) }
            let fresh: Tensor
            if let to {
                fresh = try RandomFill.randint(self_.shape, self_.dtype, low: from ?? 0, high: to, o.generator)
            } else if let from {
                fresh = try RandomFill.randint(self_.shape, self_.dtype, low: from, high: Int64.max, o.generator)
            } else {
                fresh = try RandomFill.random(self_.shape, self_.dtype, o.generator)
            }
            try RandomFill.fill(self_, with: fresh)
            return args[0]
        }
        t.define("multinomial") { interp, args, kwargs in
            let self_ = try AutogradTensorBindings.receiver(args[0]).tensor
            let o = try RandomBindings.Options(interp, kwargs, function: "multinomial", allowed: ["num_samples", "replacement"])
            guard let countValue = args.count > 1 ? args[1] : o.value("num_samples") else {
                throw PyErr.typeError("multinomial() missing required argument 'num_samples' (pos 1)")
            }
            let replacement = try (args.count > 2 ? args[2] : o.value("replacement")).map { try boolArgument($0, "replacement") } ?? false
            return wrap(try RandomSampling.multinomial(self_, try intArgument(countValue, "num_samples"),
                                                       replacement: replacement, o.generator))
        }
    }
}
