import Testing
@testable import Autograd

@Test func dtypeNamesAreTorchNames() {
    #expect(DType.float32.torchName == "torch.float32")
    #expect(DType.int64.itemSize == 8)
}
