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
struct TorchProgram {
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
        let program = TorchProgram()
        let m = try program.run("""
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
            inference_flag = torch.is_inference_mode_enabled()
        inference_after = torch.is_inference_mode_enabled()
        """)
        #expect(isTrue(TorchProgram.value(m, "inference_flag")))
        #expect(!isTrue(TorchProgram.value(m, "inference_after")))
        #expect(isTrue(TorchProgram.value(m, "after_with")))
        #expect(isTrue(TorchProgram.value(m, "after_decorator")))
        #expect(!isTrue(TorchProgram.value(m, "inside_value")))
        #expect(!isTrue(TorchProgram.value(m, "nested_value")))
        #expect(!isTrue(TorchProgram.value(m, "set_inside")))
        #expect(isTrue(TorchProgram.value(m, "set_after")))
        #expect(!isTrue(TorchProgram.value(m, "plain_call")))
        #expect(!isTrue(TorchProgram.value(m, "inference_inside")))
        #expect(GradMode.isEnabled)
    }

    @Test func gradFnObjectsKeepTheirIdentityAndNames() throws {
        let program = TorchProgram()
        let m = try program.run("""
        import torch
        x = torch.randn(3, requires_grad=True)
        def inspect(y):
            node = y.grad_fn
            first = node.next_functions[0][0]
            return (y.grad_fn is y.grad_fn, type(node).__name__, node.name(), first.name(),
                    first.variable is x, repr(node), y.is_leaf, x.is_leaf, x.grad_fn is None)
        """)
        let x = try #require(TorchProgram.tensor(m, "x"))
        let y = try x.mul(x)
        let result = try program.interp.toArray(try program.interp.call(TorchProgram.value(m, "inspect"), [wrap(y)]))
        #expect(isTrue(result[0]))
        #expect(try program.interp.str(result[1]) == "MulBackward0")
        #expect(try program.interp.str(result[2]) == "MulBackward0")
        #expect(try program.interp.str(result[3]) == "AccumulateGrad")
        #expect(isTrue(result[4]))
        #expect(try program.interp.str(result[5]).hasPrefix("<MulBackward0 object at 0x"))
        #expect(!isTrue(result[6]))
        #expect(isTrue(result[7]) && isTrue(result[8]))
    }

    @Test func hooksRunInPyTorchOrder() throws {
        let program = TorchProgram()
        let m = try program.run("""
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
        let x = try #require(TorchProgram.tensor(m, "x"))
        let y = try x.mul(x)
        _ = try program.interp.call(TorchProgram.value(m, "arm"), [wrap(y)])
        try y.sum().backward()
        let order = try program.interp.toArray(TorchProgram.value(m, "order")).map { try program.interp.str($0) }
        #expect(order == ["tensor 1", "tensor 2", "node pre", "node post", "leaf", "after accumulate"])
        let expected = x.doubleValues().map { 2 * $0 }
        #expect(x.grad?.doubleValues() == expected)
        #expect(y.grad?.doubleValues() == [1, 1, 1, 1])
    }

    @Test func hookReplacesTheGradientAndGradIsCached() throws {
        let program = TorchProgram()
        let m = try program.run("""
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
        let w = try #require(TorchProgram.tensor(m, "w"))
        let replacement = try #require(TorchProgram.tensor(m, "replacement"))
        try w.sum().backward()
        #expect(w.grad?.doubleValues() == replacement.doubleValues())
        #expect(isTrue(try program.interp.call(TorchProgram.value(m, "same_grad_object"), [])))
        #expect(isTrue(try program.interp.call(TorchProgram.value(m, "clear"), [])))
        #expect(w.grad == nil)
    }

    @Test func customFunctionRunsItsPythonBackward() throws {
        let program = TorchProgram()
        let m = try program.run("""
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
        #expect(try program.interp.str(TorchProgram.value(m, "name")) == "ScaleBackward")
        #expect(isTrue(TorchProgram.value(m, "recording")))
        #expect(isTrue(TorchProgram.value(m, "same_class")))
        let x = try #require(TorchProgram.tensor(m, "x"))
        let out = try #require(TorchProgram.tensor(m, "out"))
        try out.sum().backward()
        #expect(x.grad?.doubleValues() == [1, 1, 1])
        let calls = try program.interp.toArray(TorchProgram.value(m, "calls"))
        #expect(calls.count == 2)
        #expect(try program.interp.repr(calls[0]) == "(True, False)")
    }

    @Test func requiresGradErrorsReadAsPyTorch() throws {
        let program = TorchProgram()
        let m = try program.run("""
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
        let messages = try program.interp.toArray(TorchProgram.value(m, "messages")).map { try program.interp.str($0) }
        #expect(messages == ["only Tensors of floating point and complex dtype can require gradients",
                             "cannot register a hook on a tensor that doesn't require gradient"])
    }

    @Test func parameterAttributesGoThroughTheTensorProperties() throws {
        let program = TorchProgram()
        let m = try program.run("""
        import torch
        p = torch.nn.Parameter(torch.randn(3))
        p.requires_grad = False
        frozen = p.requires_grad
        p.requires_grad_()
        p.grad = torch.randn(3)
        had_grad = p.grad is not None and p.grad is p.grad
        p.grad = None
        in_dict = "grad" in p.__dict__ or "requires_grad" in p.__dict__
        """)
        #expect(!isTrue(TorchProgram.value(m, "frozen")))
        #expect(isTrue(TorchProgram.value(m, "had_grad")))
        #expect(!isTrue(TorchProgram.value(m, "in_dict")))
        let p = try #require(TorchProgram.tensor(m, "p"))
        #expect(p.grad == nil)
        #expect(p.requiresGrad)
    }

    @Test func autogradGradLeavesDotGradAlone() throws {
        let program = TorchProgram()
        let m = try program.run("""
        import torch
        x = torch.randn(5, requires_grad=True)
        def gradients(z):
            (g,) = torch.autograd.grad(z, x)
            return g, x.grad is None
        def unused(z, other):
            return torch.autograd.grad(z, [x, other], retain_graph=True, allow_unused=True)
        """)
        let x = try #require(TorchProgram.tensor(m, "x"))
        let z = try x.mul(x).sum()
        let result = try program.interp.toArray(try program.interp.call(TorchProgram.value(m, "gradients"), [wrap(z)]))
        #expect(asTensor(result[0])?.doubleValues() == x.doubleValues().map { 2 * $0 })
        #expect(isTrue(result[1]))
        let other = try Tensor.zeros([2])
        try other.setRequiresGrad(true)
        let z2 = try x.mul(x).sum()
        let pair = try program.interp.toArray(try program.interp.call(TorchProgram.value(m, "unused"), [wrap(z2), wrap(other)]))
        #expect(pair.count == 2 && pair[1].isNone)
    }

    @Test func gradcheckAcceptsRightAndRejectsWrongGradients() throws {
        let program = TorchProgram()
        let m = try program.run("""
        import torch
        class Identity(torch.autograd.Function):
            @staticmethod
            def forward(ctx, t):
                return t.detach()
            @staticmethod
            def backward(ctx, g):
                return g
        class Wrong(torch.autograd.Function):
            @staticmethod
            def forward(ctx, t):
                return t.detach()
            @staticmethod
            def backward(ctx, g):
                return torch.rand_like(g)
        t = torch.randn(3, dtype=torch.float64, requires_grad=True)
        good = torch.autograd.gradcheck(lambda a: Identity.apply(a), (t,))
        try:
            torch.autograd.gradcheck(lambda a: Wrong.apply(a), (t,))
            message = "no error"
        except torch.autograd.GradcheckError as e:
            message = str(e)
        quiet = torch.autograd.gradcheck(lambda a: Wrong.apply(a), (t,), raise_exception=False)
        is_runtime_error = issubclass(torch.autograd.GradcheckError, RuntimeError)
        """)
        #expect(isTrue(TorchProgram.value(m, "good")))
        #expect(try program.interp.str(TorchProgram.value(m, "message"))
            .hasPrefix("Jacobian mismatch for output 0 with respect to input 0,\nnumerical:"))
        #expect(!isTrue(TorchProgram.value(m, "quiet")))
        #expect(isTrue(TorchProgram.value(m, "is_runtime_error")))
    }

    @Test func graphNodeTypeVariableAndVersions() throws {
        let program = TorchProgram()
        let m = try program.run("""
        import torch
        x = torch.randn(3, requires_grad=True)
        v = torch.autograd.Variable(x)
        w = torch.autograd.Variable(x, requires_grad=True)
        flags = (v.requires_grad, w.requires_grad, w.is_leaf, w is x)
        before = x._version
        torch.autograd.graph.increment_version(x)
        after = x._version
        def node_check(y):
            return isinstance(y.grad_fn, torch.autograd.graph.Node)
        """)
        #expect(try program.interp.repr(TorchProgram.value(m, "flags")) == "(False, True, True, False)")
        #expect(try program.interp.repr(TorchProgram.value(m, "before")) == "0")
        #expect(try program.interp.repr(TorchProgram.value(m, "after")) == "1")
        let x = try #require(TorchProgram.tensor(m, "x"))
        #expect(isTrue(try program.interp.call(TorchProgram.value(m, "node_check"), [wrap(try x.mul(x))])))
    }
}
