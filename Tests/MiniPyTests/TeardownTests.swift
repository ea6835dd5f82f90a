import Testing
@testable import MiniPy

/// A finished program's objects are freed with its interpreter, cycles included.
struct TeardownTests {
    /// Weak references to the objects bound to `names` in `__main__` after running `source`,
    /// taken while the interpreter lives; the interpreter is gone when this returns.
    private func objectsAfterRun(_ source: String, names: [String]) -> [String: () -> PyObject?] {
        Interpreter.runOnLargeStack {
            final class WeakBox {
                weak var object: PyObject?
            }
            let interp = Interpreter(stdout: CapturedOutput(), stderr: CapturedOutput())
            _ = interp.runMain(source: source, file: "<test>")
            var result: [String: () -> PyObject?] = [:]
            for name in names {
                let box = WeakBox()
                if case .object(let o)? = interp.modules["__main__"]?[name] { box.object = o }
                let bound = box.object != nil
                #expect(bound, "\(name) was not bound to an object")
                result[name] = { box.object }
            }
            return result
        }
    }

    @Test func cyclesThroughGlobalsClassesClosuresAndInstancesAreFreed() {
        let source = """
            def helper(x):
                return x + 1
            def counter():
                count = 0
                def inc():
                    nonlocal count
                    count += 1
                    return count
                return inc
            inc = counter()
            inc(); inc()
            class Node:
                def __init__(self, parent=None):
                    super().__init__()
                    self.parent = parent
                    self.children = []
                    if parent is not None:
                        parent.children.append(self)
            root = Node()
            leaf = Node(root)
            OldNode = Node
            class Node(OldNode):
                def __init__(self):
                    super().__init__()
            newer = Node()
            del OldNode
            table = {"self": None}
            table["self"] = table
            helper(1); helper(2)
            import sys
            try:
                missing_name
            except NameError as e:
                caught = e
            """
        let objects = objectsAfterRun(source, names: ["helper", "inc", "Node", "root", "leaf", "newer", "table", "sys", "caught"])
        for (name, object) in objects.sorted(by: { $0.key < $1.key }) {
            // A Bool, not the object: a failing expectation would describe the whole graph.
            let alive = object() != nil
            #expect(!alive, "\(name) outlived its interpreter")
        }
    }

    @Test func builtinTypesSurviveTeardown() {
        _ = objectsAfterRun("x = [1, 2]\ny = {'a': x}\n", names: ["x", "y"])
        // Shared builtin types keep their methods for the next interpreter.
        let out: String = Interpreter.runOnLargeStack {
            let captured = CapturedOutput()
            let interp = Interpreter(stdout: captured, stderr: CapturedOutput())
            _ = interp.runMain(source: "print([3, 1, 2].index(2), {'a': 1}.get('a'))\n", file: "<test>")
            interp.flushOutput()
            return captured.text
        }
        #expect(out == "2 1\n")
    }
}
