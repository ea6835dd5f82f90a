import Testing
@testable import Torch

@Test func followsTorch215() {
    #expect(TorchLibrary.torchVersion == "2.15.0")
}

@Test func bundlesTheWholePythonLibrary() {
    let paths = Set(TorchLibrary.bundledFiles.map(\.path))
    for expected in ["torch/nn/modules/module.py", "torch/optim/lr_scheduler.py",
                     "torch/utils/data/dataloader.py", "sklearn/metrics/_classification.py",
                     "tqdm/__init__.py", "lightning/trainer.py"] {
        #expect(paths.contains(expected), "missing \(expected)")
    }
    let module = TorchLibrary.bundledFiles.first { $0.path == "torch/nn/modules/module.py" }
    #expect(module?.source.contains("class Module:") == true)
}
