import Testing
@testable import MiniPy

struct EmbeddingTests {
    /// Native modules, native types with operators, and Python subclasses of native types.
    @Test func nativeModuleAndType() {
        let source = """
            import counters
            c = counters.Counter(5)
            d = c + 3
            print(c, d, d.value, len(d))
            class Named(counters.Counter):
                def __init__(self, start, name):
                    super().__init__(start)
                    self.name = name
                def label(self):
                    return f"{self.name}={self.value}"
            n = Named(2, "n")
            print(n.label(), isinstance(n, counters.Counter), (n + 1).value, counters.double(21))
            try:
                counters.double()
            except TypeError as e:
                print(e)
            """
        let out: String = Interpreter.runOnLargeStack {
            let captured = CapturedOutput(), err = CapturedOutput()
            let interp = Interpreter(stdout: captured, stderr: err)
            interp.registerNativeModule("counters") { _ in
                final class CounterObject: PyObject {
                    var value = 0
                }
                let m = PyModule(name: "counters")
                let t = PyType(name: "Counter", base: BuiltinTypes.object, module: "counters") { _, cls, args, _ in
                    let o = CounterObject(type: cls)
                    o.value = try args.first?.expectInt() ?? 0
                    return .object(o)
                }
                t.define("__init__") { _, args, _ in
                    if case .object(let o as CounterObject) = args[0], args.count > 1 { o.value = try args[1].expectInt() }
                    return .none
                }
                t.define("__add__") { _, args, _ in
                    guard case .object(let o as CounterObject) = args[0] else { return .notImplemented }
                    let r = CounterObject(type: o.type)
                    r.value = o.value + (try args[1].expectInt())
                    return .object(r)
                }
                t.define("__len__") { _, args, _ in
                    guard case .object(let o as CounterObject) = args[0] else { return .int(0) }
                    return .int(o.value)
                }
                t.define("__repr__") { _, args, _ in
                    guard case .object(let o as CounterObject) = args[0] else { return .str("?") }
                    return .str("Counter(\(o.value))")
                }
                t.defineProperty("value") { _, v in
                    guard case .object(let o as CounterObject) = v else { return .none }
                    return .int(o.value)
                }
                m["Counter"] = .object(t)
                m.define("double") { _, args, kwargs in
                    let a = try NativeArguments("double", args, kwargs, names: ["x"], required: 1)
                    return .int(try (a[0] ?? .none).expectInt() * 2)
                }
                return m
            }
            _ = interp.runMain(source: source, file: "embed.py")
            return captured.text + err.text
        }
        #expect(out == "Counter(5) Counter(8) 8 8\nn=2 True 3 42\ndouble() missing required argument 'x' (pos 1)\n")
    }

    /// Bundled Python packages import lazily, and their frames show the bundled path.
    @Test func bundledPackages() {
        let out: String = Interpreter.runOnLargeStack {
            let captured = CapturedOutput(), err = CapturedOutput()
            let interp = Interpreter(stdout: captured, stderr: err)
            interp.registerBundledModule(moduleName: "lib", path: "lib/__init__.py", source: "from .core import twice\nVERSION = '1'\n")
            interp.registerBundledModule(moduleName: "lib.core", path: "lib/core.py",
                                         source: "def twice(x):\n    if x < 0:\n        raise ValueError('negative')\n    return 2 * x\n")
            _ = interp.runMain(source: "import lib\nimport lib.core as c\nprint(lib.twice(4), lib.VERSION, c.twice(1))\nlib.twice(-1)\n", file: "main.py")
            return captured.text + err.text
        }
        #expect(out == """
            8 1 2
            Traceback (most recent call last):
              File "main.py", line 4, in <module>
                lib.twice(-1)
              File "lib/core.py", line 3, in twice
                raise ValueError('negative')
            ValueError: negative

            """)
    }

    /// Deep recursion ends in RecursionError, not a crash.
    @Test func recursionLimit() {
        let result = runCaptured("def f(n):\n    return f(n + 1)\nf(0)\n", file: "r.py")
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("  [Previous line repeated 996 more times]\nRecursionError: maximum recursion depth exceeded\n"))
    }
}
