// The natives behind `torch.autograd` and grad mode: the tensor's autograd surface, grad_fn
// objects, `torch.is_grad_enabled`, `torch._C._set_grad_enabled`, anomaly mode, and
// `torch._C._autograd` (`_grad`, `_backward`, `_function_apply`, `_gradcheck`).
import Autograd
import MiniPy

/// Native bindings of autograd and grad mode.
enum AutogradBindings {
    static func install(_ ns: TorchNamespaces) {
        _ = typeMethodsReady
        installModes(ns)
        installEngine(ns)
        CustomFunctionBindings.install(ns)
        GradcheckBindings.install(ns)
    }

    /// Methods on shared types are defined once per process, not once per interpreter.
    private static let typeMethodsReady: Void = {
        AutogradTensorBindings.install()
        GradFnBindings.install()
    }()

    private static func installModes(_ ns: TorchNamespaces) {
        ns.define(ns.torch, "is_grad_enabled") { _, args, kwargs in
            try expectArgumentCount("is_grad_enabled", args, kwargs, min: 0, max: 0)
            return .bool(GradMode.isEnabled)
        }
        ns.define(ns.c, "_set_grad_enabled") { _, args, kwargs in
            let bound = try NativeArguments("_set_grad_enabled", args, kwargs, names: ["enabled"], required: 1)
            GradMode.isEnabled = try boolArgument(bound["enabled"] ?? .none, "enabled")
            return .none
        }
        // Inference mode is grad mode off plus this flag, kept per interpreter in torch._C.
        ns.c.namespace["_inference_mode_enabled"] = .bool(false)
        ns.define(ns.torch, "is_inference_mode_enabled") { interp, _, _ in
            interp.modules["torch._C"]?.namespace["_inference_mode_enabled"] ?? .bool(false)
        }
        ns.define(ns.c, "_set_inference_mode") { interp, args, kwargs in
            let bound = try NativeArguments("_set_inference_mode", args, kwargs, names: ["enabled"], required: 1)
            let flag = try boolArgument(bound["enabled"] ?? .none, "enabled")
            interp.modules["torch._C"]?.namespace["_inference_mode_enabled"] = .bool(flag)
            return .none
        }
        ns.define(ns.torch, "is_anomaly_enabled") { _, _, _ in .bool(AnomalyMode.isEnabled) }
        ns.define(ns.torch, "is_anomaly_check_nan_enabled") { _, _, _ in .bool(AnomalyMode.isEnabled) }
        ns.define(ns.c, "_set_anomaly_enabled") { _, args, kwargs in
            let bound = try NativeArguments("_set_anomaly_enabled", args, kwargs, names: ["enabled", "check_nan"], required: 1)
            AnomalyMode.isEnabled = try boolArgument(bound["enabled"] ?? .none, "enabled")
            return .none
        }
    }

    private static func installEngine(_ ns: TorchNamespaces) {
        ns.autograd.namespace["Node"] = .object(GradFnRegistry.nodeType)
        ns.define(ns.autograd, "_increment_version") { _, args, kwargs in
            let bound = try NativeArguments("_increment_version", args, kwargs, names: ["tensor"], required: 1)
            let t = try tensorArgument(bound["tensor"] ?? .none, "tensor")
            // A no-op in-place change bumps the version counter through the engine.
            try rethrowingTorch { try GradMode.noGrad { _ = try t.detach().mul_(.int(1)) } }
            return .none
        }
        ns.define(ns.autograd, "_backward") { interp, args, kwargs in
            let bound = try NativeArguments("_backward", args, kwargs,
                                            names: ["tensors", "grad_tensors", "retain_graph", "create_graph", "inputs"],
                                            required: 1)
            let roots = try AutogradTensorBindings.tensorSequence(interp, bound["tensors"], "tensors") ?? []
            let grads = try optionalTensors(interp, bound["grad_tensors"])
            try AutogradRunner.backward(interp, roots, grads,
                                        retainGraph: try AutogradTensorBindings.optionalBool(bound["retain_graph"], "retain_graph"),
                                        createGraph: try AutogradTensorBindings.optionalBool(bound["create_graph"], "create_graph") ?? false,
                                        inputs: try AutogradTensorBindings.tensorSequence(interp, bound["inputs"], "inputs"))
            return .none
        }
        ns.define(ns.autograd, "_grad") { interp, args, kwargs in
            let bound = try NativeArguments("_grad", args, kwargs,
                                            names: ["outputs", "inputs", "grad_outputs", "retain_graph",
                                                    "create_graph", "allow_unused"], required: 2)
            let outputs = try AutogradTensorBindings.tensorSequence(interp, bound["outputs"], "outputs") ?? []
            let inputs = try AutogradTensorBindings.tensorSequence(interp, bound["inputs"], "inputs") ?? []
            if inputs.isEmpty {
                throw PyErr.runtimeError("grad requires non-empty inputs.")
            }
            let grads = try optionalTensors(interp, bound["grad_outputs"])
            let create = try AutogradTensorBindings.optionalBool(bound["create_graph"], "create_graph") ?? false
            let allowUnused = try AutogradTensorBindings.optionalBool(bound["allow_unused"], "allow_unused") ?? false
            let result = try rethrowingTorch {
                try Autograd.grad(outputs: outputs, inputs: inputs, gradOutputs: grads,
                                  retainGraph: try AutogradTensorBindings.optionalBool(bound["retain_graph"], "retain_graph"),
                                  createGraph: create, allowUnused: true)
            }
            // Checked here so the message can name the unused input, as PyTorch's does.
            if !allowUnused, let unused = result.firstIndex(where: { $0 == nil }) {
                throw PyErr.runtimeError("The differentiated Tensor at index \(unused) appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.")
            }
            return .tuple(result.map { g in wrap(g.map { create ? $0 : $0.detach() }) })
        }
    }

    /// A sequence of tensors or Nones (absent or None → empty).
    static func optionalTensors(_ interp: Interpreter, _ v: Value?) throws -> [Tensor?] {
        guard let v, !v.isNone else { return [] }
        if let t = asTensor(v) { return [t] }
        return try interp.toArray(v).map { try optionalTensorArgument($0, "grad_tensors") }
    }
}

/// `torch.autograd.Function.apply`: runs the Python forward without recording, then
/// attaches one closure-backed node whose backward calls the class's Python `backward`.
enum CustomFunctionBindings {
    static func install(_ ns: TorchNamespaces) {
        ns.define(ns.autograd, "_function_apply") { interp, args, kwargs in
            let bound = try NativeArguments("_function_apply", args, kwargs, names: ["cls", "ctx", "args"], required: 3)
            guard let cls = bound["cls"], let ctx = bound["ctx"], let argsValue = bound["args"] else { return .none }
            return try apply(interp, cls: cls, ctx: ctx, args: try interp.toArray(argsValue))
        }
    }

    static func apply(_ interp: Interpreter, cls: Value, ctx: Value, args: [Value]) throws -> Value {
        guard let type = cls.asObject as? PyType else {
            throw PyErr.typeError("apply() expects a Function subclass")
        }
        let inputs: [Tensor?] = args.map(asTensor)
        let recording = GradMode.isEnabled && inputs.contains { $0?.requiresGrad == true }
        try interp.setAttribute(ctx, "needs_input_grad",
                                .tuple(inputs.map { .bool(recording && $0?.requiresGrad == true) }))
        let result = try GradMode.noGrad { try interp.call(try interp.getAttribute(cls, "forward"), [ctx] + args) }
        guard recording else { return result }

        let isTuple = result.asObject is PyTuple
        var outputs = isTuple ? try interp.toArray(result) : [result]
        let excluded = try interp.toArray(try interp.getAttribute(ctx, "non_differentiable"))
        let materialize = try interp.isTruthy(try interp.getAttribute(ctx, "materialize_grads"))
        var shapes: [(shape: [Int], dtype: DType)?] = []
        for (i, out) in outputs.enumerated() {
            guard let t = asTensor(out) else { shapes.append(nil); continue }
            // An input handed back unchanged becomes a new alias, so the input keeps its history.
            if args.contains(where: { $0.isIdentical(to: out) }) { outputs[i] = wrap(t.detach()) }
            shapes.append((t.shape, t.dtype))
        }
        let name = type.name + "Backward"
        _ = GradFnRegistry.type(named: name, custom: true)
        let argumentCount = args.count
        let node = FunctionNode(name: name, inputs: inputs, numInputs: outputs.count,
                                formula: "\(type.name).backward(ctx, *grad_outputs)") { _, grads in
            var values: [Value] = [ctx]
            for (i, g) in grads.enumerated() {
                if let g {
                    values.append(wrap(g))
                } else if materialize, i < shapes.count, let meta = shapes[i] {
                    values.append(wrap(try Tensor.zeros(meta.shape, dtype: meta.dtype)))
                } else {
                    values.append(.none)
                }
            }
            let r = try interp.call(try interp.getAttribute(cls, "backward"), values)
            let items = r.asObject is PyTuple ? try interp.toArray(r) : [r]
            if items.count != argumentCount {
                throw PyErr.runtimeError("function \(name) returned an incorrect number of gradients (expected \(argumentCount), got \(items.count))")
            }
            return try items.map { try optionalTensorArgument($0, "grad") }
        }
        for (i, out) in outputs.enumerated() {
            guard let t = asTensor(out), !excluded.contains(where: { $0.isIdentical(to: out) }) else { continue }
            t.attach(to: node, outputNr: i)
        }
        try unlinkSavedOutputs(interp, ctx: ctx, outputs: outputs)
        return isTuple ? .tuple(outputs) : outputs[0]
    }

    /// An output saved with `save_for_backward` would hold its own node alive through ctx
    /// (node → backward → ctx → output → node). As PyTorch saves outputs without that strong
    /// link, ctx keeps an alias of such an output that shares its data and version counter.
    private static func unlinkSavedOutputs(_ interp: Interpreter, ctx: Value, outputs: [Value]) throws {
        guard let saved = try? interp.getAttribute(ctx, "to_save"), saved.asObject is PyTuple else { return }
        let items = try interp.toArray(saved)
        var changed = false
        let unlinked = items.map { item -> Value in
            guard let t = asTensor(item), outputs.contains(where: { $0.isIdentical(to: item) }) else { return item }
            changed = true
            return wrap(t.detach())
        }
        if changed { try interp.setAttribute(ctx, "to_save", .tuple(unlinked)) }
    }
}
