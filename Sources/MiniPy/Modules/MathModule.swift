// The `math` module.

/// `math`: CPython's functions and constants over `PythonMath` (Support/).
enum MathModule {
    /// The module's registration.
    static var definition: NativeModuleDefinition {
        NativeModuleDefinition(name: "math", make: make)
    }

    static func make(_ interp: Interpreter) throws -> PyModule {
        let m = PyModule(name: "math")
        m["pi"] = .float(Double.pi)
        m["e"] = .float(2.718281828459045)
        m["tau"] = .float(2 * Double.pi)
        m["inf"] = .float(.infinity)
        m["nan"] = .float(.nan)
        let unary: [(String, (Double) throws -> Double)] = [
            ("sqrt", PythonMath.sqrt), ("exp", PythonMath.exp), ("cos", PythonMath.cos),
            ("sin", PythonMath.sin), ("tan", PythonMath.tan), ("tanh", PythonMath.tanh),
            ("atan", PythonMath.atan), ("log2", PythonMath.log2), ("log10", PythonMath.log10),
            ("fabs", { $0.magnitude }),
            ("asin", { try PythonMath.apply($0, canOverflow: false, libmAsin) }),
            ("acos", { try PythonMath.apply($0, canOverflow: false, libmAcos) }),
            ("sinh", { try PythonMath.apply($0, canOverflow: true, libmSinh) }),
            ("cosh", { try PythonMath.apply($0, canOverflow: true, libmCosh) }),
            ("asinh", { try PythonMath.apply($0, canOverflow: false, libmAsinh) }),
            ("acosh", { try PythonMath.apply($0, canOverflow: false, libmAcosh) }),
            ("atanh", { try PythonMath.apply($0, canOverflow: false, libmAtanh) }),
            ("erf", { try PythonMath.apply($0, canOverflow: false, libmErf) }),
            ("erfc", { try PythonMath.apply($0, canOverflow: false, libmErfc) }),
            ("log1p", { try PythonMath.apply($0, canOverflow: false, libmLog1p) }),
            ("expm1", { try PythonMath.apply($0, canOverflow: true, libmExpm1) }),
            ("exp2", { try PythonMath.apply($0, canOverflow: true, libmExp2) }),
            ("cbrt", { try PythonMath.apply($0, canOverflow: false, libmCbrt) }),
            ("degrees", { $0 * (180.0 / Double.pi) }),
            ("radians", { $0 * (Double.pi / 180.0) }),
        ]
        for (name, function) in unary {
            m.define(name) { interp, args, kwargs in
                try expectPositional("math.\(name)", args, kwargs, min: 1, max: 1)
                let x = try interp.doubleArgument(args[0])
                return .float(try withPythonErrors(interp) { try function(x) })
            }
        }
        let predicates: [(String, (Double) -> Bool)] = [
            ("isnan", { $0.isNaN }), ("isinf", { $0.isInfinite }), ("isfinite", { $0.isFinite }),
        ]
        for (name, test) in predicates {
            m.define(name) { interp, args, kwargs in
                try expectPositional("math.\(name)", args, kwargs, min: 1, max: 1)
                return .bool(test(try interp.doubleArgument(args[0])))
            }
        }
        defineRounding(m)
        defineBinary(m)
        defineAggregates(m)
        return m
    }

    /// floor, ceil, trunc: ints pass through, floats become ints, objects use their dunder.
    private static func defineRounding(_ m: PyModule) {
        let rounding: [(String, String, (Double) throws -> Int)] = [
            ("floor", "__floor__", PythonMath.floor), ("ceil", "__ceil__", PythonMath.ceil),
            ("trunc", "__trunc__", PythonMath.trunc),
        ]
        for (name, dunder, function) in rounding {
            m.define(name) { interp, args, kwargs in
                try expectPositional("math.\(name)", args, kwargs, min: 1, max: 1)
                switch args[0] {
                case .int(let i): return .int(i)
                case .bool(let b): return .int(b ? 1 : 0)
                case .object:
                    if let method = interp.specialMethod(args[0], dunder) {
                        return try interp.callSpecial(method, args[0], [])
                    }
                    if name == "trunc" {
                        throw PyErr.typeError("type \(args[0].typeName) doesn't define __trunc__ method")
                    }
                default: break
                }
                let x = try interp.doubleArgument(args[0])
                return .int(try withPythonErrors(interp) { try function(x) })
            }
        }
    }

    private static func defineBinary(_ m: PyModule) {
        m.define("pow") { interp, args, kwargs in
            try expectPositional("pow", args, kwargs, min: 2, max: 2)
            let x = try interp.doubleArgument(args[0])
            let y = try interp.doubleArgument(args[1])
            return .float(try withPythonErrors(interp) { try PythonMath.pow(x, y) })
        }
        m.define("atan2") { interp, args, kwargs in
            try expectPositional("atan2", args, kwargs, min: 2, max: 2)
            return .float(PythonMath.atan2(try interp.doubleArgument(args[0]), try interp.doubleArgument(args[1])))
        }
        m.define("copysign") { interp, args, kwargs in
            try expectPositional("copysign", args, kwargs, min: 2, max: 2)
            let x = try interp.doubleArgument(args[0])
            return .float(Double(signOf: try interp.doubleArgument(args[1]), magnitudeOf: x))
        }
        m.define("hypot") { interp, args, kwargs in
            if !kwargs.isEmpty { throw PyErr.typeError("hypot() takes no keyword arguments") }
            var total = 0.0
            var sawInfinity = false
            var sawNaN = false
            for a in args {
                let x = try interp.doubleArgument(a)
                if x.isInfinite { sawInfinity = true }
                if x.isNaN { sawNaN = true }
                total += x * x
            }
            if sawInfinity { return .float(.infinity) }
            if sawNaN { return .float(.nan) }
            return .float(total.squareRoot())
        }
        m.define("log") { interp, args, kwargs in
            try expectPositional("log", args, kwargs, min: 1, max: 2)
            let x = try logArgument(interp, args[0])
            if args.count == 2 {
                let base = try logArgument(interp, args[1])
                return .float(try withPythonErrors(interp) { try PythonMath.log(x, base: base) })
            }
            return .float(try withPythonErrors(interp) { try PythonMath.log(x) })
        }
        m.define("isclose") { interp, args, kwargs in
            if args.count != 2 {
                throw PyErr.typeError(args.count < 2
                    ? "isclose() missing required argument '\(args.isEmpty ? "a" : "b")' (pos \(args.count + 1))"
                    : "isclose() takes exactly 2 positional arguments (\(args.count) given)")
            }
            try interp.checkKeywords("isclose", kwargs, allowed: ["rel_tol", "abs_tol"])
            let a = try interp.doubleArgument(args[0])
            let b = try interp.doubleArgument(args[1])
            let rel = try interp.keyword(kwargs, "rel_tol").map(interp.doubleArgument) ?? 1e-09
            let abs = try interp.keyword(kwargs, "abs_tol").map(interp.doubleArgument) ?? 0.0
            return .bool(try withPythonErrors(interp) { try PythonMath.isclose(a, b, relTol: rel, absTol: abs) })
        }
        m.define("gcd") { interp, args, kwargs in
            if !kwargs.isEmpty { throw PyErr.typeError("gcd() takes no keyword arguments") }
            var result = 0
            for a in args {
                var x = try interp.indexArgument(a).magnitude
                var y = UInt(result)
                while x != 0 { (x, y) = (y % x, x) }
                guard let next = Int(exactly: y) else { throw PyErr.overflow() }
                result = next
            }
            return .int(result)
        }
        m.define("isqrt") { interp, args, kwargs in
            try expectPositional("math.isqrt", args, kwargs, min: 1, max: 1)
            let n = try interp.indexArgument(args[0])
            if n < 0 { throw PyErr.valueError("isqrt() argument must be nonnegative") }
            // Start from the float root and correct it; squares are compared without overflow.
            var root = min(Int(Double(n).squareRoot()), 3_037_000_499)
            while root > 0 && root > n / root { root -= 1 }
            while root + 1 <= n / (root + 1) { root += 1 }
            return .int(root)
        }
        m.define("comb") { interp, args, kwargs in
            try expectPositional("comb", args, kwargs, min: 2, max: 2)
            let n = try interp.indexArgument(args[0])
            var k = try interp.indexArgument(args[1])
            if n < 0 { throw PyErr.valueError("n must be a non-negative integer") }
            if k < 0 { throw PyErr.valueError("k must be a non-negative integer") }
            if k > n { return .int(0) }
            k = min(k, n - k)
            var result = 1
            for i in stride(from: 0, to: k, by: 1) {
                // result * (n - i) / (i + 1) stays an integer at every step.
                let (product, overflow) = result.multipliedReportingOverflow(by: n - i)
                if overflow { throw PyErr.overflow() }
                result = product / (i + 1)
            }
            return .int(result)
        }
        m.define("factorial") { interp, args, kwargs in
            try expectPositional("math.factorial", args, kwargs, min: 1, max: 1)
            if case .float = args[0] {
                throw PyErr.typeError("'float' object cannot be interpreted as an integer")
            }
            let n = try interp.indexArgument(args[0])
            if n < 0 { throw PyErr.valueError("factorial() not defined for negative values") }
            var result = 1
            for k in stride(from: 2, through: n, by: 1) {
                let (product, overflow) = result.multipliedReportingOverflow(by: k)
                if overflow { throw PyErr.overflow() }
                result = product
            }
            return .int(result)
        }
    }

    /// math.log accepts ints of any size in CPython; here they convert to float first.
    private static func logArgument(_ interp: Interpreter, _ v: Value) throws -> Double {
        try interp.doubleArgument(v)
    }

    private static func defineAggregates(_ m: PyModule) {
        m.define("fsum") { interp, args, kwargs in
            try expectPositional("fsum", args, kwargs, min: 1, max: 1)
            var values: [Double] = []
            try interp.forEach(args[0]) { item in
                values.append(try interp.doubleArgument(item))
                return true
            }
            return .float(try withPythonErrors(interp) { try PythonMath.fsum(values) })
        }
        m.define("prod") { interp, args, kwargs in
            if args.count != 1 {
                throw PyErr.typeError(args.isEmpty ? "prod() missing required argument 'iterable' (pos 1)"
                                      : "prod() takes exactly 1 positional argument (\(args.count) given)")
            }
            try interp.checkKeywords("prod", kwargs, allowed: ["start"])
            var result = interp.keyword(kwargs, "start") ?? .int(1)
            try interp.forEach(args[0]) { item in
                result = try interp.binary(.multiply, result, item)
                return true
            }
            return result
        }
    }
}
