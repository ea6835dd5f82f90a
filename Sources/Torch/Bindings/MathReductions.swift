// Reductions, scans, softmax, sorting and selection as methods and torch functions.
import Autograd
import MiniPy

/// Reduction and selection natives.
enum MathReductions {
    static func install(_ ns: TorchNamespaces) {
        installSums(ns)
        installExtrema(ns)
        installSorting(ns)
        installSelection(ns)
    }

    private static func both(_ ns: TorchNamespaces, _ name: String, _ body: @escaping NativeFunctionBody) {
        MathFunctions.both(ns, name, body)
    }

    /// The `dim=` argument as a list of dims (nil when absent or None).
    @inline(__always)
    static func dims(_ interp: Interpreter, _ args: [Value], _ kwargs: KeywordArguments, _ position: Int) throws -> [Int]? {
        guard let v = presentArgument(args, kwargs, position, "dim") else { return nil }
        if case .int(let i) = v { return [i] }
        return try intList(interp, v, "dim")
    }

    /// The receiver converted to `dtype=` when one is given.
    @inline(__always)
    private static func withDType(_ t: Tensor, _ kwargs: KeywordArguments) throws -> Tensor {
        guard !kwargs.isEmpty, let d = presentArgument([], kwargs, 0, "dtype") else { return t }
        let dtype = try dtypeArgument(d)
        return try rethrowingTorch { try t.to(dtype) }
    }

    private static func installSums(_ ns: TorchNamespaces) {
        both(ns, "sum") { interp, args, kwargs in
            let t = try withDType(selfTensor(args, "sum"), kwargs)
            let keepdim = try flag(args, kwargs, 2, "keepdim", false)
            guard let d = try dims(interp, args, kwargs, 1) else { return try finish(try rethrowingTorch { try t.sum() }, kwargs) }
            return try finish(try rethrowingTorch { try t.sum(dims: d, keepdim: keepdim) }, kwargs)
        }
        both(ns, "mean") { interp, args, kwargs in
            let t = try withDType(selfTensor(args, "mean"), kwargs)
            guard t.dtype.isFloatingPoint else {
                throw PyErr.notImplemented("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(t.dtype.scalarTypeName)")
            }
            let keepdim = try flag(args, kwargs, 2, "keepdim", false)
            guard let d = try dims(interp, args, kwargs, 1) else { return try finish(try rethrowingTorch { try t.mean() }, kwargs) }
            return try finish(try rethrowingTorch { try t.mean(dims: d, keepdim: keepdim) }, kwargs)
        }
        both(ns, "prod") { _, args, kwargs in
            let t = try withDType(selfTensor(args, "prod"), kwargs)
            let keepdim = try flag(args, kwargs, 2, "keepdim", false)
            guard let d = try optionalInt(args, kwargs, 1, "dim") else { return wrap(try rethrowingTorch { try t.prod() }) }
            return wrap(try rethrowingTorch { try t.prod(dim: d, keepdim: keepdim) })
        }
        for name in ["var", "std"] {
            both(ns, name) { interp, args, kwargs in
                let t = try selfTensor(args, name)
                guard t.dtype.isFloatingPoint else {
                    throw PyErr.notImplemented("std and var only support floating point and complex dtypes")
                }
                var position = 1
                var d: [Int]?
                // var(dim, unbiased, keepdim) or var(unbiased) when the first argument is a bool.
                if position < args.count, case .bool = args[position] {} else {
                    d = try dims(interp, args, kwargs, position)
                    position += 1
                }
                var correction = 1.0
                if let u = presentArgument(args, kwargs, position, "unbiased") {
                    correction = try boolArgument(u, "unbiased") ? 1 : 0
                }
                if let c = presentArgument([], kwargs, 0, "correction") { correction = try doubleArgument(c, "correction") }
                let keepdim = try flag(args, kwargs, position + 1, "keepdim", false)
                return wrap(try rethrowingTorch {
                    name == "var" ? try t.var(dims: d, correction: correction, keepdim: keepdim)
                        : try t.std(dims: d, correction: correction, keepdim: keepdim)
                })
            }
        }
        both(ns, "norm") { interp, args, kwargs in
            let t = try selfTensor(args, "norm")
            let p = try normOrder(presentArgument(args, kwargs, 1, "p"))
            let d = try dims(interp, args, kwargs, 2)
            let keepdim = try flag(args, kwargs, 3, "keepdim", false)
            return wrap(try rethrowingTorch { try t.norm(p: p, dims: d, keepdim: keepdim) })
        }
        ns.linalg.define("vector_norm") { interp, args, kwargs in
            let t = try withDType(selfTensor(args, "vector_norm"), kwargs)
            let p = try normOrder(presentArgument(args, kwargs, 1, "ord"))
            let d = try dims(interp, args, kwargs, 2)
            let keepdim = try flag(args, kwargs, 3, "keepdim", false)
            return try finish(try rethrowingTorch { try t.norm(p: p, dims: d, keepdim: keepdim) }, kwargs)
        }
        ns.linalg.define("norm") { interp, args, kwargs in
            let t = try selfTensor(args, "norm")
            let p = try normOrder(presentArgument(args, kwargs, 1, "ord"))
            let d = try dims(interp, args, kwargs, 2)
            let keepdim = try flag(args, kwargs, 3, "keepdim", false)
            return wrap(try rethrowingTorch { try t.norm(p: p, dims: d, keepdim: keepdim) })
        }
        both(ns, "logsumexp") { interp, args, kwargs in
            let t = try selfTensor(args, "logsumexp")
            let d = try dims(interp, args, kwargs, 1) ?? []
            let keepdim = try flag(args, kwargs, 2, "keepdim", false)
            return try finish(try rethrowingTorch { try t.logsumexp(dims: d, keepdim: keepdim) }, kwargs)
        }
        both(ns, "cumsum") { _, args, kwargs in
            let t = try withDType(selfTensor(args, "cumsum"), kwargs)
            let dim = try intArgument(requiredArgument(args, kwargs, 1, "dim", "cumsum"), "dim")
            return try finish(try rethrowingTorch { try t.cumsum(dim: dim) }, kwargs)
        }
        for (name, log) in [("softmax", false), ("log_softmax", true)] {
            both(ns, name) { _, args, kwargs in
                var t = try selfTensor(args, name)
                let dim = try intArgument(requiredArgument(args, kwargs, 1, "dim", name), "dim")
                if let d = presentArgument(args, kwargs, 2, "dtype") {
                    let dtype = try dtypeArgument(d)
                    t = try rethrowingTorch { try t.to(dtype) }
                }
                return wrap(try rethrowingTorch { log ? try t.logSoftmax(dim: dim) : try t.softmax(dim: dim) })
            }
        }
    }

    /// `p=`/`ord=` of a norm: a number, "fro" (2) or None (2).
    private static func normOrder(_ v: Value?) throws -> Double {
        guard let v else { return 2 }
        if case .str(let s) = v {
            guard s == "fro" else { throw PyErr.runtimeError("norm: ord '\(s)' is not supported by gradstep") }
            return 2
        }
        return try doubleArgument(v, "p")
    }

    private static func installExtrema(_ ns: TorchNamespaces) {
        for (name, isMax) in [("max", true), ("min", false)] {
            both(ns, name) { _, args, kwargs in
                let t = try selfTensor(args, name)
                guard let d = presentArgument(args, kwargs, 1, "dim") else {
                    return wrap(try rethrowingTorch { isMax ? try t.max() : try t.min() })
                }
                if let other = asTensor(d) {
                    return try finish(try rethrowingTorch { isMax ? try t.maximum(other) : try t.minimum(other) }, kwargs)
                }
                let dim = try intArgument(d, "dim")
                let keepdim = try flag(args, kwargs, 2, "keepdim", false)
                let r = try rethrowingTorch { isMax ? try t.max(dim: dim, keepdim: keepdim) : try t.min(dim: dim, keepdim: keepdim) }
                return ReturnTypes.make(name, [("values", r.values), ("indices", r.indices)])
            }
        }
        for (name, isMax) in [("argmax", true), ("argmin", false)] {
            both(ns, name) { _, args, kwargs in
                let t = try selfTensor(args, name)
                let keepdim = try flag(args, kwargs, 2, "keepdim", false)
                guard let dim = try optionalInt(args, kwargs, 1, "dim") else {
                    return wrap(try rethrowingTorch { isMax ? try t.argmax() : try t.argmin() })
                }
                return wrap(try rethrowingTorch { isMax ? try t.argmax(dim: dim, keepdim: keepdim) : try t.argmin(dim: dim, keepdim: keepdim) })
            }
        }
        for (name, isMax) in [("amax", true), ("amin", false)] {
            both(ns, name) { interp, args, kwargs in
                let t = try selfTensor(args, name)
                let d = try dims(interp, args, kwargs, 1) ?? []
                let keepdim = try flag(args, kwargs, 2, "keepdim", false)
                return wrap(try rethrowingTorch { isMax ? try t.amax(dims: d, keepdim: keepdim) : try t.amin(dims: d, keepdim: keepdim) })
            }
        }
        for (name, isAll) in [("all", true), ("any", false)] {
            both(ns, name) { _, args, kwargs in
                let t = try selfTensor(args, name)
                guard let dim = try optionalInt(args, kwargs, 1, "dim") else {
                    return wrap(isAll ? t.all() : t.any())
                }
                let keepdim = try flag(args, kwargs, 2, "keepdim", false)
                return wrap(try rethrowingTorch { isAll ? try t.all(dim: dim, keepdim: keepdim) : try t.any(dim: dim, keepdim: keepdim) })
            }
        }
    }

    private static func installSorting(_ ns: TorchNamespaces) {
        both(ns, "sort") { _, args, kwargs in
            let t = try selfTensor(args, "sort")
            var position = 1
            var dim = -1
            if position < args.count, case .bool = args[position] {} else {
                dim = try optionalInt(args, kwargs, 1, "dim") ?? -1
                position += 1
            }
            let descending = try flag(args, kwargs, position, "descending", false)
            let r = try rethrowingTorch { try t.sort(dim: dim, descending: descending) }
            return ReturnTypes.make("sort", [("values", r.values), ("indices", r.indices)])
        }
        both(ns, "argsort") { _, args, kwargs in
            let t = try selfTensor(args, "argsort")
            let dim = try optionalInt(args, kwargs, 1, "dim") ?? -1
            let descending = try flag(args, kwargs, 2, "descending", false)
            return wrap(try rethrowingTorch { try t.argsort(dim: dim, descending: descending) })
        }
        both(ns, "topk") { _, args, kwargs in
            let t = try selfTensor(args, "topk")
            let k = try intArgument(requiredArgument(args, kwargs, 1, "k", "topk"), "k")
            let dim = try optionalInt(args, kwargs, 2, "dim") ?? -1
            let largest = try flag(args, kwargs, 3, "largest", true)
            let r = try rethrowingTorch { try t.topk(k, dim: dim, largest: largest) }
            return ReturnTypes.make("topk", [("values", r.values), ("indices", r.indices)])
        }
        both(ns, "unique") { _, args, kwargs in
            let t = try selfTensor(args, "unique")
            let inverse = try flag(args, kwargs, 2, "return_inverse", false)
            let counts = try flag(args, kwargs, 3, "return_counts", false)
            if presentArgument(args, kwargs, 4, "dim") != nil {
                throw PyErr.runtimeError("unique(dim=) is not supported by gradstep")
            }
            let r = try rethrowingTorch { try t.unique(returnInverse: inverse, returnCounts: counts) }
            if !inverse && !counts { return wrap(r.values) }
            var items = [wrap(r.values)]
            if let i = r.inverse { items.append(wrap(i)) }
            if let c = r.counts { items.append(wrap(c)) }
            return .tuple(items)
        }
        both(ns, "bincount") { _, args, kwargs in
            let t = try selfTensor(args, "bincount")
            let weights = try optionalTensorArgument(argument(args, kwargs, 1, "weights"), "weights")
            let minlength = try optionalInt(args, kwargs, 2, "minlength") ?? 0
            return wrap(try rethrowingTorch { try t.bincount(weights: weights, minlength: minlength) })
        }
        both(ns, "nonzero") { _, args, kwargs in
            let t = try selfTensor(args, "nonzero")
            let r = try rethrowingTorch { try t.nonzero() }
            if try flag([], kwargs, 0, "as_tuple", false) {
                return wrapTuple(try rethrowingTorch { try r.unbind(1) })
            }
            return wrap(r)
        }
        both(ns, "count_nonzero") { _, args, kwargs in
            let t = try selfTensor(args, "count_nonzero")
            let nonzero = try rethrowingTorch { try t.ne(.int(0)) }
            guard let dim = try optionalInt(args, kwargs, 1, "dim") else { return wrap(try rethrowingTorch { try nonzero.sum() }) }
            return wrap(try rethrowingTorch { try nonzero.sum(dim: dim) })
        }
    }

    private static func installSelection(_ ns: TorchNamespaces) {
        both(ns, "gather") { _, args, kwargs in
            let t = try selfTensor(args, "gather")
            let dim = try intArgument(requiredArgument(args, kwargs, 1, "dim", "gather"), "dim")
            let index = try requiredTensor(args, kwargs, 2, "index", "gather")
            return try finish(try rethrowingTorch { try t.gather(dim: dim, index: index) }, kwargs)
        }
        both(ns, "scatter") { _, args, kwargs in
            let t = try selfTensor(args, "scatter")
            let dim = try intArgument(requiredArgument(args, kwargs, 1, "dim", "scatter"), "dim")
            let index = try requiredTensor(args, kwargs, 2, "index", "scatter")
            let source = presentArgument(args, kwargs, 3, "src") ?? presentArgument([], kwargs, 0, "value")
            guard let source else { throw PyErr.typeError("scatter() missing required argument 'src' (pos 3)") }
            switch try operand(source, "src", "scatter") {
            case .tensor(let s): return wrap(try rethrowingTorch { try t.scatter(dim: dim, index: index, src: s) })
            case .scalar(let v): return wrap(try rethrowingTorch { try t.scatter(dim: dim, index: index, value: v) })
            }
        }
        both(ns, "scatter_add") { _, args, kwargs in
            let t = try selfTensor(args, "scatter_add")
            let dim = try intArgument(requiredArgument(args, kwargs, 1, "dim", "scatter_add"), "dim")
            let index = try requiredTensor(args, kwargs, 2, "index", "scatter_add")
            let src = try requiredTensor(args, kwargs, 3, "src", "scatter_add")
            return wrap(try rethrowingTorch { try t.scatterAdd(dim: dim, index: index, src: src) })
        }
        both(ns, "index_select") { _, args, kwargs in
            let t = try selfTensor(args, "index_select")
            let dim = try intArgument(requiredArgument(args, kwargs, 1, "dim", "index_select"), "dim")
            let index = try requiredTensor(args, kwargs, 2, "index", "index_select")
            return try finish(try rethrowingTorch { try t.indexSelect(dim: dim, index: index) }, kwargs)
        }
        both(ns, "masked_fill") { _, args, kwargs in
            let t = try selfTensor(args, "masked_fill")
            let mask = try requiredTensor(args, kwargs, 1, "mask", "masked_fill")
            switch try operand(requiredArgument(args, kwargs, 2, "value", "masked_fill"), "value", "masked_fill") {
            case .scalar(let s): return wrap(try rethrowingTorch { try t.maskedFill(mask, s) })
            case .tensor(let v): return wrap(try rethrowingTorch { try t.maskedFill(mask, v) })
            }
        }
    }
}

/// `torch.return_types.*`: the named tuples `max(dim)`, `sort` and `topk` return.
enum ReturnTypes {
    nonisolated(unsafe) private static var types: [String: PyType] = [:]

    /// The named tuple `torch.return_types.<name>` holding the given fields.
    static func make(_ name: String, _ fields: [(String, Tensor)]) -> Value {
        let type = types[name] ?? makeType(name, fields.map(\.0))
        return .object(PyTuple(fields.map { wrap($0.1) }, type: type))
    }

    private static func makeType(_ name: String, _ names: [String]) -> PyType {
        let type = PyType(name: name, base: BuiltinTypes.tuple, module: "torch.return_types", instancesHaveDict: false)
        for (i, field) in names.enumerated() {
            type.defineProperty(field) { _, v in
                guard case .object(let o) = v, let t = o as? PyTuple, i < t.items.count else { return .none }
                return t.items[i]
            }
        }
        type.define("__repr__") { interp, args, _ in
            guard case .object(let o)? = args.first, let t = o as? PyTuple else { return .str(name) }
            var parts: [String] = []
            for (field, item) in zip(names, t.items) { parts.append("\(field)=\(try interp.repr(item))") }
            return .str("torch.return_types.\(name)(\n" + parts.joined(separator: ",\n") + ")")
        }
        types[name] = type
        return type
    }
}
