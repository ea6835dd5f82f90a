import Foundation
import Testing
@testable import Autograd

/// One case of `Fixtures/repr.json`: a Python expression and what PyTorch's `repr`/`str`
/// printed for its value.
struct ReprCase: Decodable, Sendable, CustomTestStringConvertible {
    let expr: String
    let repr: String
    let str: String

    var testDescription: String { expr }
}

private struct ReprFile: Decodable {
    let cases: [ReprCase]
}

func loadReprCases() -> [ReprCase] {
    guard let url = Bundle.module.url(forResource: "repr", withExtension: "json", subdirectory: "Fixtures"),
          let data = try? Data(contentsOf: url),
          let file = try? JSONDecoder().decode(ReprFile.self, from: data)
    else { return [] }
    return file.cases
}

@Test func reprFixtureHasAllCases() {
    #expect(loadReprCases().count == 42)
}

@Test(arguments: loadReprCases())
func reprMatchesPyTorch(_ fixture: ReprCase) throws {
    let generator = ReprInputs.generator(before: fixture.expr)
    let value = try #require(ReprInputs.value(of: fixture.expr, generator: generator),
                             "no builder for \(fixture.expr)")
    let printed: (repr: String, str: String)
    switch value {
    case .tensor(let data):
        printed = (TensorFormatter.repr(data), TensorFormatter.str(data))
    case .size(let shape):
        printed = (TensorFormatter.sizeRepr(shape), TensorFormatter.sizeRepr(shape))
    case .dtype(let dtype):
        printed = (TensorFormatter.dtypeRepr(dtype), TensorFormatter.dtypeRepr(dtype))
    }
    #expect(printed.repr == fixture.repr)
    #expect(printed.str == fixture.str)
}

/// A printable value the fixture's expressions evaluate to.
enum ReprValue {
    case tensor(TensorPrintData)
    case size([Int])
    case dtype(DType)
}

/// Builds each fixture expression's value the way PyTorch computes it.
enum ReprInputs {
    /// The random expressions run in file order in one process after `torch.manual_seed(0)`,
    /// so each sees the generator after the draws of the ones before it.
    static func generator(before expr: String) -> Generator {
        let generator = Generator(seed: 0)
        let randomExprs = loadReprCases().map(\.expr).filter { $0.hasPrefix("torch.randn(") }
        for earlier in randomExprs.prefix(while: { $0 != expr }) {
            _ = randn(shapeOf(earlier), generator)
        }
        return generator
    }

    static func value(of expr: String, generator: Generator) -> ReprValue? {
        switch expr {
        case "torch.tensor(3.0)": return .tensor(f32([3.0], []))
        case "torch.tensor(-0.5)": return .tensor(f32([-0.5], []))
        case "torch.tensor(7)": return .tensor(i64([7], []))
        case "torch.tensor(True)": return .tensor(bools([true], []))
        case "torch.tensor([1.0, 2.0, 3.0])": return .tensor(f32([1, 2, 3], [3]))
        case "torch.tensor([1.5, -2.25, 3.0])": return .tensor(f32([1.5, -2.25, 3], [3]))
        case "torch.tensor([1, -20, 300])": return .tensor(i64([1, -20, 300], [3]))
        case "torch.tensor([[1.0, 2.0], [3.0, 4.0]])": return .tensor(f32([1, 2, 3, 4], [2, 2]))
        case "torch.tensor([0.1, 0.02, 0.003])": return .tensor(f32([0.1, 0.02, 0.003], [3]))
        case "torch.tensor([1e-5, 1.0, 2.0])": return .tensor(f32([1e-5, 1, 2], [3]))
        case "torch.tensor([12345.678, 1.0])": return .tensor(f32([12345.678, 1], [2]))
        case "torch.tensor([1e8, 1.0])": return .tensor(f32([1e8, 1], [2]))
        case "torch.tensor([1.0, float('inf'), float('nan')])":
            return .tensor(f32([1, .infinity, .nan], [3]))
        case "torch.tensor([-0.0, 0.0])": return .tensor(f32([-0.0, 0.0], [2]))
        case "torch.tensor([True, False])": return .tensor(bools([true, false], [2]))
        case "torch.zeros(2, 3)": return .tensor(f32(Array(repeating: 0, count: 6), [2, 3]))
        case "torch.ones(2, 2, 2)": return .tensor(f32(Array(repeating: 1, count: 8), [2, 2, 2]))
        case "torch.arange(6)": return .tensor(i64((0..<6).map { Int64($0) }, [6]))
        case "torch.arange(0.0, 1.0, 0.25)": return .tensor(f32(arange(0, 1, 0.25), [4]))
        case "torch.linspace(-1, 1, 5)": return .tensor(f32(linspace(-1, 1, 5), [5]))
        case "torch.eye(3)": return .tensor(f32((0..<9).map { $0 % 4 == 0 ? 1 : 0 }, [3, 3]))
        case "torch.tensor([1.0, 2.0], dtype=torch.float64)":
            return .tensor(TensorPrintData(shape: [2], dtype: .float64, elements: .floats([1, 2])))
        case "torch.tensor([1.0, 2.0], requires_grad=True)":
            var data = f32([1, 2], [2])
            data.requiresGrad = true
            return .tensor(data)
        case "torch.tensor([1.0, 2.0], requires_grad=True) * 2":
            var data = f32([2, 4], [2])
            data.requiresGrad = true
            data.gradFnName = "MulBackward0"
            return .tensor(data)
        case "torch.tensor([[1.0, 2.0]], requires_grad=True).sum()":
            var data = f32([3], [])
            data.requiresGrad = true
            data.gradFnName = "SumBackward0"
            return .tensor(data)
        case "nn.Parameter(torch.tensor([0.5, -0.5]))":
            var data = f32([0.5, -0.5], [2])
            data.requiresGrad = true
            data.isParameter = true
            return .tensor(data)
        case "torch.arange(2000).float()": return .tensor(f32((0..<2000).map { Double($0) }, [2000]))
        case "torch.tensor([])": return .tensor(f32([], [0]))
        case "torch.zeros(0, 3)": return .tensor(f32([], [0, 3]))
        case "torch.tensor([[0.0001, 100.0]])": return .tensor(f32([0.0001, 100], [1, 2]))
        case "torch.tensor([123456789.0])": return .tensor(f32([123_456_789], [1]))
        case "torch.tensor([0.5], dtype=torch.float64) * 3":
            return .tensor(TensorPrintData(shape: [1], dtype: .float64, elements: .floats([1.5])))
        case "torch.tensor([2, 3]).float().mean()": return .tensor(f32([2.5], []))
        case "torch.tensor([3.0]).long()": return .tensor(i64([3], [1]))
        case "torch.tensor([[1, 2], [3, 4]]) > 2": return .tensor(bools([false, false, true, true], [2, 2]))
        case "torch.Size([2, 3])": return .size([2, 3])
        case "torch.float32": return .dtype(.float32)
        case "torch.int64": return .dtype(.int64)
        case "torch.tensor([1.0, 2.0]).shape": return .size([2])
        default:
            if expr.hasPrefix("torch.randn(") {
                let shape = shapeOf(expr)
                return .tensor(f32(randn(shape, generator).map { Double($0) }, shape))
            }
            return nil
        }
    }

    /// A float32 tensor: values are rounded to float32 and widened back, as PyTorch stores them.
    static func f32(_ values: [Double], _ shape: [Int]) -> TensorPrintData {
        TensorPrintData(shape: shape, dtype: .float32, elements: .floats(values.map { Double(Float($0)) }))
    }

    static func i64(_ values: [Int64], _ shape: [Int]) -> TensorPrintData {
        TensorPrintData(shape: shape, dtype: .int64, elements: .ints(values))
    }

    static func bools(_ values: [Bool], _ shape: [Int]) -> TensorPrintData {
        TensorPrintData(shape: shape, dtype: .bool, elements: .bools(values))
    }

    /// The sizes in `torch.randn(a, b, ...)`.
    static func shapeOf(_ expr: String) -> [Int] {
        let inner = expr.drop(while: { $0 != "(" }).dropFirst().prefix(while: { $0 != ")" })
        return inner.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    static func randn(_ shape: [Int], _ generator: Generator) -> [Float] {
        var values = [Float](repeating: 0, count: shape.reduce(1, *))
        values.withUnsafeMutableBufferPointer { generator.fillNormal($0) }
        return values
    }

    /// `torch.arange(start, end, step)` in float32: `start + i * step`, with the length
    /// `ceil((end - start) / step)` computed in double.
    static func arange(_ start: Double, _ end: Double, _ step: Double) -> [Double] {
        let count = Int(((end - start) / step).rounded(.up))
        return (0..<count).map { Double(Float(start) + Float($0) * Float(step)) }
    }

    /// `torch.linspace` in float32: the first half steps up from `start`, the second half
    /// steps down from `end`, so both ends are exact.
    static func linspace(_ start: Double, _ end: Double, _ steps: Int) -> [Double] {
        let low = Float(start)
        let high = Float(end)
        let step = (high - low) / Float(steps - 1)
        let halfway = steps / 2
        return (0..<steps).map { index in
            index < halfway ? Double(low + step * Float(index))
                : Double(high - step * Float(steps - index - 1))
        }
    }
}
