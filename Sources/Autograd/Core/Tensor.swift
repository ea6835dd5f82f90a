/// An n-dimensional array with PyTorch's reference semantics: several tensors can view one
/// `Storage` through different shapes, strides and offsets, and in-place changes through any
/// of them are seen by all.
public final class Tensor {
    /// The shared buffer (replaced only by `.data = `).
    public internal(set) var storage: Storage
    /// Sizes per dimension.
    public internal(set) var shape: [Int]
    /// Element steps per dimension.
    public internal(set) var strides: [Int]
    /// Index of the first element in `storage`.
    public internal(set) var offset: Int
    /// Shared with views and `detach()`; bumped by in-place ops.
    public internal(set) var versionCounter: VersionCounter

    // MARK: Autograd metadata (PyTorch's AutogradMeta)

    /// Set on leaves that require grad; non-leaves require grad through `gradFn`.
    var leafRequiresGrad = false
    /// The node that produced this tensor, nil for leaves.
    public internal(set) var gradFn: Node?
    /// Which output of `gradFn` this tensor is.
    public internal(set) var outputNr = 0
    /// The accumulated gradient (leaves, and non-leaves after `retainGrad()`).
    public var grad: Tensor?
    /// True after `retainGrad()` on a non-leaf.
    public internal(set) var retainsGrad = false
    /// The leaf's sink, weak as in PyTorch: graphs keep it alive, the tensor does not.
    weak var gradAccumulatorRef: AccumulateGrad?
    /// Hooks on a leaf's gradient, run before accumulation, in registration order.
    var leafHooks: [(id: Int, fn: (Tensor) throws -> Tensor?)] = []
    /// Hooks run after a leaf's `.grad` was updated.
    var postAccumulateHooks: [(id: Int, fn: (Tensor) throws -> Void)] = []
    /// The tensor this one is a view of (nil when not a view).
    public internal(set) var viewBase: Tensor?
    /// True for a tensor made from a Python number inside an operator (promotion weighs it less).
    public internal(set) var isWrappedNumber = false
    /// An optional display name (used by renderers and debuggers).
    public var name: String?

    /// Wraps a storage region.
    init(storage: Storage, shape: [Int], strides: [Int], offset: Int = 0,
         versionCounter: VersionCounter = VersionCounter()) {
        self.versionCounter = versionCounter
        self.storage = storage
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }

    /// A fresh contiguous tensor; zeroed when `zeroed`.
    init(shape: [Int], dtype: DType, zeroed: Bool = true) {
        let n = shapeProduct(shape)
        storage = zeroed ? Storage(dtype: dtype, count: n) : Storage(uninitialized: dtype, count: n)
        self.shape = shape
        strides = contiguousStrides(shape)
        offset = 0
        versionCounter = VersionCounter()
    }

    /// The element type.
    public var dtype: DType { storage.dtype }
    /// Number of dimensions.
    public var ndim: Int { shape.count }
    /// Number of elements.
    public var count: Int { shapeProduct(shape) }
    /// The storage version counter (PyTorch's `_version`).
    public var version: Int { versionCounter.value }

    /// True when the elements are laid out row-major with no gaps.
    public var isContiguous: Bool {
        var expected = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) where shape[d] != 1 {
            if strides[d] != expected { return false }
            expected *= shape[d]
        }
        return true
    }

    /// True for leaves: tensors not produced by a differentiable op.
    public var isLeaf: Bool { gradFn == nil }

    /// Whether gradients flow to this tensor.
    public var requiresGrad: Bool { leafRequiresGrad || gradFn != nil }

    /// Sets `requires_grad` on a leaf, with PyTorch's checks.
    public func setRequiresGrad(_ flag: Bool) throws {
        if !isLeaf {
            if flag { return }
            throw TorchError.runtime("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
        }
        if flag && !dtype.isFloatingPoint {
            throw TorchError.runtime("only Tensors of floating point and complex dtype can require gradients")
        }
        leafRequiresGrad = flag
    }

    /// `requires_grad_()`: sets the flag and returns self.
    @discardableResult
    public func requiresGrad_(_ flag: Bool = true) throws -> Tensor {
        try setRequiresGrad(flag)
        return self
    }

    /// The Edge a consumer of this tensor connects to: its grad_fn or its leaf sink.
    func gradientEdge() -> Edge {
        if let fn = gradFn { return Edge(node: fn, inputNr: outputNr) }
        if leafRequiresGrad { return Edge(node: gradAccumulator(), inputNr: 0) }
        return Edge(node: nil, inputNr: 0)
    }

    /// The leaf's AccumulateGrad node, created on first use and shared while a graph holds it.
    func gradAccumulator() -> AccumulateGrad {
        if let acc = gradAccumulatorRef { return acc }
        let acc = AccumulateGrad(variable: self)
        gradAccumulatorRef = acc
        return acc
    }

    /// `retain_grad()`: keep `.grad` on a non-leaf after backward.
    public func retainGrad() throws {
        if !requiresGrad {
            throw TorchError.runtime("can't retain_grad on Tensor that has requires_grad=False")
        }
        if isLeaf { return }
        retainsGrad = true
        gradFn?.retainedOutputs[outputNr] = WeakTensor(self)
    }

    /// Registers a hook on this tensor's gradient; returning a tensor replaces the gradient.
    /// Returns a handle id for `removeHook`.
    @discardableResult
    public func registerHook(_ fn: @escaping (Tensor) throws -> Tensor?) throws -> Int {
        if !requiresGrad {
            throw TorchError.runtime("cannot register a hook on a tensor that doesn't require gradient")
        }
        let id = AutogradState.current.nextHookId()
        if let node = gradFn {
            node.tensorPreHooks.append((id: id, outputNr: outputNr, fn: fn))
        } else {
            leafHooks.append((id: id, fn: fn))
        }
        return id
    }

    /// Registers a hook that runs after `.grad` of this leaf was accumulated.
    @discardableResult
    public func registerPostAccumulateGradHook(_ fn: @escaping (Tensor) throws -> Void) throws -> Int {
        if !isLeaf {
            throw TorchError.runtime("post accumulate grad hooks cannot be registered on non-leaf tensors")
        }
        if !requiresGrad {
            throw TorchError.runtime("cannot register a hook on a tensor that doesn't require gradient")
        }
        let id = AutogradState.current.nextHookId()
        postAccumulateHooks.append((id: id, fn: fn))
        return id
    }

    /// Removes a hook by the id its registration returned.
    public func removeHook(_ id: Int) {
        leafHooks.removeAll { $0.id == id }
        postAccumulateHooks.removeAll { $0.id == id }
        gradFn?.tensorPreHooks.removeAll { $0.id == id }
    }

    /// `detach()`: a view of the same data outside the graph (shares the version counter).
    public func detach() -> Tensor {
        Tensor(storage: storage, shape: shape, strides: strides, offset: offset, versionCounter: versionCounter)
    }

    /// `detach_()`: removes this tensor from the graph in place.
    @discardableResult
    public func detach_() -> Tensor {
        gradFn = nil
        outputNr = 0
        leafRequiresGrad = false
        return self
    }

    /// `.data`: a detached alias; in-place changes through it bypass autograd.
    public var data: Tensor { Tensor(storage: storage, shape: shape, strides: strides, offset: offset) }

    /// `.data = other`: points this tensor at another tensor's storage and geometry.
    public func setData(_ other: Tensor) {
        storage = other.storage
        shape = other.shape
        strides = other.strides
        offset = other.offset
    }
}

/// A weak reference to a tensor (retained-grad outputs of a node).
struct WeakTensor {
    weak var tensor: Tensor?
    init(_ t: Tensor) { tensor = t }
}

/// Product of sizes (1 for a scalar shape).
@inline(__always) func shapeProduct(_ shape: [Int]) -> Int {
    var n = 1
    for s in shape { n &*= s }
    return n
}

/// Row-major strides for a shape.
func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var acc = 1
    for d in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[d] = acc
        acc *= Swift.max(shape[d], 1)
    }
    return strides
}

/// PyTorch's `[2, 3]` rendering of a shape.
func shapeString(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
