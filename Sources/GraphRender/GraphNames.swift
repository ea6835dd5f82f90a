import Autograd

/// What the caller knows about the tensors of a graph: their names (`fc1.weight`, `loss`,
/// `h`), and which module each leaf and backward node belongs to. The autograd engine knows
/// none of this; the interpreter or a lesson supplies it.
public struct GraphNames {
    /// Names by tensor identity, e.g. parameters from `named_parameters()` and script variables.
    public var table: [ObjectIdentifier: String]
    /// Tensors the caller named, kept alive so their identities stay unique while in use.
    public private(set) var namedTensors: [Tensor]
    /// Asked for tensors the table does not name.
    public var tensorName: ((Tensor) -> String?)?
    /// The module path (`fc1`, `encoder.layers.0`) of a backward node, if the caller knows it.
    public var nodeModule: ((Node) -> String?)?
    /// Module path of a leaf when `leafModule` gives none: the leaf's dotted name minus its last
    /// part, so `fc1.weight` is in `fc1`.
    public var modulesFromParameterNames: Bool
    /// Overrides the module path of a leaf.
    public var leafModule: ((Tensor) -> String?)?
    /// Puts a backward node without a module into the module of its parameters when all its
    /// parameter inputs come from one module (the `AddmmBackward0` of `fc1`).
    public var inferNodeModules: Bool

    /// Names tensors from `(name, tensor)` pairs; the first name given to a tensor wins.
    public init(_ named: [(String, Tensor)] = [], tensorName: ((Tensor) -> String?)? = nil,
                nodeModule: ((Node) -> String?)? = nil, modulesFromParameterNames: Bool = true,
                leafModule: ((Tensor) -> String?)? = nil, inferNodeModules: Bool = true) {
        var table: [ObjectIdentifier: String] = [:]
        for (name, tensor) in named where table[ObjectIdentifier(tensor)] == nil {
            table[ObjectIdentifier(tensor)] = name
        }
        self.table = table
        namedTensors = named.map(\.1)
        self.tensorName = tensorName
        self.nodeModule = nodeModule
        self.modulesFromParameterNames = modulesFromParameterNames
        self.leafModule = leafModule
        self.inferNodeModules = inferNodeModules
    }

    /// The caller's name for `tensor`, if any.
    public func name(of tensor: Tensor) -> String? {
        table[ObjectIdentifier(tensor)] ?? tensorName?(tensor)
    }

    /// The module path of a leaf tensor, if any.
    func module(ofLeaf tensor: Tensor) -> String? {
        if let explicit = leafModule?(tensor) { return explicit.isEmpty ? nil : explicit }
        guard modulesFromParameterNames, let name = name(of: tensor),
              let dot = name.lastIndex(of: ".") else { return nil }
        let path = String(name[..<dot])
        return path.isEmpty ? nil : path
    }

    /// Named tensors produced by a backward node, by output number (for intermediate values).
    func namedOutputs() -> [ObjectIdentifier: [(outputNr: Int, tensor: Tensor, name: String)]] {
        var outputs: [ObjectIdentifier: [(outputNr: Int, tensor: Tensor, name: String)]] = [:]
        for tensor in namedTensors {
            guard let node = tensor.gradFn, let name = name(of: tensor) else { continue }
            let id = ObjectIdentifier(node)
            if outputs[id, default: []].contains(where: { $0.outputNr == tensor.outputNr }) { continue }
            outputs[id, default: []].append((tensor.outputNr, tensor, name))
        }
        return outputs
    }

    /// The name of a named tensor that needs no grad and shares storage and geometry with
    /// `alias` (a saved copy of a forward input), so a no-grad input can say it is `x`.
    func nameOfNoGradTensor(aliasedBy alias: Tensor) -> String? {
        for tensor in namedTensors where !tensor.requiresGrad && tensor.storage === alias.storage
            && tensor.shape == alias.shape && tensor.strides == alias.strides && tensor.offset == alias.offset {
            return name(of: tensor)
        }
        return nil
    }
}
