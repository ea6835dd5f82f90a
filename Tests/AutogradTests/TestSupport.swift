@testable import Autograd

/// Builds a tensor of the given shape whose values are deterministic and distinct.
func sample(_ shape: [Int], seed: Double = 0, dtype: DType = .float32, requiresGrad: Bool = false) throws -> Tensor {
    let n = shape.reduce(1, *)
    var values: [Double] = []
    for i in 0..<n {
        let x = Double(i) + seed
        values.append(((x * 0.618033988749895).truncatingRemainder(dividingBy: 1) - 0.5) * 3)
    }
    let t = try Tensor.from(values, shape: shape, dtype: dtype)
    if requiresGrad { try t.setRequiresGrad(true) }
    return t
}

/// Extracts the thrown TorchError message of a closure, or nil when it did not throw.
func thrownMessage(_ body: () throws -> Void) -> String? {
    do { try body() } catch let e as TorchError { return e.message } catch { return "\(error)" }
    return nil
}
