import Foundation
import Testing
@testable import MiniPy

/// Interpreters on different threads share the builtin types: classes deriving from them are
/// made and freed concurrently (the debugger frees a finished run while the next starts).
struct ConcurrentInterpreterTests {
    @Test func classesOfBuiltinBasesComeAndGoOnManyThreads() async {
        let source = """
            class Plain:
                pass
            class Failure(Exception):
                pass
            class Named(ValueError):
                @property
                def code(self):
                    return 3
            for i in range(20):
                class Local(Plain):
                    pass
                Local.extra = i
            try:
                raise Failure("x")
            except Exception as e:
                print(type(e).__name__, Named().code, Local.extra)
            """
        let outputs = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<6 {
                group.addTask {
                    var seen: [String] = []
                    for _ in 0..<40 {
                        let out = CapturedOutput()
                        Interpreter.runOnLargeStack {
                            let interp = Interpreter(stdout: out, stderr: CapturedOutput())
                            _ = interp.runMain(source: source, file: "<test>")
                        }
                        seen.append(out.text)
                    }
                    return seen
                }
            }
            var all: [String] = []
            for await part in group { all += part }
            return all
        }
        #expect(outputs.count == 240)
        #expect(Set(outputs) == ["Failure 3 19\n"])
    }
}
