// The value model: small values unboxed, everything else a reference to a `PyObject`.

/// A Python value. `None`, `bool`, `int`, `float` and `str` are stored inline so that
/// arithmetic and comparisons on them allocate nothing; every other value is an object.
public enum Value {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case str(String)
    case object(PyObject)

    /// The Python type of this value (`type(x)`).
    @inline(__always)
    public var type: PyType {
        switch self {
        case .none: return BuiltinTypes.noneType
        case .bool: return BuiltinTypes.bool
        case .int: return BuiltinTypes.int
        case .float: return BuiltinTypes.float
        case .str: return BuiltinTypes.str
        case .object(let o): return o.type
        }
    }

    /// The type's name as CPython's messages print it (`'int'`, `'NoneType'`).
    public var typeName: String { type.name }

    /// The object this value refers to, when it is not an unboxed scalar.
    @inline(__always)
    public var asObject: PyObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// True when this is `None`.
    @inline(__always)
    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// Identity as Python's `is` sees it: scalars compare by value and kind, objects by reference.
    public func isIdentical(to other: Value) -> Bool {
        switch (self, other) {
        case (.none, .none): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.float(let a), .float(let b)): return a.bitPattern == b.bitPattern
        case (.str(let a), .str(let b)): return a == b
        case (.object(let a), .object(let b)): return a === b
        default: return false
        }
    }

    /// Wraps a Swift array as a Python list.
    public static func list(_ items: [Value]) -> Value { .object(PyList(items)) }
    /// Wraps a Swift array as a Python tuple.
    public static func tuple(_ items: [Value]) -> Value { .object(PyTuple(items)) }
    /// The `NotImplemented` singleton.
    public static var notImplemented: Value { .object(BuiltinTypes.notImplementedObject) }
    /// The `Ellipsis` singleton.
    public static var ellipsis: Value { .object(BuiltinTypes.ellipsisObject) }

    /// True when this is the `NotImplemented` singleton.
    @inline(__always)
    public var isNotImplemented: Bool {
        if case .object(let o) = self { return o === BuiltinTypes.notImplementedObject }
        return false
    }
}

/// A dictionary or set key: a value with its Python hash computed once, compared with
/// Python's `==` for the kinds of values that can be keys.
public struct HashKey: Hashable, @unchecked Sendable {
    /// The key as a Python value.
    public let value: Value
    /// Its Python hash (`hash(value)`).
    public let hash: Int

    /// A key for `value`, which must already be known hashable; use `Interpreter.hashKey` otherwise.
    init(value: Value, hash: Int) {
        self.value = value
        self.hash = hash
    }

    /// A key for a string (never fails).
    public init(_ string: String) {
        self.value = .str(string)
        self.hash = string.hashValue
    }

    /// A key for an integer (never fails).
    public init(_ int: Int) {
        self.value = .int(int)
        self.hash = PyHash.int(int)
    }

    public static func == (lhs: HashKey, rhs: HashKey) -> Bool {
        lhs.hash == rhs.hash && PyHash.keysEqual(lhs.value, rhs.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }

    /// The hash tables' hash: the Python hash with its bits mixed by two multiplications
    /// (hash tables index by the low bits, and Python hashes of integers are the integers).
    /// A string's Python hash is already a keyed SipHash, so a second one through `Hasher`
    /// would only repeat the work on every lookup.
    public func _rawHashValue(seed: Int) -> Int {
        var x = UInt64(bitPattern: Int64(hash ^ seed))
        x ^= x >> 32
        x &*= 0xd6e8_feb8_6659_fd93
        x ^= x >> 32
        x &*= 0xd6e8_feb8_6659_fd93
        x ^= x >> 32
        return Int(bitPattern: UInt(x))
    }
}

/// CPython's hash functions for numbers (so `hash(1) == hash(1.0) == hash(True)`).
enum PyHash {
    /// The modulus CPython uses for numeric hashes (2**61 - 1).
    static let modulus = (1 << 61) - 1

    static func int(_ v: Int) -> Int {
        if v >= 0 && v < modulus { return v }
        let magnitude = v.magnitude % UInt(modulus)
        var h = v < 0 ? -Int(magnitude) : Int(magnitude)
        if h == -1 { h = -2 }
        return h
    }

    static func float(_ d: Double) -> Int {
        if d.isNaN { return 0 }
        if d.isInfinite { return d > 0 ? 314159 : -314159 }
        if d == d.rounded(.towardZero), abs(d) < 9.2e18 { return int(Int(d)) }
        // CPython's algorithm: reduce the mantissa modulo 2**61 - 1, a few bits at a time.
        var m = frexpParts(abs(d))
        var x: UInt = 0
        let p = UInt(modulus)
        while m.mantissa != 0 {
            x = ((x << 28) & p) | (x >> (61 - 28))
            m.mantissa *= 268435456.0
            m.exponent -= 28
            let y = UInt(m.mantissa)
            m.mantissa -= Double(y)
            x += y
            if x >= p { x -= p }
        }
        let e = m.exponent >= 0 ? m.exponent % 61 : 60 - ((-1 - m.exponent) % 61)
        x = ((x << UInt(e)) & p) | (x >> UInt(61 - e))
        var h = Int(x)
        if d < 0 { h = -h }
        if h == -1 { h = -2 }
        return h
    }

    private static func frexpParts(_ d: Double) -> (mantissa: Double, exponent: Int) {
        if d == 0 { return (0, 0) }
        let e = Int(d.exponent) + 1
        return (d / Double(sign: .plus, exponent: e, significand: 1), e)
    }

    static func string(_ s: String) -> Int { s.hashValue }

    /// Python `==` restricted to what dictionary keys need (numbers, strings, tuples, identity).
    static func keysEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.str(let x), .str(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.none, .none): return true
        case (.object(let x), .object(let y)):
            if x === y { return true }
            if let tx = x as? PyTuple, let ty = y as? PyTuple {
                guard tx.items.count == ty.items.count else { return false }
                for (p, q) in zip(tx.items, ty.items) where !keysEqual(p, q) { return false }
                return true
            }
            if let fx = x as? PyFrozenSet, let fy = y as? PyFrozenSet {
                return fx.storage == fy.storage
            }
            // Instances of classes defining `__eq__` compare through it (errors count as unequal).
            if x.type.isHeapType, let interp = ThreadContext.current {
                return (try? interp.equals(a, b)) ?? false
            }
            return false
        default:
            if let x = a.numericValue, let y = b.numericValue { return x == y }
            return false
        }
    }
}

extension Value {
    /// The value as a Double when it is a bool, int or float (for mixed comparisons).
    var numericValue: Double? {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .float(let d): return d
        default: return nil
        }
    }
}
