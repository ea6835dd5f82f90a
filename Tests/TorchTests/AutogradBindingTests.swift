// Autograd from Python: grad mode restoration, hook order, grad_fn identity, custom Functions.
//
// Python supplies the objects and the checks; where an operation is needed, the engine
// computes it in Swift on the tensors Python made, so these tests depend only on the
// autograd and random surface of the bindings.
import Autograd
import MiniPy
import Testing
@testable import Torch

/// An interpreter with `torch` installed.
struct TorchSession {
    let interp: Interpreter
    let output = CapturedOutput()

    init() {
        interp = Interpreter(stdout: output, stderr: output)
        TorchLibrary.install(into: interp)
    }

    /// Runs `source` as a module and returns its namespace.
    func run(_ source: String) throws -> PyModule {
        try interp.runModule(source: source, file: "<test>", name: "__main__")
    }

    /// The tensor a module global holds.
    static func tensor(_ module: PyModule, _ name: String) -> Tensor? {
        module.namespace[name].flatMap(asTensor)
    }

    /// A module global as a Python value.
    static func value(_ module: PyModule, _ name: String) -> Value {
        module.namespace[name] ?? .none
    }
}

/// True when a value is Python's `True`.
func isTrue(_ v: Value) -> Bool {
    if case .bool(true) = v { return true }
    return false
}

@Suite(.serialized) struct AutogradBindingTests {
    @Test func gradModeIsRestoredWhenExceptionsPass() throws {
        let session = TorchSession()
        let m = try session.run("""
        import torch
        def boom():
            with torch.no_grad():
                raise ValueError("inside with")
        try:
            boom()
        except ValueError:
            pass
        after_with = torch.is_grad_enabled()

        @torch.no_grad()
        def decorated():
            raise KeyError("inside decorated")
        try:
            decorated()
        except KeyError:
            pass
        after_decorator = torch.is_grad_enabled()

        @torch.no_grad()
        def inside():
            return torch.is_grad_enabled()
        inside_value = inside()

        with torch.no_grad():
            try:
                with torch.enable_grad():
                    raise RuntimeError("nested")
            except RuntimeError:
                pass
            nested_value = torch.is_grad_enabled()

        with torch.set_grad_enabled(False):
            set_inside = torch.is_grad_enabled()
        set_after = torch.is_grad_enabled()
        torch.set_grad_enabled(False)
        plain_call = torch.is_grad_enabled()
        torch.set_grad_enabled(True)
        with torch.inference_mode():
            inference_inside = torch.is_grad_enabled()
        """)
        #expect(isTrue(TorchSession.value(m, "after_with")))
        #expect(isTrue(TorchSession.value(m, "after_decorator")))
        #expect(!isTrue(TorchSession.value(m, "inside_value")))
        #expect(!isTrue(TorchSession.value(m, "nested_value")))
        #expect(!isTrue(TorchSession.value(m, "set_inside")))
        #expect(isTrue(TorchSession.value(m, "set_after")))
        #expect(!isTrue(TorchSession.value(m, "plain_call")))
        #expect(!isTrue(TorchSession.value(m, "inference_inside")))
        #expect(GradMode.isEnabled)
    }

    @Test func gradFnObjectsKeepTheirIdentityAndNames() throws {
        let session = TorchSession()
        let m = try session.run("""
        import torch
        x = torch.randn(3, requires_grad=True)
        def inspect(y):
            node = y.grad_fn
            first = node.next_functions[0][0]
            return (y.grad_fn is y.grad_fn, type(node).__name__, node.name(), first.name(),
                    first.variable is x, repr(node), y.is_leaf, x.is_leaf, x.grad_fn is None)
        """)
        let x = try #require(TorchSession.tensor(m, "x"))
        let y = try x.mul(x)
        let result = try session.interp.toArray(try session.interp.call(TorchSession.value(m, "inspect"), [wrap(y)]))
        #expect(isTrue(result[0]))
        #expect(try session.interp.str(result[1]) == "MulBackward0")
        #expect(try session.interp.str(result[2]) == "MulBackward0")
        #expect(try session.interp.str(result[3]) == "AccumulateGrad")
        #expect(isTrue(result[4]))
        #expect(try session.interp.str(result[5]).hasPrefix("<MulBackward0 object at 0x"))
        #expect(!isTrue(result[6]))
        #expect(isTrue(result[7]) && isTrue(result[8]))
    }

    @Test func hooksRunInPyTorchOrder() throws {
        let session = TorchSession()
        let m = try session.run("""
        import torch
        x = torch.randn(4, requires_grad=True)
        order = []
        def arm(y):
            y.register_hook(lambda g: order.append("tensor 1"))
            y.register_hook(lambda g: order.append("tensor 2"))
            x.register_hook(lambda g: order.append("leaf"))
            handle = x.register_hook(lambda g: order.append("removed"))
            handle.remove()
            y.grad_fn.register_prehook(lambda grads: order.append("node pre"))
            y.grad_fn.register_hook(lambda grad_inputs, grad_outputs: order.append("node post"))
            x.register_post_accumulate_grad_hook(lambda t: order.append("after accumulate"))
            y.retain_grad()
        """)
        let x = try #require(TorchSession.tensor(m, "x"))
        let y = try x.mul(x)
        _ = try session.interp.call(TorchSession.value(m, "arm"), [wrap(y)])
        try y.sum().backward()
        let order = try session.interp.toArray(TorchSession.value(m, "order")).map { try session.interp.str($0) }
        #expect(order == ["tensor 1", "tensor 2", "node pre", "node post", "leaf", "after accumulate"])
        let expected = x.doubleValues().map { 2 * $0 }
        #expect(x.grad?.doubleValues() == expected)
        #expect(y.grad?.doubleValues() == [1, 1, 1, 1])
    }

    @Test func hookReplacesTheGradientAndGradIsCached() throws {
        let session = TorchSession()
        let m = try session.run("""
        import torch
        w = torch.randn(3, requires_grad=True)
        replacement = torch.randn(3)
        w.register_hook(lambda g: replacement)
        def same_grad_object():
            return w.grad is w.grad
        def clear():
            w.grad = None
            return w.grad is None
        """)
        let w = try #require(TorchSession.tensor(m, "w"))
        let replacement = try #require(TorchSession.tensor(m, "replacement"))
        try w.sum().backward()
        #expect(w.grad?.doubleValues() == replacement.doubleValues())
        #expect(isTrue(try session.interp.call(TorchSession.value(m, "same_grad_object"), [])))
        #expect(isTrue(try session.interp.call(TorchSession.value(m, "clear"), [])))
        #expect(w.grad == nil)
    }

    @Test func customFunctionRunsItsPythonBackward() throws {
        let session = TorchSession()
        let m = try session.run("""
        import torch
        calls = []
        class Scale(torch.autograd.Function):
            @staticmethod
            def forward(ctx, inp, factor):
                ctx.save_for_backward(inp)
                ctx.factor = factor
                calls.append(ctx.needs_input_grad)
                return inp.detach()

            @staticmethod
            def backward(ctx, grad_output):
                (inp,) = ctx.saved_tensors
                calls.append("backward")
                return grad_output, None

        x = torch.randn(3, requires_grad=True)
        out = Scale.apply(x, 2.0)
        name = type(out.grad_fn).__name__
        recording = torch.is_grad_enabled()
        same_class = torch.autograd.function.Function is torch.autograd.Function
        """)
        #expect(try session.interp.str(TorchSession.value(m, "name")) == "ScaleBackward")
        #expect(isTrue(TorchSession.value(m, "recording")))
        #expect(isTrue(TorchSession.value(m, "same_class")))
        let x = try #require(TorchSession.tensor(m, "x"))
        let out = try #require(TorchSession.tensor(m, "out"))
        try out.sum().backward()
        #expect(x.grad?.doubleValues() == [1, 1, 1])
        let calls = try session.interp.toArray(TorchSession.value(m, "calls"))
        #expect(calls.count == 2)
        #expect(try session.interp.repr(calls[0]) == "(True, False)")
    }

    @Test func requiresGradErrorsReadAsPyTorch() throws {
        let session = TorchSession()
        let m = try session.run("""
        import torch
        messages = []
        i = torch.randint(0, 5, (3,))
        try:
            i.requires_grad = True
        except RuntimeError as e:
            messages.append(str(e))
        try:
            i.register_hook(lambda g: g)
        except RuntimeError as e:
            messages.append(str(e))
        """)
        let messages = try session.interp.toArray(TorchSession.value(m, "messages")).map { try session.interp.str($0) }
        #expect(messages == ["only Tensors of floating point and complex dtype can require gradients",
                             "cannot register a hook on a tensor that doesn't require gradient"])
    }
}
