/// The one place where ops attach backward nodes: forward code computes the result, then
/// calls `record` with the node name, the formula, what to save and the backward closure.

extension Tensor {
    /// True when grad mode is on and any input requires grad.
    @inline(__always)
    static func anyRequiresGrad(_ inputs: [Tensor?]) -> Bool {
        guard GradMode.isEnabled else { return false }
        for t in inputs where t?.requiresGrad == true { return true }
        return false
    }
}

/// Connects `outputs` to a new node whose edges lead to `inputs` (nil or non-requiring inputs
/// get an empty edge), when grad mode is on and some input requires grad.
/// `save` runs only when a node is made, so ops pay nothing for saving otherwise.
@discardableResult
func record(_ name: String, inputs: [Tensor?], outputs: [Tensor], formula: String,
            save: (FunctionNode) -> Void = { _ in },
            backward: @escaping FunctionNode.Backward) -> FunctionNode? {
    guard Tensor.anyRequiresGrad(inputs) else { return nil }
    let edges = inputs.map { t -> Edge in
        guard let t, t.requiresGrad else { return Edge(node: nil, inputNr: 0) }
        return t.gradientEdge()
    }
    let node = FunctionNode(name: name, nextEdges: edges, numInputs: outputs.count,
                            formula: formula, backward: backward)
    node.inputMeta = inputs.map { t in t.map { ($0.shape, $0.dtype) } }
    save(node)
    for (i, out) in outputs.enumerated() where out.dtype.isFloatingPoint {
        out.gradFn = node
        out.outputNr = i
    }
    return node
}

extension FunctionNode {
    /// Whether input `i` needs a gradient (PyTorch's `needs_input_grad`).
    public func needsInputGrad(_ i: Int) -> Bool {
        i < nextEdges.count && nextEdges[i].node != nil
    }
}
