import Autograd
import MiniPy

/// The `torch` module family as seen from MiniPy.
public enum TorchLibrary {
    /// The PyTorch version whose behaviour the library follows.
    public static let torchVersion = "2.15.0"
}

extension TorchLibrary {
    /// The bundled Python files, by path inside the library (`torch/nn/modules/linear.py`).
    public static var bundledFiles: [(path: String, source: String)] { BundledLibrary.files }
}
