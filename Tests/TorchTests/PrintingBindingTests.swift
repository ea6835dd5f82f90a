// Printing from Python: every expression of repr.json evaluated by the interpreter with the
// torch bindings, its `repr()` and `str()` compared with what PyTorch printed.
import Foundation
import MiniPy
import Testing
@testable import Torch

/// One case of `Reference/repr.json`: a Python expression and PyTorch's `repr`/`str` of its value.
struct PrintedCase: Decodable, Sendable, CustomTestStringConvertible {
    let expr: String
    let repr: String
    let str: String

    var testDescription: String { expr }

    private struct File: Decodable {
        let cases: [PrintedCase]
    }

    /// The cases in file order (empty when the fixture is missing, which the count test reports).
    static let all: [PrintedCase] = {
        guard let url = Bundle.module.url(forResource: "repr", withExtension: "json", subdirectory: "Reference"),
              let data = try? Data(contentsOf: url),
              let file = try? JSONDecoder().decode(File.self, from: data)
        else { return [] }
        return file.cases
    }()
}

@Suite struct PrintingBindingTests {
    @Test func fixtureHasAllCases() {
        #expect(PrintedCase.all.count == 42)
    }

    /// PyTorch evaluated the expressions in file order in one process after
    /// `torch.manual_seed(0)`, so each program first evaluates the ones before it: the random
    /// ones among them move the generator as they did there.
    @Test(arguments: PrintedCase.all)
    func reprAndStrMatchPyTorch(_ fixture: PrintedCase) throws {
        let earlier = PrintedCase.all.prefix { $0.expr != fixture.expr }.map { "_ = \($0.expr)\n" }.joined()
        let program = TorchProgram()
        let module = try program.run("""
            import torch
            import torch.nn as nn
            torch.manual_seed(0)
            \(earlier)value = \(fixture.expr)
            printed_repr = repr(value)
            printed_str = str(value)
            """)
        let printedRepr = try program.interp.str(TorchProgram.value(module, "printed_repr"))
        let printedStr = try program.interp.str(TorchProgram.value(module, "printed_str"))
        #expect(printedRepr == fixture.repr)
        #expect(printedStr == fixture.str)
    }
}
