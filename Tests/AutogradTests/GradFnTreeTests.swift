import Foundation
import Testing
@testable import Autograd

/// The grad_fn trees PyTorch printed for 67 expressions, rebuilt in Swift and compared.
@Suite struct GradFnTreeTests {
    /// Leaves shared by all cases, as in the fixture's setup (values do not matter for shape).
    struct Inputs {
        let x: Tensor, w: Tensor, b: Tensor, v: Tensor
        init() throws {
            x = try sample([2, 3], seed: 0.3, requiresGrad: true)
            w = try sample([3, 4], seed: 1.1, requiresGrad: true)
            b = try sample([4], seed: 2.7, requiresGrad: true)
            v = try sample([3], seed: 3.9, requiresGrad: true)
        }
    }

    static func param(_ shape: [Int], _ seed: Double) throws -> Tensor {
        try sample(shape, seed: seed, requiresGrad: true)
    }

    /// Each fixture expression built through the Swift API.
    static var builders: [String: (Inputs) throws -> Tensor] { [
        "x @ w": { try $0.x.matmul($0.w) },
        "x.mm(w)": { try $0.x.mm($0.w) },
        "torch.addmm(b, x, w)": { try Tensor.addmm($0.b, $0.x, $0.w) },
        "F.linear(x, w.t(), b)": { try Tensor.linear($0.x, $0.w.t(), $0.b) },
        "x + 1.0": { try $0.x + 1.0 },
        "x - x": { try $0.x - $0.x },
        "1.0 - x": { try 1.0 - $0.x },
        "-x": { try -$0.x },
        "x * x": { try $0.x * $0.x },
        "x / 2.0": { try $0.x / 2.0 },
        "x ** 2": { try $0.x.pow(2) },
        "x ** x": { try $0.x.pow($0.x) },
        "2.0 ** x": { try $0.x.rpow(2.0) },
        "x.exp()": { try $0.x.exp() },
        "x.abs().log()": { try $0.x.abs().log() },
        "x.abs().sqrt()": { try $0.x.abs().sqrt() },
        "x.relu()": { try $0.x.relu() },
        "x.sigmoid()": { try $0.x.sigmoid() },
        "x.tanh()": { try $0.x.tanh() },
        "F.leaky_relu(x, 0.1)": { try $0.x.leakyRelu(0.1) },
        "F.gelu(x)": { try $0.x.gelu() },
        "F.softmax(x, dim=1)": { try $0.x.softmax(dim: 1) },
        "F.log_softmax(x, dim=1)": { try $0.x.logSoftmax(dim: 1) },
        "x.sum()": { try $0.x.sum() },
        "x.sum(dim=1)": { try $0.x.sum(dim: 1) },
        "x.mean()": { try $0.x.mean() },
        "x.mean(dim=0)": { try $0.x.mean(dim: 0) },
        "x.max()": { try $0.x.max() },
        "x.max(dim=1).values": { try $0.x.max(dim: 1).values },
        "x.t()": { try $0.x.t() },
        "x.T": { try $0.x.T },
        "x.transpose(0, 1)": { try $0.x.transpose(0, 1) },
        "x.view(6)": { try $0.x.view([6]) },
        "x.reshape(3, 2)": { try $0.x.reshape([3, 2]) },
        "x.flatten()": { try $0.x.flatten() },
        "x.unsqueeze(0)": { try $0.x.unsqueeze(0) },
        "x.unsqueeze(0).squeeze(0)": { try $0.x.unsqueeze(0).squeeze(0) },
        "x[0]": { try $0.x.getItem([.int(0)]) },
        "x[:, 1:]": { try $0.x.getItem([.slice(start: nil, stop: nil, step: nil), .slice(start: 1, stop: nil, step: nil)]) },
        "x[torch.tensor([1, 0])]": { try $0.x.getItem([.tensor(Tensor.from(ints: [1, 0]))]) },
        "torch.cat([x, x])": { try Tensor.cat([$0.x, $0.x]) },
        "torch.stack([x, x])": { try Tensor.stack([$0.x, $0.x]) },
        "x.clone()": { try $0.x.clone() },
        "x.clamp(min=0.0)": { try $0.x.clamp(min: 0.0) },
        "torch.where(x > 0, x, 0.0)": { try Tensor.where($0.x.gt(.int(0)), $0.x, 0.0) },
        "x.pow(2).sum().sqrt()": { try $0.x.pow(2).sum().sqrt() },
        "x.norm()": { try $0.x.norm() },
        "x.var()": { try $0.x.var() },
        "x.std()": { try $0.x.std() },
        "F.mse_loss(x, torch.zeros(2, 3))": { try Tensor.mseLoss($0.x, Tensor.zeros([2, 3])) },
        "F.l1_loss(x, torch.zeros(2, 3))": { try Tensor.l1Loss($0.x, Tensor.zeros([2, 3])) },
        "F.cross_entropy(x, torch.tensor([0, 2]))": { try Tensor.crossEntropy($0.x, Tensor.from(ints: [0, 2])) },
        "F.nll_loss(F.log_softmax(x, 1), torch.tensor([0, 2]))": {
            try Tensor.nllLoss($0.x.logSoftmax(dim: 1), Tensor.from(ints: [0, 2]))
        },
        "F.binary_cross_entropy(x.sigmoid(), torch.ones(2, 3))": {
            try Tensor.binaryCrossEntropy($0.x.sigmoid(), Tensor.ones([2, 3]))
        },
        "F.binary_cross_entropy_with_logits(x, torch.ones(2, 3))": {
            try Tensor.binaryCrossEntropyWithLogits($0.x, Tensor.ones([2, 3]))
        },
        "F.dropout(x, 0.5, training=True)": { inputs in
            try inputs.x.dropout(p: 0.5, training: true) { shape, dtype, _ in
                try Tensor.from((0..<shape.reduce(1, *)).map { Double($0 % 2) }, shape: shape, dtype: dtype)
            }
        },
        "nn.BatchNorm1d(3)(x)": {
            try Tensor.batchNorm($0.x, runningMean: Tensor.zeros([3]), runningVar: Tensor.ones([3]),
                                 weight: Tensor.ones([3]).requiresGrad_(), bias: Tensor.zeros([3]).requiresGrad_(),
                                 training: true)
        },
        "nn.LayerNorm(3)(x)": {
            try Tensor.layerNorm($0.x, normalizedShape: [3], weight: Tensor.ones([3]).requiresGrad_(),
                                 bias: Tensor.zeros([3]).requiresGrad_())
        },
        "nn.Linear(3, 4)(x)": { try Tensor.linear($0.x, param([4, 3], 5), param([4], 6)) },
        "nn.Linear(3, 4, bias=False)(x)": { try Tensor.linear($0.x, param([4, 3], 5)) },
        "nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))(x)": {
            let h = try Tensor.linear($0.x, param([4, 3], 5), param([4], 6)).relu()
            return try Tensor.linear(h, param([2, 4], 7), param([2], 8))
        },
        "x.gather(1, torch.tensor([[0], [2]]))": { try $0.x.gather(dim: 1, index: Tensor.from(ints: [0, 2], shape: [2, 1])) },
        "(x * v).sum(dim=1)": { try ($0.x * $0.v).sum(dim: 1) },
        "x.exp() / x.exp().sum(dim=1, keepdim=True)": { try $0.x.exp() / $0.x.exp().sum(dim: 1, keepdim: true) },
        "nn.Flatten()(x.view(1, 2, 3))": { try $0.x.view([1, 2, 3]).flatten(startDim: 1) },
        "nn.Conv2d(1, 2, 3)(torch.randn(1, 1, 5, 5))": { _ in
            try Tensor.conv2d(sample([1, 1, 5, 5]), param([2, 1, 3, 3], 9), param([2], 10))
        },
        "nn.MaxPool2d(2)(x.view(1, 1, 2, 3))": { try Tensor.maxPool2d($0.x.view([1, 1, 2, 3]), kernelSize: [2]) },
    ] }


    struct Case: CustomTestStringConvertible, Sendable {
        let expr: String
        let expected: String
        var testDescription: String { expr }
    }

    static func loadCases() -> [Case] {
        guard let url = Bundle.module.url(forResource: "grad_fn", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = root["cases"] as? [[String: Any]] else { return [] }
        return cases.compactMap { c in
            guard let expr = c["expr"] as? String else { return nil }
            return Case(expr: expr, expected: render(json: c["grad_fn"]))
        }
    }

    /// `Name(child:nr, ...)` from the fixture's JSON tree.
    static func render(json: Any?) -> String {
        guard let node = json as? [String: Any], let name = node["name"] as? String else { return "None" }
        let next = (node["next"] as? [[Any]]) ?? []
        if next.isEmpty { return name }
        let parts = next.map { pair -> String in
            let nr = pair.count > 1 ? (pair[1] as? Int ?? 0) : 0
            return render(json: pair.first) + ":\(nr)"
        }
        return name + "(" + parts.joined(separator: ", ") + ")"
    }

    /// The same rendering of a Swift backward tree.
    static func render(node: Node?) -> String {
        guard let node else { return "None" }
        if node.nextEdges.isEmpty { return node.name }
        let parts = node.nextEdges.map { render(node: $0.node) + ":\($0.inputNr)" }
        return node.name + "(" + parts.joined(separator: ", ") + ")"
    }

    @Test func fixtureHasAllCases() {
        #expect(Self.loadCases().count == 67)
    }

    @Test(arguments: loadCases())
    func treeMatchesPyTorch(_ c: Case) throws {
        let builder = try #require(Self.builders[c.expr], "no Swift builder for \(c.expr)")
        let out = try builder(Inputs())
        #expect(Self.render(node: out.gradFn) == c.expected)
    }
}
