// Random numbers from Python: PyTorch's recorded streams (rng.json), generator state round
// trips, and checkpoints.
import Autograd
import Foundation
import MiniPy
import Testing
@testable import Torch

/// One recorded case of `Tests/AutogradTests/Fixtures/rng.json`.
struct RecordedDraw: Decodable {
    let seed: Int
    let call: String
    let values: [Double]?
}

private struct RecordedFile: Decodable {
    let cases: [RecordedCaseOrOther]
}

/// Cases without a flat `values` list (modules, epoch orders) decode with `values == nil`.
private struct RecordedCaseOrOther: Decodable {
    let seed: Int
    let call: String
    let values: [Double]?

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seed = try c.decode(Int.self, forKey: .seed)
        call = try c.decode(String.self, forKey: .call)
        values = try? c.decode([Double].self, forKey: .values)
    }

    enum CodingKeys: String, CodingKey { case seed, call, values }
}

enum RecordedStreams {
    /// The factory cases (`torch.rand`, `randn`, `randint`, `randperm`) of rng.json.
    static func factoryCases() throws -> [RecordedDraw] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "AutogradTests/Fixtures/rng.json")
        let file = try JSONDecoder().decode(RecordedFile.self, from: try Data(contentsOf: url))
        let factories = ["torch.rand(", "torch.randn(", "torch.randint(", "torch.randperm("]
        return file.cases.compactMap { c in
            guard let values = c.values, factories.contains(where: { c.call.hasPrefix($0) }) else { return nil }
            return RecordedDraw(seed: c.seed, call: c.call, values: values)
        }
    }
}

@Suite(.serialized) struct RandomBindingTests {
    @Test func factoriesReproducePyTorchStreams() throws {
        let cases = try RecordedStreams.factoryCases()
        // rng.json: 40 rand, 45 randn, 10 randint and 20 randperm cases with flat values.
        #expect(cases.count == 115)
        let program = TorchProgram()
        for c in cases {
            let m = try program.run("import torch\ntorch.manual_seed(\(c.seed))\nresult = \(c.call)\n")
            let t = try #require(TorchProgram.tensor(m, "result"), "\(c.call)")
            #expect(t.doubleValues() == c.values, "seed \(c.seed): \(c.call)")
        }
    }

    @Test func seededGeneratorMatchesTheGlobalStream() throws {
        let program = TorchProgram()
        let m = try program.run("""
        import torch
        g = torch.Generator()
        same = g.manual_seed(0) is g
        a = torch.randn(20, generator=g)
        torch.manual_seed(0)
        b = torch.randn(20)
        seed = g.initial_seed()
        default_seed = torch.initial_seed()
        is_default = torch.manual_seed(3) is torch.default_generator
        """)
        #expect(isTrue(TorchProgram.value(m, "same")))
        #expect(isTrue(TorchProgram.value(m, "is_default")))
        #expect(TorchProgram.tensor(m, "a")?.doubleValues() == TorchProgram.tensor(m, "b")?.doubleValues())
        #expect(try program.interp.repr(TorchProgram.value(m, "seed")) == "0")
        #expect(try program.interp.repr(TorchProgram.value(m, "default_seed")) == "0")
    }

    @Test func generatorStateRoundTrips() throws {
        let program = TorchProgram()
        let m = try program.run("""
        import torch
        g = torch.Generator().manual_seed(5)
        torch.randn(3, generator=g)
        state = g.get_state()
        first = torch.randn(7, generator=g)
        g.set_state(state)
        second = torch.randn(7, generator=g)
        torch.manual_seed(11)
        torch.rand(2)
        global_state = torch.get_rng_state()
        third = torch.rand(5)
        torch.set_rng_state(global_state)
        fourth = torch.rand(5)
        """)
        let first = try #require(TorchProgram.tensor(m, "first"))
        #expect(first.doubleValues() == TorchProgram.tensor(m, "second")?.doubleValues())
        #expect(TorchProgram.tensor(m, "third")?.doubleValues() == TorchProgram.tensor(m, "fourth")?.doubleValues())
        let state = try #require(TorchProgram.tensor(m, "state"))
        #expect(state.shape == [Generator.stateByteCount])
        #expect(state.int64Values().allSatisfy { $0 >= 0 && $0 < 256 })
    }

    @Test func badStateIsRefused() throws {
        let program = TorchProgram()
        #expect(throws: PyExceptionObject.self) {
            _ = try program.run("import torch\ntorch.set_rng_state(torch.randn(4))\n")
        }
        #expect(throws: PyExceptionObject.self) {
            _ = try program.run("import torch\ntorch.set_rng_state(torch.randint(0, 9, (4,)))\n")
        }
    }

    @Test func inPlaceFillsUseTheGivenGenerator() throws {
        let program = TorchProgram()
        let m = try program.run("""
        import torch
        g = torch.Generator().manual_seed(0)
        t = torch.randn(6)
        same = t.uniform_(-2, 3, generator=g) is t
        torch.manual_seed(0)
        seed = torch.randint(0, 1, (1,)).random_()
        """)
        #expect(isTrue(TorchProgram.value(m, "same")))
        let t = try #require(TorchProgram.tensor(m, "t"))
        // rng.json: seed 0, torch.empty(6).uniform_(-2, 3)
        #expect(t.doubleValues() == [0.48128294944763184, 1.841109037399292, -1.5576128959655762,
                                     -1.3398475646972656, -0.46288591623306274, 1.170393466949463])
        let draw = try #require(TorchProgram.tensor(m, "seed"))
        let expected = Generator(seed: 0)
        _ = try expected.randint(low: 0, high: 1, count: 1)
        #expect(draw.int64Values() == [expected.randomInt64()])
    }

    @Test func dropoutScalesKeptElements() throws {
        let program = TorchProgram()
        let m = try program.run("""
        import torch
        torch.manual_seed(0)
        x = torch.rand(64, requires_grad=True)
        y = torch.dropout(x, 0.25, True)
        name = type(y.grad_fn).__name__
        same = torch.dropout(x, 0.25, False) is x
        """)
        #expect(try program.interp.str(TorchProgram.value(m, "name")) == "MulBackward0")
        let x = try #require(TorchProgram.tensor(m, "x")).doubleValues()
        let y = try #require(TorchProgram.tensor(m, "y")).doubleValues()
        for (a, b) in zip(x, y) where b != 0 {
            #expect(Swift.abs(b - Double(Float(a) / 0.75)) < 1e-6)
        }
        #expect(y.contains(0))
    }
}

@Suite(.serialized) struct CheckpointBindingTests {
    private func scratch(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appending(path: "gradstep-\(UUID().uuidString)-\(name)").path
    }

    @Test func nestedStructuresRoundTrip() throws {
        let path = scratch("ck.pt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let program = TorchProgram()
        let m = try program.run("""
        import torch
        w = torch.randn(2, 3)
        b = torch.randint(0, 9, (4,))
        torch.save({"model": {"w": w}, "step": 7, "lr": 0.125, "names": ["a", None, (1, True)], "b": b}, \(try program.interp.repr(.str(path))))
        back = torch.load(\(try program.interp.repr(.str(path))))
        step = back["step"]
        lr = back["lr"]
        names = repr(back["names"])
        w2 = back["model"]["w"]
        b2 = back["b"]
        """)
        #expect(try program.interp.repr(TorchProgram.value(m, "step")) == "7")
        #expect(try program.interp.repr(TorchProgram.value(m, "lr")) == "0.125")
        #expect(try program.interp.str(TorchProgram.value(m, "names")) == "['a', None, (1, True)]")
        #expect(TorchProgram.tensor(m, "w2")?.doubleValues() == TorchProgram.tensor(m, "w")?.doubleValues())
        #expect(TorchProgram.tensor(m, "w2")?.shape == [2, 3])
        #expect(TorchProgram.tensor(m, "b2")?.int64Values() == TorchProgram.tensor(m, "b")?.int64Values())
    }

    @Test func stateDictsArePlainSafetensorsFiles() throws {
        let path = scratch("sd.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let program = TorchProgram()
        _ = try program.run("""
        import torch
        torch.save({"fc.weight": torch.randn(3, 2), "fc.bias": torch.randn(3)}, \(try program.interp.repr(.str(path))))
        """)
        let file = try SafetensorsFile.read(path: path)
        #expect(file.entries.map(\.name).sorted() == ["fc.bias", "fc.weight"])
        #expect(file.metadata == nil)
        #expect(file.entry(named: "fc.weight")?.shape == [3, 2])
    }

    @Test func missingAndCorruptFilesRaisePythonErrors() throws {
        let path = scratch("bad.pt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
        let program = TorchProgram()
        let m = try program.run("""
        import torch
        messages = []
        try:
            torch.load("/nonexistent/gradstep/x.pt")
        except FileNotFoundError as e:
            messages.append(str(e))
        try:
            torch.load(\(try program.interp.repr(.str(path))))
        except RuntimeError as e:
            messages.append(str(e))
        """)
        let messages = try program.interp.toArray(TorchProgram.value(m, "messages")).map { try program.interp.str($0) }
        #expect(messages.count == 2)
        #expect(messages.first == "[Errno 2] No such file or directory: '/nonexistent/gradstep/x.pt'")
        #expect(messages.last == SafetensorsError.fileTooSmall(byteCount: 3).description)
    }
}

/// The rng.json cases that need the rest of the tensor surface: in-place fills on
/// `torch.empty`, module initialisation and DataLoader epoch orders.
@Suite(.serialized) struct RecordedLibraryStreamTests {
    private static func cases() throws -> [[String: Any]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "AutogradTests/Fixtures/rng.json")
        let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: url))
        return ((object as? [String: Any])?["cases"] as? [[String: Any]]) ?? []
    }

    /// Flattens nested JSON number lists as float32 (some fixture values were printed
    /// through double arithmetic; rounded to float32 they are PyTorch's elements).
    private static func floats(_ any: Any?) -> [Float] { numbers(any).map { Float($0) } }

    /// Flattens nested JSON number lists.
    private static func numbers(_ any: Any?) -> [Double] {
        if let d = any as? Double { return [d] }
        if let list = any as? [Any] { return list.flatMap { numbers($0) } }
        return []
    }

    @Test func modulesFillsAndLoadersReproducePyTorch() throws {
        let program = TorchProgram()
        let probe = try program.run("import torch\nready = hasattr(torch, 'empty') and hasattr(torch, 'arange') and hasattr(torch.ones(1), 'tolist')\n")
        try #require(isTrue(TorchProgram.value(probe, "ready")), "torch.empty, torch.arange and Tensor.tolist are needed")
        var checked = 0
        for c in try Self.cases() {
            guard let seed = c["seed"] as? Int, let call = c["call"] as? String else { continue }
            let prelude = "import torch\nimport torch.nn as nn\nfrom torch.utils.data import DataLoader, TensorDataset\ntorch.manual_seed(\(seed))\n"
            if call.hasPrefix("torch.empty(") {
                let m = try program.run(prelude + "result = \(call)\n")
                #expect(TorchProgram.tensor(m, "result")?.doubleValues().map { Float($0) } == Self.floats(c["values"]), "\(call)")
                checked += 1
            } else if call.hasPrefix("nn.Linear(") {
                let m = try program.run(prelude + "m = \(call)\nw = m.weight\nb = m.bias\n")
                #expect(TorchProgram.tensor(m, "w")?.doubleValues().map { Float($0) } == Self.floats(c["weight"]), "\(call)")
                #expect(TorchProgram.tensor(m, "b")?.doubleValues().map { Float($0) } == Self.floats(c["bias"]), "\(call)")
                checked += 1
            } else if call.hasPrefix("nn.Sequential("), let expected = c["state_dict"] as? [String: Any] {
                let m = try program.run(prelude + "sd = \(call).state_dict()\n")
                guard let dict = TorchProgram.value(m, "sd").asObject as? PyDict else {
                    Issue.record("state_dict is not a dict")
                    continue
                }
                for (key, values) in expected {
                    let t = dict.storage[HashKey(key)].flatMap(asTensor)
                    #expect(t?.doubleValues().map { Float($0) } == Self.floats(values), "\(key)")
                }
                checked += 1
            } else if call.hasPrefix("DataLoader("), let open = call.firstIndex(of: ":") {
                let loader = String(call[..<open])
                let m = try program.run(prelude + """
                loader = \(loader)
                epochs = [[i for batch in loader for i in batch[0].tolist()] for _ in range(2)]
                """)
                let epochs = try program.interp.toArray(TorchProgram.value(m, "epochs")).map {
                    try program.interp.toArray($0).map { v -> Double in
                        if case .int(let i) = v { return Double(i) }
                        return .nan
                    }
                }
                #expect(epochs.flatMap { $0 } == Self.numbers(c["values"]), "\(call)")
                checked += 1
            }
        }
        // rng.json: 10 torch.empty fills, 15 nn.Linear, 5 nn.Sequential and 10 DataLoader cases.
        #expect(checked == 40)
    }
}
