// torch.nn.functional through the native kernels, checked against the same computation
// written out with tensor operations in the program itself.
import Testing
@testable import Torch

@Test func functionalKernelsAgreeWithTheirDefinitions() throws {
    let out = try runTorchProgram("""
    import torch.nn.functional as F
    x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])
    w = torch.tensor([[1.0, 2.0, -1.0], [0.5, 0.0, 1.0]])
    b = torch.tensor([0.1, -0.2])
    assert torch.allclose(F.linear(x, w, b), x @ w.T + b)
    assert torch.allclose(F.mse_loss(x, w), ((x - w) ** 2).mean())
    assert torch.allclose(F.l1_loss(x, w, reduction="sum"), (x - w).abs().sum())
    t = torch.tensor([2, 0])
    assert torch.allclose(F.cross_entropy(x, t), -x.log_softmax(1)[torch.arange(2), t].mean())
    assert torch.allclose(F.cosine_similarity(x, w), (x * w).sum(1) / (x.norm(dim=1) * w.norm(dim=1)))
    padded = F.pad(x, (1, 2), value=9.0)
    assert padded.shape == (2, 6) and padded[:, 1:4].equal(x) and (padded[:, 0] == 9).all()
    emb = F.embedding(torch.tensor([[1, 0]]), w)
    assert emb.shape == (1, 2, 3) and emb[0, 0].equal(w[1])
    img = torch.arange(16.0).view(1, 1, 4, 4)
    assert F.max_pool2d(img, 2).view(-1).tolist() == [5.0, 7.0, 13.0, 15.0]
    assert F.avg_pool2d(img, 2).view(-1).tolist() == [2.5, 4.5, 10.5, 12.5]
    ones = torch.ones(1, 1, 3, 3)
    assert F.conv2d(img, ones).view(-1).tolist() == [img[0, 0, i:i + 3, j:j + 3].sum().item() for i in range(2) for j in range(2)]
    print(F.one_hot(torch.tensor([0, 2])).tolist(), F.leaky_relu(x, 0.5).tolist()[0])
    """)
    #expect(out == "[[1, 0, 0], [0, 0, 1]] [0.5, -0.5, 2.0]\n")
}

@Test func functionalErrorsUsePyTorchWording() {
    #expect(torchProgramError("import torch.nn.functional as F\nF.cross_entropy(torch.randn(3, 5), torch.tensor([1.0, 2.0, 0.0]))")
            == "RuntimeError: expected target dtype to be Long or Byte, but got Float")
    #expect(torchProgramError("import torch.nn.functional as F\nF.linear(torch.ones(2, 5), torch.ones(3, 4), torch.ones(3))")
            == "RuntimeError: addmm: mat1 and mat2 shapes cannot be multiplied (2x5 and 4x3)")
    #expect(torchProgramError("torch.tensor([1, 2]).float().long().mean()")
            == "NotImplementedError: mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long")
}
