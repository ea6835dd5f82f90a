import Foundation
import Testing
@testable import Autograd

/// One case of `Fixtures/repr_extra.json`: a random tensor (its exact values, written as
/// Python's `repr` of each float) and PyTorch's `repr` of it. The cases vary rank, size
/// (including summarised ones), magnitude, dtype, non-finite values and `requires_grad`.
struct ReprExtraCase: Decodable, Sendable, CustomTestStringConvertible {
    let index: Int
    let shape: [Int]
    let dtype: String
    let data: TensorPrintData.Elements
    let requiresGrad: Bool
    let repr: String

    var testDescription: String { "case \(index): \(dtype) \(shape)" }

    private enum Keys: String, CodingKey {
        case shape, dtype, values, repr
        case requiresGrad = "requires_grad"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        index = 0
        shape = try container.decode([Int].self, forKey: .shape)
        dtype = try container.decode(String.self, forKey: .dtype)
        repr = try container.decode(String.self, forKey: .repr)
        requiresGrad = try container.decode(Bool.self, forKey: .requiresGrad)
        switch dtype {
        case "float32", "float64":
            let texts = try container.decode([String].self, forKey: .values)
            data = .floats(texts.map { Double($0) ?? .nan })
        case "bool":
            data = .bools(try container.decode([Bool].self, forKey: .values))
        default:
            data = .ints(try container.decode([Int64].self, forKey: .values))
        }
    }

    private init(copying other: ReprExtraCase, index: Int) {
        self.index = index
        shape = other.shape
        dtype = other.dtype
        data = other.data
        requiresGrad = other.requiresGrad
        repr = other.repr
    }

    func numbered(_ index: Int) -> ReprExtraCase {
        ReprExtraCase(copying: self, index: index)
    }
}

private struct ReprExtraFile: Decodable {
    let cases: [ReprExtraCase]
}

func loadExtraReprCases() -> [ReprExtraCase] {
    guard let url = Bundle.module.url(forResource: "repr_extra", withExtension: "json", subdirectory: "Fixtures"),
          let data = try? Data(contentsOf: url),
          let file = try? JSONDecoder().decode(ReprExtraFile.self, from: data)
    else { return [] }
    return file.cases.enumerated().map { $0.element.numbered($0.offset) }
}

@Test func extraReprFixtureLoads() {
    #expect(loadExtraReprCases().count == 160)
}

@Test(arguments: loadExtraReprCases())
func extraReprMatchesPyTorch(_ fixture: ReprExtraCase) throws {
    let dtype = try #require(DType(rawValue: fixture.dtype))
    let data = TensorPrintData(shape: fixture.shape, dtype: dtype, elements: fixture.data,
                               requiresGrad: fixture.requiresGrad)
    #expect(TensorFormatter.repr(data) == fixture.repr)
}
