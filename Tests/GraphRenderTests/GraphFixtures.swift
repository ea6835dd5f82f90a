import Autograd
import Foundation
@testable import GraphRender

/// A float tensor with the given values, optionally a leaf that requires grad.
func tensor(_ values: [Double], _ shape: [Int], requiresGrad: Bool = false) throws -> Tensor {
    let t = try Tensor.from(values, shape: shape)
    if requiresGrad { try t.setRequiresGrad(true) }
    return t
}

/// Deterministic, distinct values spread over about [-1, 1].
func spread(_ count: Int, seed: Double) -> [Double] {
    (0..<count).map { i in ((Double(i) + seed) * 0.618033988749895).truncatingRemainder(dividingBy: 1) * 2 - 1 }
}

/// micrograd's first example: `L = (a * b + c) * f`, every value named.
struct ScalarExpression {
    let a, b, c, e, d, f, loss: Tensor
    let names: GraphNames

    init() throws {
        a = try tensor([2], [], requiresGrad: true)
        b = try tensor([-3], [], requiresGrad: true)
        c = try tensor([10], [], requiresGrad: true)
        f = try tensor([-2], [], requiresGrad: true)
        e = try a * b
        d = try e + c
        loss = try d * f
        names = GraphNames([("a", a), ("b", b), ("c", c), ("e", e), ("d", d), ("f", f), ("L", loss)])
    }
}

/// A two-layer perceptron on a batch of four, with an MSE loss.
struct MLP {
    let x, y: Tensor
    let w1, b1, w2, b2: Tensor
    let hidden, activation, prediction, loss: Tensor
    let names: GraphNames

    init() throws {
        x = try tensor(spread(12, seed: 0.3), [4, 3])
        y = try tensor([0.5, -0.25, 1, 0], [4, 1])
        w1 = try tensor(spread(15, seed: 1.1).map { $0 * 0.5 }, [5, 3], requiresGrad: true)
        b1 = try tensor(spread(5, seed: 2.7).map { $0 * 0.1 }, [5], requiresGrad: true)
        w2 = try tensor(spread(5, seed: 3.9).map { $0 * 0.5 }, [1, 5], requiresGrad: true)
        b2 = try tensor([0.05], [1], requiresGrad: true)
        hidden = try Tensor.linear(x, w1, b1)
        activation = try hidden.relu()
        prediction = try Tensor.linear(activation, w2, b2)
        loss = try Tensor.mseLoss(prediction, y)
        names = GraphNames([("fc1.weight", w1), ("fc1.bias", b1), ("fc2.weight", w2), ("fc2.bias", b2),
                            ("x", x), ("y", y), ("loss", loss)])
    }

    /// A plan for `loss.backward()` with a recorder listening.
    func plan() throws -> (BackwardPlan, GradientFlowRecorder) {
        let plan = try BackwardPlan(roots: [loss], gradients: [nil])
        let recorder = GradientFlowRecorder()
        recorder.attach(to: plan)
        return (plan, recorder)
    }
}

/// An encoder of two linear layers with tanh and a head, nested modules given by the caller
/// for every node, as a module tree would supply them.
struct ClusteredModel {
    let loss: Tensor
    let names: GraphNames

    init() throws {
        let x = try tensor(spread(6, seed: 0.7), [2, 3])
        let w1 = try tensor(spread(12, seed: 1.3), [4, 3], requiresGrad: true)
        let b1 = try tensor(spread(4, seed: 1.9), [4], requiresGrad: true)
        let w2 = try tensor(spread(16, seed: 2.3), [4, 4], requiresGrad: true)
        let b2 = try tensor(spread(4, seed: 2.9), [4], requiresGrad: true)
        let w3 = try tensor(spread(8, seed: 3.1), [2, 4], requiresGrad: true)
        var modules: [ObjectIdentifier: String] = [:]
        func mark(_ t: Tensor, _ module: String) -> Tensor {
            if let fn = t.gradFn { modules[ObjectIdentifier(fn)] = module }
            return t
        }
        let h1 = mark(try Tensor.linear(x, w1, b1), "encoder.fc1")
        let a1 = mark(try h1.tanh(), "encoder.act")
        let h2 = mark(try Tensor.linear(a1, w2, b2), "encoder.fc2")
        let a2 = mark(try h2.tanh(), "encoder.act")
        let out = mark(try Tensor.linear(a2, w3), "head")
        loss = try out.pow(2).mean()
        let table = modules
        // The transposes inside linear belong to their layer too.
        names = GraphNames([("encoder.fc1.weight", w1), ("encoder.fc1.bias", b1), ("encoder.fc2.weight", w2),
                            ("encoder.fc2.bias", b2), ("head.weight", w3), ("x", x), ("loss", loss)],
                           nodeModule: { table[ObjectIdentifier($0)] }, inferNodeModules: true)
    }
}

/// A stack of identical blocks `layers.0` ... `layers.<n-1>` (linear + tanh), for collapsing.
func repeatedBlocks(_ count: Int, width: Int = 3) throws -> (loss: Tensor, names: GraphNames) {
    var h = try tensor(spread(2 * width, seed: 0.1), [2, width])
    var named: [(String, Tensor)] = []
    var modules: [ObjectIdentifier: String] = [:]
    for layer in 0..<count {
        let w = try tensor(spread(width * width, seed: Double(layer) + 0.5).map { $0 * 0.6 }, [width, width], requiresGrad: true)
        let b = try tensor(spread(width, seed: Double(layer) + 0.9).map { $0 * 0.1 }, [width], requiresGrad: true)
        named += [("layers.\(layer).weight", w), ("layers.\(layer).bias", b)]
        let linear = try Tensor.linear(h, w, b)
        h = try linear.tanh()
        if let fn = h.gradFn { modules[ObjectIdentifier(fn)] = "layers.\(layer)" }
    }
    let loss = try h.sum()
    named.append(("loss", loss))
    let table = modules
    return (loss, GraphNames(named, nodeModule: { table[ObjectIdentifier($0)] }))
}
