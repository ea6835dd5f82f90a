// torch.dtype, torch.Size and torch.device as Python objects.
import Autograd
import MiniPy

/// A dtype seen from Python: one object per dtype, so `x.dtype is torch.float32` holds.
public final class PyDType: PyObject {
    /// The engine dtype.
    public let dtype: DType

    init(_ dtype: DType) {
        self.dtype = dtype
        super.init(type: TorchTypes.dtype)
    }
}

/// A device seen from Python; only the CPU exists.
public final class PyDevice: PyObject {
    /// `device.type`.
    public let kind: String
    /// `device.index`.
    public let index: Int?

    init(kind: String, index: Int?) {
        self.kind = kind
        self.index = index
        super.init(type: TorchTypes.device)
    }
}

extension TorchTypes {
    /// `torch.dtype`.
    nonisolated(unsafe) public static let dtype = PyType(name: "dtype", base: BuiltinTypes.object, module: "torch",
                                                        instancesHaveDict: false)
    /// `torch.Size`: a tuple of ints that prints as `torch.Size([2, 3])`.
    nonisolated(unsafe) public static let size = PyType(
        name: "Size", base: BuiltinTypes.tuple, module: "torch",
        constructor: { interp, cls, args, _ in
            let items = try args.isEmpty ? [] : interp.toArray(args[0])
            return .object(PyTuple(try items.map { .int(try intArgument($0, "size")) }, type: cls))
        })
    /// `torch.device`.
    nonisolated(unsafe) public static let device = PyType(
        name: "device", base: BuiltinTypes.object, module: "torch", instancesHaveDict: false,
        constructor: { _, _, args, kwargs in
            let bound = try NativeArguments("device", args, kwargs, names: ["type", "index"], required: 1)
            return .object(try deviceObject(bound["type"] ?? .none, index: bound["index"]))
        })

    /// One object per dtype.
    nonisolated(unsafe) static let dtypeObjects: [DType: PyDType] = {
        var objects: [DType: PyDType] = [:]
        for d in DType.allCases { objects[d] = PyDType(d) }
        return objects
    }()

    /// The CPU device object.
    nonisolated(unsafe) static let cpu = PyDevice(kind: "cpu", index: nil)
}

/// The Python object for a dtype.
public func dtypeObject(_ dtype: DType) -> Value {
    TorchTypes.dtypeObjects[dtype].map { .object($0) } ?? .none
}

/// The dtype inside a `torch.dtype` value, or a TypeError.
public func dtypeArgument(_ value: Value, _ name: String = "dtype") throws -> DType {
    if case .object(let o) = value, let d = o as? PyDType { return d.dtype }
    throw PyErr.typeError("\(name) must be torch.dtype, not \(value.typeName)")
}

/// The dtype of an optional `dtype=` argument.
public func optionalDTypeArgument(_ value: Value?) throws -> DType? {
    guard let value, !value.isNone else { return nil }
    return try dtypeArgument(value)
}

/// A `torch.Size` value.
public func sizeObject(_ shape: [Int]) -> Value {
    .object(PyTuple(shape.map { .int($0) }, type: TorchTypes.size))
}

/// A device from `"cpu"`, `"cpu:0"`, a device object or None; anything but the CPU is an error.
public func deviceObject(_ value: Value, index: Value? = nil) throws -> PyDevice {
    if case .object(let o) = value, let d = o as? PyDevice { return d }
    guard case .str(let spec) = value else {
        throw PyErr.typeError("device() received an invalid combination of arguments - got (\(value.typeName))")
    }
    let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
    let kind = parts.first ?? ""
    let known = ["cpu", "cuda", "mps", "xpu", "meta", "hip", "xla", "privateuseone"]
    guard known.contains(kind) else {
        throw PyErr.runtimeError("Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone device type at start of device string: \(spec)")
    }
    var deviceIndex: Int?
    if parts.count == 2 {
        guard let i = Int(parts[1]), i >= 0 else { throw PyErr.runtimeError("Invalid device string: '\(spec)'") }
        deviceIndex = i
    } else if let index, !index.isNone {
        deviceIndex = try intArgument(index, "index")
    }
    return kind == "cpu" && deviceIndex == nil ? TorchTypes.cpu : PyDevice(kind: kind, index: deviceIndex)
}

/// Checks that a device is the CPU: GradStep has no accelerators.
public func requireCPU(_ device: PyDevice) throws {
    guard device.kind == "cpu" else {
        throw PyErr.runtimeError("gradstep runs on the CPU only: there is no '\(device.kind)' device here. Use 'cpu' (or leave the device out).")
    }
}

enum DTypeBindings {
    private static func dtype(_ v: Value) -> PyDType? { v.asObject as? PyDType }
    private static func device(_ v: Value) -> PyDevice? { v.asObject as? PyDevice }

    /// Methods and attributes of dtype, Size and device.
    static func install() {
        TorchTypes.dtype.define("__repr__") { _, args, _ in
            guard let d = dtype(args[0]) else { return .str("torch.dtype") }
            return .str(d.dtype.torchName)
        }
        TorchTypes.dtype.defineProperty("is_floating_point") { _, v in
            guard let d = dtype(v) else { return .bool(false) }
            return .bool(d.dtype.isFloatingPoint)
        }
        TorchTypes.dtype.defineProperty("itemsize") { _, v in
            guard let d = dtype(v) else { return .int(0) }
            return .int(d.dtype.itemSize)
        }
        TorchTypes.size.define("__repr__") { interp, args, _ in
            let items = try interp.toArray(args[0]).map { try interp.repr($0) }
            return .str("torch.Size([\(items.joined(separator: ", "))])")
        }
        TorchTypes.size.define("numel") { interp, args, _ in
            .int(try interp.toArray(args[0]).reduce(1) { $0 * (try intArgument($1, "size")) })
        }
        TorchTypes.device.define("__repr__") { _, args, _ in
            guard let d = device(args[0]) else { return .str("device") }
            return .str(d.index.map { "device(type='\(d.kind)', index=\($0))" } ?? "device(type='\(d.kind)')")
        }
        TorchTypes.device.define("__str__") { _, args, _ in
            guard let d = device(args[0]) else { return .str("device") }
            return .str(d.index.map { "\(d.kind):\($0)" } ?? d.kind)
        }
        TorchTypes.device.define("__eq__") { _, args, _ in
            guard let x = device(args[0]), let y = device(args[1]) else { return .notImplemented }
            return .bool(x.kind == y.kind && x.index == y.index)
        }
        TorchTypes.device.define("__hash__") { _, args, _ in
            guard let x = device(args[0]) else { return .int(0) }
            return .int(x.kind.hashValue &+ (x.index ?? -1))
        }
        TorchTypes.device.defineProperty("type") { _, v in
            guard let d = device(v) else { return .none }
            return .str(d.kind)
        }
        TorchTypes.device.defineProperty("index") { _, v in
            guard let d = device(v) else { return .none }
            return d.index.map { .int($0) } ?? .none
        }
    }
}
