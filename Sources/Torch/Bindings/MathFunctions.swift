// Element-wise math as tensor methods and torch functions (the tensor first in both), with
// the in-place `name_` forms returning their receiver.
import Autograd
import MiniPy

/// Element-wise math natives.
enum MathFunctions {
    static func install(_ ns: TorchNamespaces) {
        installUnary(ns)
        installBinary(ns)
        installTernary(ns)
        installInPlace()
        MathReductions.install(ns)
        MathLinalg.install(ns)
    }

    /// Defines `body` as the method `name` and as `torch.name`.
    static func both(_ ns: TorchNamespaces, _ name: String, _ body: @escaping NativeFunctionBody) {
        TorchTypes.tensor.define(name, body)
        ns.torch.define(name, body)
    }

    private static func installUnary(_ ns: TorchNamespaces) {
        let ops: [(String, (Tensor) throws -> Tensor)] = [
            ("exp", { try $0.exp() }), ("log", { try $0.log() }), ("log1p", { try $0.log1p() }),
            ("expm1", { try $0.expm1() }), ("sqrt", { try $0.sqrt() }), ("rsqrt", { try $0.rsqrt() }),
            ("sin", { try $0.sin() }), ("cos", { try $0.cos() }), ("tan", { try $0.tan() }),
            ("tanh", { try $0.tanh() }), ("sigmoid", { try $0.sigmoid() }), ("relu", { try $0.relu() }),
            ("reciprocal", { try $0.reciprocal() }), ("abs", { try $0.abs() }), ("absolute", { try $0.abs() }),
            ("neg", { try $0.neg() }), ("negative", { try $0.neg() }), ("sign", { try $0.sign() }),
            ("floor", { try $0.floor() }), ("ceil", { try $0.ceil() }), ("trunc", { try $0.trunc() }),
            ("fix", { try $0.trunc() }), ("square", { try $0.pow(.int(2)) }),
            ("log2", { try $0.log().div(.double(0.6931471805599453)) }),
            ("log10", { try $0.log().div(.double(2.302585092994046)) }),
            ("isnan", { try $0.ne($0) }),
            ("isinf", { try $0.abs().eq(.double(.infinity)) }),
            ("isfinite", { t in try t.eq(t).logicalAnd(try t.abs().ne(.double(.infinity))) }),
            ("logical_not", { $0.logicalNot() }), ("bitwise_not", { try $0.bitwiseNot() }),
            ("signbit", { try $0.lt(.int(0)) }),
        ]
        for (name, op) in ops {
            both(ns, name) { _, args, kwargs in
                let t = try selfTensor(args, name)
                return try finish(try rethrowingTorch { try op(t) }, kwargs)
            }
        }
        both(ns, "round") { _, args, kwargs in
            let t = try selfTensor(args, "round")
            let decimals = try optionalInt(args, kwargs, 1, "decimals") ?? 0
            return try finish(try rethrowingTorch { decimals == 0 ? try t.round() : try t.round(decimals: decimals) }, kwargs)
        }
        both(ns, "nan_to_num") { _, args, kwargs in
            let t = try selfTensor(args, "nan_to_num")
            guard t.dtype.isFloatingPoint else { return wrap(try rethrowingTorch { try t.clone() }) }
            // The largest finite value of the dtype stands in for infinities by default.
            let largest = t.dtype == .float32 ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude
            let nan = try real(args, kwargs, 1, "nan", 0)
            let posinf = try real(args, kwargs, 2, "posinf", largest)
            let neginf = try real(args, kwargs, 3, "neginf", -largest)
            return try finish(try rethrowingTorch {
                var r = try Tensor.where(t.ne(t), Tensor.fullLike(t, .double(nan)), t)
                r = try Tensor.where(r.eq(.double(.infinity)), Tensor.fullLike(t, .double(posinf)), r)
                return try Tensor.where(r.eq(.double(-.infinity)), Tensor.fullLike(t, .double(neginf)), r)
            }, kwargs)
        }
        both(ns, "clamp", clampBody("clamp"))
        both(ns, "clip", clampBody("clip"))
        both(ns, "clamp_min") { _, args, kwargs in
            let t = try selfTensor(args, "clamp_min")
            let lo = try scalarArgument(requiredArgument(args, kwargs, 1, "min", "clamp_min"), "min")
            return wrap(try rethrowingTorch { try t.clampMin(lo) })
        }
        both(ns, "clamp_max") { _, args, kwargs in
            let t = try selfTensor(args, "clamp_max")
            let hi = try scalarArgument(requiredArgument(args, kwargs, 1, "max", "clamp_max"), "max")
            return wrap(try rethrowingTorch { try t.clampMax(hi) })
        }
    }

    /// `clamp(min=None, max=None)` with numbers or tensors as bounds.
    private static func clampBody(_ name: String) -> NativeFunctionBody {
        { _, args, kwargs in
            let t = try selfTensor(args, name)
            let lo = presentArgument(args, kwargs, 1, "min"), hi = presentArgument(args, kwargs, 2, "max")
            if lo == nil && hi == nil {
                throw PyErr.runtimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
            }
            if (lo.flatMap(asTensor) != nil) || (hi.flatMap(asTensor) != nil) {
                let loT = try lo.map { try operand($0, "min", name).asTensor }
                let hiT = try hi.map { try operand($0, "max", name).asTensor }
                return try finish(try rethrowingTorch { try t.clamp(min: loT, max: hiT) }, kwargs)
            }
            let loS = try lo.map { try scalarArgument($0, "min") }
            let hiS = try hi.map { try scalarArgument($0, "max") }
            return try finish(try rethrowingTorch { try t.clamp(min: loS, max: hiS) }, kwargs)
        }
    }

    /// Defines a binary op taking a tensor or number as `other`.
    private static func binary(_ ns: TorchNamespaces, _ names: [String], _ otherName: String = "other",
                               tensor: @escaping (Tensor, Tensor) throws -> Tensor,
                               scalar: @escaping (Tensor, Scalar) throws -> Tensor) {
        for name in names {
            both(ns, name) { _, args, kwargs in
                let t = try selfTensor(args, name)
                let other = try operand(requiredArgument(args, kwargs, 1, otherName, name), otherName, name)
                let r: Tensor = try rethrowingTorch {
                    switch other {
                    case .tensor(let o): return try tensor(t, o)
                    case .scalar(let s): return try scalar(t, s)
                    }
                }
                return try finish(r, kwargs)
            }
        }
    }

    private static func alphaArgument(_ args: [Value], _ kwargs: KeywordArguments) throws -> Scalar {
        guard let v = presentArgument(args, kwargs, 2, "alpha") else { return .int(1) }
        return try scalarArgument(v, "alpha")
    }

    private static func installBinary(_ ns: TorchNamespaces) {
        for (name, subtract) in [("add", false), ("sub", true), ("subtract", true)] {
            both(ns, name) { _, args, kwargs in
                try checkKeywords(kwargs, ["input", "other", "alpha", "out"], name)
                let t = try selfTensor(args, name)
                let other = try operand(requiredArgument(args, kwargs, 1, "other", name), "other", name)
                let alpha = try alphaArgument(args, kwargs)
                let r: Tensor = try rethrowingTorch {
                    switch (other, subtract) {
                    case (.tensor(let o), false): return try t.add(o, alpha: alpha)
                    case (.tensor(let o), true): return try t.sub(o, alpha: alpha)
                    case (.scalar(let s), false): return try t.add(s, alpha: alpha)
                    case (.scalar(let s), true): return try t.sub(s, alpha: alpha)
                    }
                }
                return try finish(r, kwargs)
            }
        }
        binary(ns, ["mul", "multiply"], tensor: { try $0.mul($1) }, scalar: { try $0.mul($1) })
        for name in ["div", "divide", "true_divide"] {
            both(ns, name) { _, args, kwargs in
                let t = try selfTensor(args, name)
                let other = try operand(requiredArgument(args, kwargs, 1, "other", name), "other", name)
                let mode = try presentArgument(args, kwargs, 2, "rounding_mode").map { try $0.expectString("rounding_mode") }
                let r: Tensor = try rethrowingTorch {
                    if let mode { return try t.div(other.asTensor, roundingMode: mode) }
                    switch other {
                    case .tensor(let o): return try t.div(o)
                    case .scalar(let s): return try t.div(s)
                    }
                }
                return try finish(r, kwargs)
            }
        }
        binary(ns, ["floor_divide"], tensor: { try $0.floorDivide($1) }, scalar: { try $0.floorDivide($1) })
        binary(ns, ["remainder"], tensor: { try $0.remainder($1) }, scalar: { try $0.remainder($1) })
        binary(ns, ["pow"], "exponent", tensor: { try $0.pow($1) }, scalar: { try $0.pow($1) })
        binary(ns, ["maximum"], tensor: { try $0.maximum($1) }, scalar: { try $0.maximum(Operand.scalar($1).asTensor) })
        binary(ns, ["minimum"], tensor: { try $0.minimum($1) }, scalar: { try $0.minimum(Operand.scalar($1).asTensor) })
        binary(ns, ["fmax"], tensor: { try $0.maximum($1) }, scalar: { try $0.maximum(Operand.scalar($1).asTensor) })
        binary(ns, ["fmin"], tensor: { try $0.minimum($1) }, scalar: { try $0.minimum(Operand.scalar($1).asTensor) })
        binary(ns, ["eq"], tensor: { try $0.eq($1) }, scalar: { try $0.eq($1) })
        binary(ns, ["ne", "not_equal"], tensor: { try $0.ne($1) }, scalar: { try $0.ne($1) })
        binary(ns, ["lt", "less"], tensor: { try $0.lt($1) }, scalar: { try $0.lt($1) })
        binary(ns, ["le", "less_equal"], tensor: { try $0.le($1) }, scalar: { try $0.le($1) })
        binary(ns, ["gt", "greater"], tensor: { try $0.gt($1) }, scalar: { try $0.gt($1) })
        binary(ns, ["ge", "greater_equal"], tensor: { try $0.ge($1) }, scalar: { try $0.ge($1) })
        binary(ns, ["logical_and"], tensor: { try $0.logicalAnd($1) }, scalar: { try $0.logicalAnd(Operand.scalar($1).asTensor) })
        binary(ns, ["logical_or"], tensor: { try $0.logicalOr($1) }, scalar: { try $0.logicalOr(Operand.scalar($1).asTensor) })
        binary(ns, ["logical_xor"], tensor: { try $0.logicalXor($1) }, scalar: { try $0.logicalXor(Operand.scalar($1).asTensor) })
        for (name, op) in [("bitwise_and", "&"), ("bitwise_or", "|"), ("bitwise_xor", "^")] {
            binary(ns, [name], tensor: { try $0.bitwise($1, op) }, scalar: { try $0.bitwise(Operand.scalar($1).asTensor, op) })
        }
        for name in ["isclose", "allclose"] {
            both(ns, name) { _, args, kwargs in
                let t = try selfTensor(args, name)
                let other = try requiredTensor(args, kwargs, 1, "other", name)
                let rtol = try real(args, kwargs, 2, "rtol", 1e-5), atol = try real(args, kwargs, 3, "atol", 1e-8)
                let equalNan = try flag(args, kwargs, 4, "equal_nan", false)
                if name == "allclose" {
                    return .bool(try rethrowingTorch { try t.allclose(other, rtol: rtol, atol: atol, equalNan: equalNan) })
                }
                return wrap(try rethrowingTorch { try t.isclose(other, rtol: rtol, atol: atol, equalNan: equalNan) })
            }
        }
        both(ns, "equal") { _, args, kwargs in
            let t = try selfTensor(args, "equal")
            let other = try requiredTensor(args, kwargs, 1, "other", "equal")
            return .bool(try rethrowingTorch { try t.equal(other) })
        }
    }

    private static func installTernary(_ ns: TorchNamespaces) {
        both(ns, "lerp") { _, args, kwargs in
            let t = try selfTensor(args, "lerp")
            let end = try requiredTensor(args, kwargs, 1, "end", "lerp")
            let weight = try operand(requiredArgument(args, kwargs, 2, "weight", "lerp"), "weight", "lerp")
            return try finish(try rethrowingTorch {
                switch weight {
                case .tensor(let w): return try t.lerp(end, weight: w)
                case .scalar(let s): return try t.lerp(end, weight: s)
                }
            }, kwargs)
        }
        for (name, divide) in [("addcmul", false), ("addcdiv", true)] {
            both(ns, name) { _, args, kwargs in
                let t = try selfTensor(args, name)
                let t1 = try requiredTensor(args, kwargs, 1, "tensor1", name)
                let t2 = try requiredTensor(args, kwargs, 2, "tensor2", name)
                let value = try presentArgument(args, kwargs, 3, "value").map { try scalarArgument($0, "value") } ?? .int(1)
                return try finish(try rethrowingTorch {
                    divide ? try t.addcdiv(t1, t2, value: value) : try t.addcmul(t1, t2, value: value)
                }, kwargs)
            }
        }
        ns.torch.define("where") { _, args, kwargs in
            let condition = try requiredTensor(args, kwargs, 0, "condition", "where")
            guard let a = argument(args, kwargs, 1, "input") else {
                return wrapTuple(try rethrowingTorch { try condition.nonzero().unbind(1) })
            }
            let b = try requiredArgument(args, kwargs, 2, "other", "where")
            return try finish(try whereOf(condition, a, b), kwargs)
        }
        TorchTypes.tensor.define("where") { _, args, kwargs in
            let t = try selfTensor(args, "where")
            let condition = try requiredTensor(args, kwargs, 1, "condition", "where")
            let b = try requiredArgument(args, kwargs, 2, "other", "where")
            return wrap(try whereOf(condition, wrap(t), b))
        }
    }

    /// `torch.where(condition, a, b)` with tensors or numbers for `a` and `b`.
    static func whereOf(_ condition: Tensor, _ a: Value, _ b: Value) throws -> Tensor {
        let x = try operand(a, "input", "where"), y = try operand(b, "other", "where")
        return try rethrowingTorch {
            switch (x, y) {
            case (.tensor(let p), .tensor(let q)): return try Tensor.where(condition, p, q)
            case (.tensor(let p), .scalar(let s)): return try Tensor.where(condition, p, s)
            case (.scalar(let s), .tensor(let q)): return try Tensor.where(condition, s, q)
            case (.scalar(let s), .scalar(let r)):
                let dt: DType = s.isFloatingPoint || r.isFloatingPoint ? .defaultFloat : DType.promote(s.naturalDType, r.naturalDType)
                return try Tensor.where(condition, Tensor.scalar(s, dtype: dt), Tensor.scalar(r, dtype: dt))
            }
        }
    }

    private static func installInPlace() {
        let type = TorchTypes.tensor
        func define(_ name: String, _ body: @escaping (Tensor, [Value], KeywordArguments) throws -> Void) {
            type.define(name) { _, args, kwargs in
                let t = try selfTensor(args, name)
                try body(t, args, kwargs)
                return args[0]
            }
        }
        func operandOf(_ args: [Value], _ kwargs: KeywordArguments, _ name: String, _ key: String = "other") throws -> Operand {
            try operand(requiredArgument(args, kwargs, 1, key, name), key, name)
        }
        define("add_") { t, args, kwargs in
            let alpha = try alphaArgument(args, kwargs)
            switch try operandOf(args, kwargs, "add_") {
            case .tensor(let o): _ = try rethrowingTorch { try t.add_(o, alpha: alpha) }
            case .scalar(let s): _ = try rethrowingTorch { try t.add_(s, alpha: alpha) }
            }
        }
        define("sub_") { t, args, kwargs in
            let alpha = try alphaArgument(args, kwargs)
            switch try operandOf(args, kwargs, "sub_") {
            case .tensor(let o): _ = try rethrowingTorch { try t.sub_(o, alpha: alpha) }
            case .scalar(let s): _ = try rethrowingTorch { try t.sub_(s, alpha: alpha) }
            }
        }
        define("mul_") { t, args, kwargs in
            switch try operandOf(args, kwargs, "mul_") {
            case .tensor(let o): _ = try rethrowingTorch { try t.mul_(o) }
            case .scalar(let s): _ = try rethrowingTorch { try t.mul_(s) }
            }
        }
        define("div_") { t, args, kwargs in
            switch try operandOf(args, kwargs, "div_") {
            case .tensor(let o): _ = try rethrowingTorch { try t.div_(o) }
            case .scalar(let s): _ = try rethrowingTorch { try t.div_(s) }
            }
        }
        define("pow_") { t, args, kwargs in
            switch try operandOf(args, kwargs, "pow_", "exponent") {
            case .tensor(let o): _ = try rethrowingTorch { try t.pow_(o) }
            case .scalar(let s): _ = try rethrowingTorch { try t.pow_(s) }
            }
        }
        for (name, divide) in [("addcmul_", false), ("addcdiv_", true)] {
            define(name) { t, args, kwargs in
                let t1 = try requiredTensor(args, kwargs, 1, "tensor1", name)
                let t2 = try requiredTensor(args, kwargs, 2, "tensor2", name)
                let value = try presentArgument(args, kwargs, 3, "value").map { try scalarArgument($0, "value") } ?? .int(1)
                _ = try rethrowingTorch { divide ? try t.addcdiv_(t1, t2, value: value) : try t.addcmul_(t1, t2, value: value) }
            }
        }
        define("lerp_") { t, args, kwargs in
            let end = try requiredTensor(args, kwargs, 1, "end", "lerp_")
            switch try operand(requiredArgument(args, kwargs, 2, "weight", "lerp_"), "weight", "lerp_") {
            case .scalar(let s): _ = try rethrowingTorch { try t.lerp_(end, weight: s) }
            case .tensor(let w): _ = try rethrowingTorch { try t.copy_(try t.lerp(end, weight: w)) }
            }
        }
        for name in ["clamp_", "clip_"] {
            define(name) { t, args, kwargs in
                let lo = try presentArgument(args, kwargs, 1, "min").map { try scalarArgument($0, "min") }
                let hi = try presentArgument(args, kwargs, 2, "max").map { try scalarArgument($0, "max") }
                _ = try rethrowingTorch { try t.clamp_(min: lo, max: hi) }
            }
        }
        define("copy_") { t, args, kwargs in
            let src = try requiredTensor(args, kwargs, 1, "src", "copy_")
            _ = try rethrowingTorch { try t.copy_(src) }
        }
        define("fill_") { t, args, kwargs in
            let value = try scalarArgument(requiredArgument(args, kwargs, 1, "value", "fill_"), "value")
            _ = try rethrowingTorch { try t.fill_(value) }
        }
        define("zero_") { t, _, _ in _ = try rethrowingTorch { try t.zero_() } }
        let engineUnary: [(String, (Tensor) throws -> Tensor)] = [
            ("exp_", { try $0.exp_() }), ("sqrt_", { try $0.sqrt_() }), ("neg_", { try $0.neg_() }),
            ("relu_", { try $0.relu_() }), ("sigmoid_", { try $0.sigmoid_() }), ("tanh_", { try $0.tanh_() }),
            ("abs_", { try $0.abs_() }), ("log_", { try $0.log_() }),
            ("floor_", { try $0.copy_(try $0.floor()) }), ("ceil_", { try $0.copy_(try $0.ceil()) }),
            ("round_", { try $0.copy_(try $0.round()) }), ("sign_", { try $0.copy_(try $0.sign()) }),
            ("reciprocal_", { try $0.copy_(try $0.reciprocal()) }), ("log1p_", { try $0.copy_(try $0.log1p()) }),
            ("sin_", { try $0.copy_(try $0.sin()) }), ("cos_", { try $0.copy_(try $0.cos()) }),
            ("trunc_", { try $0.copy_(try $0.trunc()) }), ("square_", { try $0.pow_(.int(2)) }),
        ]
        for (name, op) in engineUnary {
            define(name) { t, _, _ in _ = try rethrowingTorch { try op(t) } }
        }
        define("masked_fill_") { t, args, kwargs in
            let mask = try requiredTensor(args, kwargs, 1, "mask", "masked_fill_")
            switch try operand(requiredArgument(args, kwargs, 2, "value", "masked_fill_"), "value", "masked_fill_") {
            case .scalar(let s): _ = try rethrowingTorch { try t.maskedFill_(mask, s) }
            case .tensor(let v): _ = try rethrowingTorch { try t.copy_(try t.maskedFill(mask, v)) }
            }
        }
        define("scatter_") { t, args, kwargs in
            let dim = try intArgument(requiredArgument(args, kwargs, 1, "dim", "scatter_"), "dim")
            let index = try requiredTensor(args, kwargs, 2, "index", "scatter_")
            let source = presentArgument(args, kwargs, 3, "src") ?? presentArgument([], kwargs, 0, "value")
            guard let source else { throw PyErr.typeError("scatter_() missing required argument 'src' (pos 3)") }
            switch try operand(source, "src", "scatter_") {
            case .tensor(let s): _ = try rethrowingTorch { try t.scatter_(dim: dim, index: index, src: s) }
            case .scalar(let v): _ = try rethrowingTorch { try t.scatter_(dim: dim, index: index, value: v) }
            }
        }
        define("scatter_add_") { t, args, kwargs in
            let dim = try intArgument(requiredArgument(args, kwargs, 1, "dim", "scatter_add_"), "dim")
            let index = try requiredTensor(args, kwargs, 2, "index", "scatter_add_")
            let src = try requiredTensor(args, kwargs, 3, "src", "scatter_add_")
            _ = try rethrowingTorch { try t.copy_(try t.scatterAdd(dim: dim, index: index, src: src)) }
        }
    }
}
