import Testing
@testable import MiniPy

/// A lesson-shaped program touching most of the grammar.
let robustnessSample = """
import torch
import torch.nn as nn
from collections import OrderedDict as OD


class Net(nn.Module):
    \"\"\"A small network.\"\"\"

    def __init__(self, sizes=(2, 3), *, bias=True, **extra):
        super().__init__()
        self.layers = [nn.Linear(a, b, bias=bias) for a, b in zip(sizes, sizes[1:])]

    @property
    def depth(self) -> int:
        return len(self.layers)

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = layer(x) if i % 2 == 0 else -layer(x) ** 2
        return x


def train(model, data, epochs=3):
    global step
    total = 0.0
    try:
        for epoch in range(epochs):
            for xb, yb in data:
                loss = ((model(xb) - yb) ** 2).mean()
                loss.backward()
                total += loss.item()
            print(f"epoch {epoch:>3}: loss={total / (epoch + 1):.4f} {total=}", end="\\n")
    except (ValueError, KeyError) as err:
        raise RuntimeError("bad") from err
    finally:
        step = {k: v for k, v in OD(a=1).items() if v}
    assert total >= 0, 'negative'
    with torch.no_grad(), open("log.txt", "w") as f:
        f.write('x\\ty' r'\\d' + str(t[:, 0]))
    while total > 1 and not False: total /= 2; del total
    lam = lambda a, b=2: a @ b
    return {**step, 'n': [*range(3)], 's': {1, 2}}


if __name__ == "__main__":
    train(Net(), [])
"""

struct SyntaxRobustnessTests {
    @Test func sampleParses() throws {
        let module = try PythonParser.parse(source: robustnessSample, file: "lesson.py")
        #expect(module.body.count == 6)
    }

    /// Prefixes and single-byte deletions of the sample (every third position) either parse or
    /// throw a `SyntaxErrorInfo`; nothing traps.
    @Test func damagedSourcesNeverTrap() {
        let bytes = Array(robustnessSample.utf8)
        var failures = 0
        for cut in stride(from: 0, through: bytes.count, by: 3) {
            for variant in [Array(bytes[0..<cut]), Array(bytes[0..<cut] + bytes[min(cut + 1, bytes.count)...])] {
                let text = String(decoding: variant, as: UTF8.self)
                do {
                    _ = try PythonParser.parse(source: text, file: "lesson.py")
                } catch is SyntaxErrorInfo {
                    continue
                } catch {
                    failures += 1
                }
            }
        }
        #expect(failures == 0)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        #expect(throws: SyntaxErrorInfo.self) {
            try PythonParser.parse(source: String(repeating: "-", count: 100_000) + "1\n", file: "f.py")
        }
        #expect(throws: SyntaxErrorInfo.self) {
            try PythonParser.parse(source: String(repeating: "(", count: 201) + String(repeating: ")", count: 201), file: "f.py")
        }
        var nestedBlocks = ""
        for level in 0..<101 {
            nestedBlocks += String(repeating: " ", count: level) + "if x:\n"
        }
        nestedBlocks += String(repeating: " ", count: 101) + "pass\n"
        do {
            _ = try PythonParser.parse(source: nestedBlocks, file: "f.py")
            Issue.record("expected an IndentationError")
        } catch let error as SyntaxErrorInfo {
            #expect(error.kind == .indentationError)
            #expect(error.message == "too many levels of indentation")
            #expect(error.line == 101)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func acceptsCPythonLimits() throws {
        _ = try PythonParser.parse(source: String(repeating: "(", count: 200) + String(repeating: ")", count: 200), file: "f.py")
        _ = try PythonParser.parse(source: "x = " + String(repeating: "-", count: 500) + "1\n", file: "f.py")
        _ = try PythonParser.parse(source: "x = 1" + String(repeating: " + 1", count: 20_000) + "\n", file: "f.py")
    }

    @Test func handlesLineEndingsAndEncodingQuirks() throws {
        let windows = try PythonParser.parse(source: "if x:\r\n    y = 1\r\nz = 2\r\n", file: "f.py")
        #expect(ASTDump.dump(windows) == "if x\n  (= y 1)\n(= z 2)")
        let noFinalNewline = try PythonParser.parse(source: "def f():\n    return 1", file: "f.py")
        #expect(ASTDump.dump(noFinalNewline) == "def f()\n  return 1")
        let unicodeName = try PythonParser.parse(source: "λ = 1\nprint(λ)", file: "f.py")
        #expect(ASTDump.dump(unicodeName) == "(= λ 1)\n(call print λ)")
        let normalized = try PythonParser.parse(source: "\u{00B5} = 1\n", file: "f.py")
        #expect(ASTDump.dump(normalized) == "(= \u{03BC} 1)")
        let byteOrderMark = try PythonParser.parse(source: "\u{FEFF}x = 1\n", file: "f.py")
        #expect(ASTDump.dump(byteOrderMark) == "(= x 1)")
        do {
            _ = try PythonParser.parse(source: "x = 1\0\n", file: "f.py")
            Issue.record("expected an error for a null byte")
        } catch let error as SyntaxErrorInfo {
            #expect(error.message == "source code cannot contain null bytes")
        }
    }
}
