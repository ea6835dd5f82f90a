// Finding the training objects of a program: models and their named parameters,
// optimizers, schedulers, and loose leaf tensors; naming a tensor for display.
import Autograd
import MiniPy
import Torch

/// A parameter (or a loose leaf tensor that requires grad) with the name a learner uses.
struct NamedParameter {
    let name: String
    let tensor: Tensor
}

/// An object found in scope, with its variable name.
struct ScopedObject {
    let name: String
    let value: Value
}

extension Session {
    /// Variables visible at the stop: the module's globals first (their names read the same
    /// wherever the program stops), then the selected frame's locals.
    func variablesInScope() -> [ScopedObject] {
        var result: [ScopedObject] = []
        var seen = Set<String>()
        let frames = [stack.last, selectedFrame, interp.currentFrame?.chain.last, interp.currentFrame].compactMap { $0 }
        for frame in frames {
            for (name, value) in frame.locals where isInterestingVariable(name, value) && seen.insert(name).inserted {
                result.append(ScopedObject(name: name, value: value))
            }
        }
        if frames.isEmpty, let main = interp.modules["__main__"] {
            // The program ended: its globals still hold the model and the optimizer.
            for (name, value) in main.namespace.bindings where isInterestingVariable(name, value) {
                result.append(ScopedObject(name: name, value: value))
            }
        }
        return result
    }

    /// True when the value has the attribute (looked up without running the program's code
    /// through the tracer).
    func has(_ value: Value, _ attribute: String) -> Bool {
        guard case .object(let o) = value, !(o is PyModule), !(o is PyType), !(o is PyTensor) else { return false }
        return quietly { (try? interp.getAttribute(value, attribute)) != nil }
    }

    /// Models in scope (objects with `named_parameters`).
    func modelsInScope() -> [ScopedObject] {
        variablesInScope().filter { has($0.value, "named_parameters") }
    }

    /// Optimizers in scope (objects with `param_groups` and `state`).
    func optimizersInScope() -> [ScopedObject] {
        variablesInScope().filter { has($0.value, "param_groups") && has($0.value, "zero_grad") }
    }

    /// Schedulers in scope (objects with `get_last_lr`).
    func schedulersInScope() -> [ScopedObject] {
        variablesInScope().filter { has($0.value, "get_last_lr") }
    }

    /// Every parameter reachable from models in scope (`model.fc1.weight`), then the
    /// optimizers' parameters not named yet, then leaf tensors in scope that require grad.
    func discoverParameters() -> [NamedParameter] {
        quietly {
            var result: [NamedParameter] = []
            var seen = Set<ObjectIdentifier>()
            func add(_ name: String, _ t: Tensor) {
                if seen.insert(ObjectIdentifier(t)).inserted { result.append(NamedParameter(name: name, tensor: t)) }
            }
            for model in modelsInScope() {
                guard let pairs = try? interp.toArray(try interp.callMethod(model.value, "named_parameters", [])) else { continue }
                for pair in pairs {
                    guard case .object(let o as PyTuple) = pair, o.items.count == 2,
                          case .str(let name) = o.items[0], let t = tensorValue(o.items[1]) else { continue }
                    add("\(model.name).\(name)", t)
                }
            }
            for opt in optimizersInScope() {
                for (g, group) in optimizerGroups(opt.value).enumerated() {
                    for (i, t) in group.params.enumerated() {
                        add(nameOfLeaf(t) ?? "\(opt.name).param_groups[\(g)]['params'][\(i)]", t)
                    }
                }
            }
            for v in variablesInScope() {
                if let t = tensorValue(v.value), t.isLeaf, t.requiresGrad { add(v.name, t) }
            }
            return result
        }
    }

    /// A name for a tensor: a variable holding it, or a parameter path.
    func nameOf(_ t: Tensor) -> String? {
        if let n = nameOfLeaf(t) { return n }
        return discoverParameters().first { $0.tensor === t }?.name
    }

    /// A variable in scope holding exactly this tensor.
    private func nameOfLeaf(_ t: Tensor) -> String? {
        variablesInScope().first { tensorValue($0.value) === t }?.name
    }

    /// An optimizer's parameter groups: their tensors and hyper-parameters.
    func optimizerGroups(_ optimizer: Value) -> [(params: [Tensor], options: [(String, Value)])] {
        quietly {
            guard let groups = try? interp.toArray(try interp.getAttribute(optimizer, "param_groups")) else { return [] }
            var result: [(params: [Tensor], options: [(String, Value)])] = []
            for group in groups {
                guard case .object(let d as PyDict) = group else { continue }
                var params: [Tensor] = []
                var options: [(String, Value)] = []
                for (key, value) in d.storage {
                    guard case .str(let name) = key.value else { continue }
                    if name == "params" {
                        params = ((try? interp.toArray(value)) ?? []).compactMap(tensorValue)
                    } else {
                        options.append((name, value))
                    }
                }
                result.append((params, options))
            }
            return result
        }
    }

    /// The learning rate an optimizer in scope uses for `t`, if any.
    func learningRate(for t: Tensor) -> Double? {
        for opt in optimizersInScope() {
            for group in optimizerGroups(opt.value) where group.params.contains(where: { $0 === t }) {
                for (name, value) in group.options where name == "lr" {
                    switch value {
                    case .float(let d): return d
                    case .int(let i): return Double(i)
                    default: return tensorValue(value).flatMap { $0.doubleValues().first }
                    }
                }
            }
        }
        return nil
    }
}
