// A tiny native module over the Autograd engine, so backward stepping can be tested
// without the torch bindings: leaf tensors, one loss with fan-in, and backward.
import Autograd
import MiniPy
import Torch
@testable import Debugger

enum EngineDemo {
    struct DemoError: Error {}

    /// Registers the `engine` module.
    static func install(_ interp: Interpreter) {
        interp.registerNativeModule("engine") { _ in
            let m = PyModule(name: "engine")
            m.define("leaf") { interp, args, _ in
                let t = try Tensor.from(try numbers(interp, args))
                try t.setRequiresGrad(true)
                return wrap(t)
            }
            m.define("tensor") { interp, args, _ in
                wrap(try Tensor.from(try numbers(interp, args)))
            }
            // (w * x + w * w).sum(): w reaches the loss along two branches.
            m.define("fanin_loss") { _, args, _ in
                guard args.count == 2, let w = tensorValue(args[0]), let x = tensorValue(args[1]) else { throw DemoError() }
                return wrap(try w.mul(x).add(w.mul(w)).sum())
            }
            m.define("backward") { _, args, _ in
                guard let t = args.first.flatMap(tensorValue) else { throw DemoError() }
                try t.backward()
                return .none
            }
            m.define("grad") { _, args, _ in
                guard let t = args.first.flatMap(tensorValue) else { throw DemoError() }
                return wrap(t.grad)
            }
            return m
        }
    }

    private static func numbers(_ interp: Interpreter, _ args: [Value]) throws -> [Double] {
        guard let first = args.first else { throw DemoError() }
        return try interp.toArray(first).map { v in
            switch v {
            case .int(let i): return Double(i)
            case .float(let d): return d
            default: throw DemoError()
            }
        }
    }
}
