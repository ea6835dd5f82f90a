// The native half of `torch`: building `torch._C` and filling the `torch` namespace.
//
// `torch/__init__.py` (bundled Python) imports `torch._C`; making that module fills `torch`
// with the tensor type, dtypes and every native function, then the Python packages
// (nn, optim, utils.data) are imported as PyTorch imports them.
import Autograd
import MiniPy

/// The modules natives are defined into.
public struct TorchNamespaces {
    /// `torch` itself.
    public let torch: PyModule
    /// `torch._C`: natives that the Python library calls but learners rarely do.
    public let c: PyModule
    /// `torch._C._nn`: kernels behind `torch.nn.functional`.
    public let nn: PyModule
    /// `torch._C._autograd`: natives behind `torch.autograd`.
    public let autograd: PyModule
    /// `torch.linalg`.
    public let linalg: PyModule

    /// Defines a native function in `module`.
    public func define(_ module: PyModule, _ name: String, _ body: @escaping NativeFunctionBody) {
        module.define(name, body)
    }
}

enum NativeTorch {
    /// Makes `torch._C` and fills `torch` (which is being imported) with the natives.
    ///
    /// The natives are defined once per process into a template set of modules (defining
    /// methods on the shared native types is not safe to repeat while another interpreter
    /// runs); each interpreter's modules receive copies of the template's bindings.
    static func makeModule(_ interp: Interpreter) throws -> PyModule {
        let torch = try interp.importModule("torch")
        let source = template
        let c = PyModule(name: "torch._C")
        let nn = PyModule(name: "torch._C._nn")
        let autograd = PyModule(name: "torch._C._autograd")
        let linalg = PyModule(name: "torch.linalg")
        copyBindings(from: source.torch, to: torch)
        copyBindings(from: source.c, to: c)
        copyBindings(from: source.nn, to: nn)
        copyBindings(from: source.autograd, to: autograd)
        copyBindings(from: source.linalg, to: linalg)
        // State each interpreter owns rather than shares: its default random generator.
        GeneratorBindings.installDefault(torch: torch, c: c)
        c.namespace["_nn"] = .object(nn)
        c.namespace["_autograd"] = .object(autograd)
        torch.namespace["linalg"] = .object(linalg)
        interp.modules["torch._C._nn"] = nn
        interp.modules["torch._C._autograd"] = autograd
        interp.modules["torch.linalg"] = linalg
        return c
    }

    /// The natives, defined once per process.
    nonisolated(unsafe) private static let template: TorchNamespaces = {
        let ns = TorchNamespaces(torch: PyModule(name: "torch"), c: PyModule(name: "torch._C"),
                                 nn: PyModule(name: "torch._C._nn"),
                                 autograd: PyModule(name: "torch._C._autograd"),
                                 linalg: PyModule(name: "torch.linalg"))
        installTypes(ns)
        installFamilies(ns)
        return ns
    }()

    private static func copyBindings(from source: PyModule, to target: PyModule) {
        for (name, value) in source.namespace.bindings where !name.hasPrefix("__") || name == "__version__" {
            target.namespace[name] = value
        }
    }

    /// Each binding family adds its functions and methods here.
    private static func installFamilies(_ ns: TorchNamespaces) {
        TensorConstruction.install(ns)
        TensorMethods.install(ns)
        MathFunctions.install(ns)
        NNFunctions.install(ns)
        AutogradBindings.install(ns)
        RandomBindings.install(ns)
        SerializationBindings.install(ns)
    }

    /// The types every family uses, defined once per process.
    static let typesReady: Void = {
        DTypeBindings.install()
    }()

    private static func installTypes(_ ns: TorchNamespaces) {
        _ = typesReady
        let torch = ns.torch
        torch.namespace["Tensor"] = .object(TorchTypes.tensor)
        torch.namespace["Size"] = .object(TorchTypes.size)
        torch.namespace["dtype"] = .object(TorchTypes.dtype)
        torch.namespace["device"] = .object(TorchTypes.device)
        ns.c.namespace["Parameter"] = .object(TorchTypes.parameter)
        let names: [(String, DType)] = [
            ("float32", .float32), ("float", .float32), ("float64", .float64), ("double", .float64),
            ("int64", .int64), ("long", .int64), ("int32", .int32), ("int", .int32), ("bool", .bool),
        ]
        for (name, d) in names {
            torch.namespace[name] = dtypeObject(d)
        }
        torch.namespace["__version__"] = .str(TorchLibrary.torchVersion)
        torch.namespace["inf"] = .float(.infinity)
        torch.namespace["nan"] = .float(.nan)
        torch.namespace["pi"] = .float(.pi)
        torch.namespace["e"] = .float(2.718281828459045)
    }
}

extension TorchLibrary {
    /// Makes `import torch` and the libraries beside it (sklearn, tqdm, lightning,
    /// safetensors) available to programs run by `interp`.
    public static func install(into interp: Interpreter) {
        for file in bundledFiles {
            interp.registerBundledModule(moduleName: moduleName(forLibraryPath: file.path), path: file.path,
                                         source: file.source)
        }
        interp.registerNativeModule("torch._C") { interp in try NativeTorch.makeModule(interp) }
    }

    /// `torch/nn/__init__.py` → `torch.nn`; `torch/nn/functional.py` → `torch.nn.functional`.
    static func moduleName(forLibraryPath path: String) -> String {
        var parts = path.split(separator: "/").map(String.init)
        if parts.last == "__init__.py" {
            parts.removeLast()
        } else if let last = parts.last, last.hasSuffix(".py") {
            parts[parts.count - 1] = String(last.dropLast(3))
        }
        return parts.joined(separator: ".")
    }
}
