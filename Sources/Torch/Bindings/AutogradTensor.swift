// The autograd side of `torch.Tensor`: requires_grad, grad, grad_fn, detach, backward, hooks.
import Autograd
import MiniPy

enum AutogradTensorBindings {
    /// The wrapper behind `self`.
    static func receiver(_ v: Value) throws -> PyTensor {
        guard let o = v.asObject as? PyTensor else {
            throw PyErr.typeError("descriptor requires a 'torch._C.TensorBase' object but received a '\(v.typeName)'")
        }
        return o
    }

    static func install() {
        let t = TorchTypes.tensor
        installFlags(t)
        installGrad(t)
        installGraph(t)
        installHooks(t)
        // `nn.Parameter` was created before these properties existed, so its type still says
        // it has none and attribute assignment (`p.grad = None`, `p.requires_grad = False`)
        // would land in the instance dict. Defining a property on it too makes lookups and
        // assignments go through the class first, reaching the properties above.
        TorchTypes.parameter.defineProperty("is_leaf") { _, v in .bool(try receiver(v).tensor.isLeaf) }
    }

    private static func installFlags(_ t: PyType) {
        t.defineProperty("requires_grad", get: { _, v in .bool(try receiver(v).tensor.requiresGrad) },
                         set: { _, v, newValue in
            let o = try receiver(v)
            guard case .bool(let flag) = newValue else {
                throw PyErr.typeError("requires_grad must be a bool")
            }
            try rethrowingTorch { try o.tensor.setRequiresGrad(flag) }
            if flag { GradFnRegistry.rememberLeaf(o) }
        })
        t.define("requires_grad_") { _, args, kwargs in
            let bound = try NativeArguments("requires_grad_", Array(args.dropFirst()), kwargs, names: ["requires_grad"])
            let o = try receiver(args[0])
            let flag = try bound["requires_grad"].map { try boolArgument($0, "requires_grad") } ?? true
            try rethrowingTorch { try o.tensor.setRequiresGrad(flag) }
            if flag { GradFnRegistry.rememberLeaf(o) }
            return args[0]
        }
        t.defineProperty("is_leaf") { _, v in .bool(try receiver(v).tensor.isLeaf) }
        t.defineProperty("retains_grad") { _, v in .bool(try receiver(v).tensor.retainsGrad) }
        t.defineProperty("_version") { _, v in .int(try receiver(v).tensor.version) }
        t.define("retain_grad") { _, args, _ in
            try rethrowingTorch { try receiver(args[0]).tensor.retainGrad() }
            return .none
        }
    }

    private static func installGrad(_ t: PyType) {
        t.defineProperty("grad", get: { _, v in
            let o = try receiver(v)
            guard let g = o.tensor.grad else {
                o.gradObject = nil
                return .none
            }
            if let cached = o.gradObject, cached.tensor === g { return .object(cached) }
            let made = PyTensor(g)
            o.gradObject = made
            return .object(made)
        }, set: { _, v, newValue in
            let o = try receiver(v)
            if newValue.isNone {
                o.tensor.grad = nil
                o.gradObject = nil
                return
            }
            guard let go = newValue.asObject as? PyTensor else {
                throw PyErr.typeError("assigned grad expected to be a Tensor or None but got grad of type \(newValue.typeName)")
            }
            if go.tensor.dtype != o.tensor.dtype {
                throw PyErr.runtimeError("attempting to assign a gradient with dtype '\(cTypeName(go.tensor.dtype))' to a tensor with grad_dtype '\(o.tensor.dtype.scalarTypeName)'. The gradient must match the tensor's grad_dtype (defaults to the tensor's dtype). You can set the tensor's grad_dtype attribute with a specific dtype, or None to allow any dtype. Set grad_dtype with caution. Diverging the dtypes of a tensor and its gradient may break downstream systems that assume they match.")
            }
            if go.tensor.shape != o.tensor.shape {
                throw PyErr.runtimeError("attempting to assign a gradient of size '\(shapeText(go.tensor.shape))' to a tensor of size '\(shapeText(o.tensor.shape))'. Please ensure that the gradient and the tensor are the same size")
            }
            o.tensor.grad = go.tensor
            o.gradObject = go
        })
        t.defineProperty("data", get: { _, v in wrap(try receiver(v).tensor.data) }, set: { _, v, newValue in
            let o = try receiver(v)
            let other = try tensorArgument(newValue, "data")
            o.tensor.setData(other)
        })
    }

    /// The C++ element type name PyTorch prints for a gradient's dtype (`float`, `double`).
    static func cTypeName(_ dtype: DType) -> String {
        switch dtype {
        case .float32: return "float"
        case .float64: return "double"
        case .int64: return "long int"
        case .int32: return "int"
        case .bool: return "bool"
        }
    }

    /// `[2, 3]` as PyTorch prints sizes in these messages.
    static func shapeText(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    private static func installGraph(_ t: PyType) {
        t.defineProperty("grad_fn") { _, v in GradFnRegistry.value(try receiver(v).tensor.gradFn) }
        t.define("detach") { _, args, _ in wrap(try receiver(args[0]).tensor.detach()) }
        t.define("detach_") { _, args, _ in
            try receiver(args[0]).tensor.detach_()
            return args[0]
        }
        t.define("backward") { interp, args, kwargs in
            let bound = try NativeArguments("backward", Array(args.dropFirst()), kwargs,
                                            names: ["gradient", "retain_graph", "create_graph", "inputs"])
            let o = try receiver(args[0])
            let gradient = try optionalTensorArgument(bound["gradient"], "gradient")
            let retain = try optionalBool(bound["retain_graph"], "retain_graph")
            let create = try optionalBool(bound["create_graph"], "create_graph") ?? false
            let inputs = try tensorSequence(interp, bound["inputs"], "inputs")
            try AutogradRunner.backward(interp, [o.tensor], [gradient], retainGraph: retain,
                                        createGraph: create, inputs: inputs)
            return .none
        }
    }

    private static func installHooks(_ t: PyType) {
        t.define("register_hook") { interp, args, kwargs in
            let bound = try NativeArguments("register_hook", Array(args.dropFirst()), kwargs, names: ["hook"], required: 1)
            let tensor = try receiver(args[0]).tensor
            let fn = bound["hook"] ?? .none
            let id = try rethrowingTorch {
                try tensor.registerHook { g in
                    let r = try interp.call(fn, [wrap(g)])
                    if r.isNone { return nil }
                    return try tensorArgument(r, "hook result")
                }
            }
            return .object(PyHookHandle(id: id) { [weak tensor] in tensor?.removeHook(id) })
        }
        t.define("register_post_accumulate_grad_hook") { interp, args, kwargs in
            let bound = try NativeArguments("register_post_accumulate_grad_hook", Array(args.dropFirst()), kwargs,
                                            names: ["hook"], required: 1)
            let o = try receiver(args[0])
            let fn = bound["hook"] ?? .none
            let id = try rethrowingTorch {
                // The hook receives the tensor itself: hand it the caller's object.
                try o.tensor.registerPostAccumulateGradHook { [weak o] tensor in
                    let object: Value = o.map { .object($0) } ?? wrap(tensor)
                    _ = try interp.call(fn, [object])
                }
            }
            let tensor = o.tensor
            return .object(PyHookHandle(id: id) { [weak tensor] in tensor?.removeHook(id) })
        }
    }

    /// An optional bool argument (None when absent).
    static func optionalBool(_ v: Value?, _ name: String) throws -> Bool? {
        guard let v, !v.isNone else { return nil }
        return try boolArgument(v, name)
    }

    /// A tensor or a sequence of tensors (nil for None / absent).
    static func tensorSequence(_ interp: Interpreter, _ v: Value?, _ name: String) throws -> [Tensor]? {
        guard let v, !v.isNone else { return nil }
        if let t = asTensor(v) { return [t] }
        return try interp.toArray(v).map { try tensorArgument($0, name) }
    }
}

/// Runs backward passes for `Tensor.backward` and `torch.autograd.backward`.
enum AutogradRunner {
    /// Backward from `roots`; with `inputs`, only those tensors accumulate `.grad`.
    static func backward(_ interp: Interpreter, _ roots: [Tensor], _ grads: [Tensor?], retainGraph: Bool?,
                         createGraph: Bool, inputs: [Tensor]?) throws {
        try rethrowingTorch {
            guard let inputs else {
                try Autograd.backward(roots, gradTensors: grads, retainGraph: retainGraph, createGraph: createGraph)
                return
            }
            if inputs.isEmpty {
                throw TorchError.runtime("'inputs' argument to backward() cannot be empty.")
            }
            let computed = try Autograd.grad(outputs: roots, inputs: inputs, gradOutputs: grads,
                                             retainGraph: retainGraph, createGraph: createGraph, allowUnused: true)
            for (input, g) in zip(inputs, computed) {
                guard let g else { continue }
                if let existing = input.grad {
                    input.grad = try GradMode.with(enabled: createGraph) { try existing.add(g) }
                } else {
                    input.grad = createGraph ? g : g.detach()
                }
            }
        }
    }
}
