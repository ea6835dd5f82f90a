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
        #expect(cases.count >= 20)
        let session = TorchSession()
        for c in cases {
            let m = try session.run("import torch\ntorch.manual_seed(\(c.seed))\nresult = \(c.call)\n")
            let t = try #require(TorchSession.tensor(m, "result"), "\(c.call)")
            #expect(t.doubleValues() == c.values, "seed \(c.seed): \(c.call)")
        }
    }

    @Test func seededGeneratorMatchesTheGlobalStream() throws {
        let session = TorchSession()
        let m = try session.run("""
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
        #expect(isTrue(TorchSession.value(m, "same")))
        #expect(isTrue(TorchSession.value(m, "is_default")))
        #expect(TorchSession.tensor(m, "a")?.doubleValues() == TorchSession.tensor(m, "b")?.doubleValues())
        #expect(try session.interp.repr(TorchSession.value(m, "seed")) == "0")
        #expect(try session.interp.repr(TorchSession.value(m, "default_seed")) == "0")
    }

    @Test func generatorStateRoundTrips() throws {
        let session = TorchSession()
        let m = try session.run("""
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
        let first = try #require(TorchSession.tensor(m, "first"))
        #expect(first.doubleValues() == TorchSession.tensor(m, "second")?.doubleValues())
        #expect(TorchSession.tensor(m, "third")?.doubleValues() == TorchSession.tensor(m, "fourth")?.doubleValues())
        let state = try #require(TorchSession.tensor(m, "state"))
        #expect(state.shape == [Generator.stateByteCount])
        #expect(state.int64Values().allSatisfy { $0 >= 0 && $0 < 256 })
    }

    @Test func badStateIsRefused() throws {
        let session = TorchSession()
        #expect(throws: PyExceptionObject.self) {
            _ = try session.run("import torch\ntorch.set_rng_state(torch.randn(4))\n")
        }
        #expect(throws: PyExceptionObject.self) {
            _ = try session.run("import torch\ntorch.set_rng_state(torch.randint(0, 9, (4,)))\n")
        }
    }

    @Test func inPlaceFillsUseTheGivenGenerator() throws {
        let session = TorchSession()
        let m = try session.run("""
        import torch
        g = torch.Generator().manual_seed(0)
        t = torch.randn(6)
        same = t.uniform_(-2, 3, generator=g) is t
        torch.manual_seed(0)
        seed = torch.randint(0, 1, (1,)).random_()
        """)
        #expect(isTrue(TorchSession.value(m, "same")))
        let t = try #require(TorchSession.tensor(m, "t"))
        // rng.json: seed 0, torch.empty(6).uniform_(-2, 3)
        #expect(t.doubleValues() == [0.48128294944763184, 1.841109037399292, -1.5576128959655762,
                                     -1.3398475646972656, -0.46288591623306274, 1.170393466949463])
        let draw = try #require(TorchSession.tensor(m, "seed"))
        let expected = Generator(seed: 0)
        _ = try expected.randint(low: 0, high: 1, count: 1)
        #expect(draw.int64Values() == [expected.randomInt64()])
    }

    @Test func dropoutScalesKeptElements() throws {
        let session = TorchSession()
        let m = try session.run("""
        import torch
        torch.manual_seed(0)
        x = torch.rand(64, requires_grad=True)
        y = torch.dropout(x, 0.25, True)
        name = type(y.grad_fn).__name__
        same = torch.dropout(x, 0.25, False) is x
        """)
        #expect(try session.interp.str(TorchSession.value(m, "name")) == "MulBackward0")
        let x = try #require(TorchSession.tensor(m, "x")).doubleValues()
        let y = try #require(TorchSession.tensor(m, "y")).doubleValues()
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
        let session = TorchSession()
        let m = try session.run("""
        import torch
        w = torch.randn(2, 3)
        b = torch.randint(0, 9, (4,))
        torch.save({"model": {"w": w}, "step": 7, "lr": 0.125, "names": ["a", None, (1, True)], "b": b}, \(try session.interp.repr(.str(path))))
        back = torch.load(\(try session.interp.repr(.str(path))))
        step = back["step"]
        lr = back["lr"]
        names = repr(back["names"])
        w2 = back["model"]["w"]
        b2 = back["b"]
        """)
        #expect(try session.interp.repr(TorchSession.value(m, "step")) == "7")
        #expect(try session.interp.repr(TorchSession.value(m, "lr")) == "0.125")
        #expect(try session.interp.str(TorchSession.value(m, "names")) == "['a', None, (1, True)]")
        #expect(TorchSession.tensor(m, "w2")?.doubleValues() == TorchSession.tensor(m, "w")?.doubleValues())
        #expect(TorchSession.tensor(m, "w2")?.shape == [2, 3])
        #expect(TorchSession.tensor(m, "b2")?.int64Values() == TorchSession.tensor(m, "b")?.int64Values())
    }

    @Test func stateDictsArePlainSafetensorsFiles() throws {
        let path = scratch("sd.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let session = TorchSession()
        _ = try session.run("""
        import torch
        torch.save({"fc.weight": torch.randn(3, 2), "fc.bias": torch.randn(3)}, \(try session.interp.repr(.str(path))))
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
        let session = TorchSession()
        let m = try session.run("""
        import torch
        messages = []
        try:
            torch.load("/nonexistent/gradstep/x.pt")
        except FileNotFoundError as e:
            messages.append(str(e))
        try:
            torch.load(\(try session.interp.repr(.str(path))))
        except RuntimeError as e:
            messages.append(str(e))
        """)
        let messages = try session.interp.toArray(TorchSession.value(m, "messages")).map { try session.interp.str($0) }
        #expect(messages.count == 2)
        #expect(messages.first == "[Errno 2] No such file or directory: '/nonexistent/gradstep/x.pt'")
        #expect(messages.last == SafetensorsError.fileTooSmall(byteCount: 3).description)
    }
}
