import Autograd

/// A tensor with varied values, float32; scripts/bench/torch_ops.py builds the same one.
func filled(_ shape: [Int]) throws -> Tensor {
    let n = shape.reduce(1, *)
    return try Tensor.from((0..<n).map { Double(($0 * 7919) % 1000) / 500 - 1 }, shape: shape)
}

/// Per-op overhead on small tensors, where the cost is dispatch and allocation rather than
/// arithmetic. Thread CPU time per call.
let opsWorkload = Workload("ops") { r in
    r.heading("per-op overhead (thread CPU time per call)")
    let a = try filled([32, 64]), b = try filled([32, 64]), w = try filled([64, 64])
    try r.time("ops.add", "add 32x64") { _ = try a.add(b) }
    try r.time("ops.matmul", "matmul 32x64 @ 64x64") { _ = try a.matmul(w) }
    try r.time("ops.relu", "relu 32x64") { _ = try a.relu() }
    let logits = try filled([32, 10])
    try logits.setRequiresGrad(true)
    let target = try Tensor.from(ints: (0..<32).map { Int64($0 % 10) })
    try r.time("ops.cross_entropy", "cross_entropy 32x10 fwd+bwd") {
        try Tensor.crossEntropy(logits, target).backward()
    }
    let x = try filled([32, 64])
    try x.setRequiresGrad(true)
    try r.time("ops.add_graph", "add 32x64 with graph") { _ = try x.add(b) }
}
