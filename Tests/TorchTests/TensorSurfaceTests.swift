// The tensor surface seen from Python: conversions, indexing edge cases, operators and the
// errors PyTorch raises. Each program checks itself with asserts or prints what is compared.
import MiniPy
import Testing
@testable import Torch

/// Runs `source` with torch available; returns what it printed.
func runTorchProgram(_ source: String) throws -> String {
    let out = CapturedOutput()
    let interp = Interpreter(stdout: out, stderr: CapturedOutput())
    TorchLibrary.install(into: interp)
    _ = try interp.runModule(source: "import torch\n" + source, file: "<test>")
    return out.text
}

/// Runs `source` and returns the exception it ends with as `Type: message` (nil if none).
func torchProgramError(_ source: String) -> String? {
    let interp = Interpreter(stdout: CapturedOutput(), stderr: CapturedOutput())
    TorchLibrary.install(into: interp)
    do {
        _ = try interp.runModule(source: "import torch\n" + source, file: "<test>")
        return nil
    } catch let e as PyExceptionObject {
        return "\(e.type.name): \((try? interp.exceptionMessage(e)) ?? "?")"
    } catch {
        return "\(error)"
    }
}

@Test func tensorDTypeInference() throws {
    let out = try runTorchProgram("""
    print(torch.tensor([[1, 2], [3, 4]]).dtype, torch.tensor([1, 2.5]).dtype, torch.tensor([True, False]).dtype)
    print(torch.tensor(3).dim(), torch.tensor([]).shape, torch.tensor((1, 2)).tolist())
    print(torch.arange(3).dtype, torch.arange(0, 1, 0.5).dtype, torch.full((1,), 2).dtype, torch.full((1,), 2.0).dtype)
    """)
    #expect(out == """
    torch.int64 torch.float32 torch.bool
    0 torch.Size([0]) [1, 2]
    torch.int64 torch.float32 torch.int64 torch.float32

    """)
}

@Test func scalarConversions() throws {
    let out = try runTorchProgram("""
    t = torch.tensor([2.75])
    print(float(t), int(t), bool(torch.tensor(0)), f"{torch.tensor(1.23456):.2f}", torch.tensor(1).__index__())
    """)
    #expect(out == "2.75 2 False 1.23 1\n")
    #expect(torchProgramError("bool(torch.ones(2))") == "RuntimeError: Boolean value of Tensor with more than one value is ambiguous")
    #expect(torchProgramError("torch.tensor(0.5).__index__()") == "TypeError: only integer tensors of a single element can be converted to an index")
    #expect(torchProgramError("torch.ones(3).item()") == "RuntimeError: a Tensor with 3 elements cannot be converted to Scalar")
    #expect(torchProgramError("len(torch.tensor(1.0))") == "TypeError: len() of a 0-d tensor")
}

@Test func indexingMatchesPythonLists() throws {
    let out = try runTorchProgram("""
    rows = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
    t = torch.tensor(rows)
    assert t[1].tolist() == rows[1]
    assert t[-1, -2].item() == rows[-1][-2]
    assert t[:, 1:3].tolist() == [r[1:3] for r in rows]
    assert t[::2, :].tolist() == rows[::2]
    assert t[..., 0].tolist() == [r[0] for r in rows]
    assert t[None].shape == (1, 3, 4) and t[:, None].shape == (3, 1, 4)
    assert t[[2, 0]].tolist() == [rows[2], rows[0]]
    assert t[[0, 2], [1, 3]].tolist() == [rows[0][1], rows[2][3]]
    assert t[t > 8].tolist() == [9, 10, 11]
    assert t[torch.tensor([True, False, True])].tolist() == [rows[0], rows[2]]
    assert t[1:1].shape == (0, 4)
    print("ok")
    """)
    #expect(out == "ok\n")
    #expect(torchProgramError("torch.zeros(2)[5]") == "IndexError: index 5 is out of bounds for dimension 0 with size 2")
    #expect(torchProgramError("torch.zeros(2, 2)[0, 0, 0]") == "IndexError: too many indices for tensor of dimension 2")
}

@Test func setItemWritesThrough() throws {
    let out = try runTorchProgram("""
    t = torch.zeros(2, 3)
    t[0] = 1
    t[1, 1:] = torch.tensor([5.0, 6.0])
    t[t == 0] = -1
    t[:, 0] += 10
    v = t.view(6)
    v[5] = 9
    print(t.tolist())
    """)
    #expect(out == "[[11.0, 1.0, 1.0], [9.0, 5.0, 9.0]]\n")
}

@Test func operatorsPromoteAsPyTorch() throws {
    let out = try runTorchProgram("""
    i = torch.tensor([1, 2, 3])
    f = torch.tensor([1.0, 2.0, 3.0])
    print((i + 1).dtype, (i * 1.5).dtype, (i / 2).dtype, (i // 2).tolist(), (7 % i).tolist(), (2 ** i).tolist())
    print((f > 1).dtype, ((f > 1) & (f < 3)).tolist(), (~(f > 1)).tolist(), (1 - f).tolist(), (6 / f).tolist())
    x = torch.ones(2)
    y = x
    x += 1
    print(y is x, y.tolist(), x.add_(1) is x)
    """)
    #expect(out == """
    torch.int64 torch.float32 torch.float32 [0, 1, 1] [0, 1, 1] [2, 4, 8]
    torch.bool [False, True, False] [True, False, False] [0.0, -1.0, -2.0] [6.0, 3.0, 2.0]
    True [2.0, 2.0] True

    """)
}

@Test func reductionsAndNamedTuples() throws {
    let out = try runTorchProgram("""
    a = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]])
    values, indices = a.max(dim=1)
    print(values.tolist(), indices.tolist(), a.max(1).indices.tolist(), torch.sort(a, 1, descending=True).values[0].tolist())
    print(a.sum().item(), a.sum((0, 1)).item(), a.mean(1, keepdim=True).shape, a.var(unbiased=False).item())
    print(torch.einsum("ij,kj->ik", a, a).tolist() == (a @ a.T).tolist(), torch.einsum("ij->j", a).tolist())
    """)
    #expect(out == """
    [5.0, 6.0] [1, 2] [1, 2] [5.0, 3.0, 1.0]
    21.0 21.0 torch.Size([2, 1]) 2.9166667461395264
    True [5.0, 7.0, 9.0]

    """)
}

@Test func keywordsOutAndInPlaceReturnTheirTensor() throws {
    let out = try runTorchProgram("""
    a = torch.tensor([1.0, 5.0, 3.0])
    b = torch.tensor([4.0, 2.0, 6.0])
    c = torch.empty(3)
    r = torch.maximum(a, b, out=c)
    print(r is c, c.tolist(), torch.add(a, b, alpha=2).tolist(), a.sub(b, alpha=0.5).tolist())
    z = torch.zeros(3)
    print(z.add_(1) is z, z.mul_(2).sub_(b, alpha=0.5).tolist(), z.clamp_(min=0.5) is z, z.tolist())
    print(torch.sum(a, dim=0, keepdim=True).shape, a.sum(dtype=torch.float64).dtype, torch.clamp(a, max=2).tolist())
    """)
    #expect(out == """
    True [4.0, 5.0, 6.0] [9.0, 9.0, 15.0] [-1.0, 4.0, 0.0]
    True [0.0, 1.0, -1.0] True [0.5, 1.0, 0.5]
    torch.Size([1]) torch.float64 [1.0, 2.0, 2.0]

    """)
    #expect(torchProgramError("torch.ones(2).add(torch.ones(2), beta=1)") != nil)
    #expect(torchProgramError("torch.tensor([1, 2], requires_grad=True)")
            == "RuntimeError: Only Tensors of floating point and complex dtype can require gradients")
    #expect(torchProgramError("torch.ones(2, 3) @ torch.ones(2, 3)")
            == "RuntimeError: mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)")
}

@Test func deepCopyKeepsTypeAndLeafState() throws {
    let out = try runTorchProgram("""
    import copy
    p = torch.nn.Parameter(torch.ones(2))
    q = copy.deepcopy(p)
    with torch.no_grad():
        q.add_(1)
    print(type(q).__name__, q is p, q.requires_grad, p.tolist(), q.tolist(), 1.0 in p, 5 in p)
    """)
    #expect(out == "Parameter False True [1.0, 1.0] [2.0, 2.0] True False\n")
}

@Test func shapesFromVarargsTuplesAndSize() throws {
    let out = try runTorchProgram("""
    s = torch.Size([2, 3])
    print(torch.zeros(s).shape, torch.ones((2, 3)).shape, torch.empty(2, 3).shape, torch.zeros(2, 3).view(3, 2).shape)
    print(torch.zeros(2, 3).reshape((-1,)).shape, torch.zeros(2, 3).permute(1, 0).shape, torch.zeros(4).view(s.numel() - 4, 2).shape)
    print(torch.Tensor(2, 3).shape, torch.Tensor([1, 2]).dtype, torch.zeros(2, 3).new_zeros(4).shape, torch.arange(6).split([2, 4])[1].tolist())
    """)
    #expect(out == """
    torch.Size([2, 3]) torch.Size([2, 3]) torch.Size([2, 3]) torch.Size([3, 2])
    torch.Size([6]) torch.Size([3, 2]) torch.Size([2, 2])
    torch.Size([2, 3]) torch.float32 torch.Size([4]) [2, 3, 4, 5]

    """)
}
