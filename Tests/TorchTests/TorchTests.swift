import Testing
@testable import Torch

@Test func followsTorch215() {
    #expect(TorchLibrary.torchVersion == "2.15.0")
}
