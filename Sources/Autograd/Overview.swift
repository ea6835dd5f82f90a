// The Autograd module, in the order its pieces build on each other:
//
// Core/      DType, TensorElement (Float, Double, Int64, Int32, Bool), Storage (a flat buffer
//            shared by views) and VersionCounter, Tensor (shape, strides, offset; autograd
//            metadata), Scalar (a Python number in an operator), creation ops, TorchError.
// Kernels/   Loops over unsafe pointers: element-wise (contiguous fast path, strided path with
//            broadcasting), reductions (all dims or one lane at a time), gathers/scatters on
//            raw element bytes, and GEMM through OpenBLAS (transposed views passed as flags;
//            large products split into bands over threads of our own, ThreadedGemm).
// Ops/       One file per family. Each op computes its result with a kernel, then calls
//            `record` with the PyTorch node name, a one-line formula, what to save and the
//            backward closure, so forward and backward of an op sit side by side.
// Engine/    Node / FunctionNode / AccumulateGrad / Edge / SavedTensor, per-thread state
//            (grad mode, anomaly mode, sequence numbers, the backward observer), and
//            BackwardPlan, which runs backward one node per step and reports events.
//
// What later layers use:
// - A binding layer calls the `Tensor` methods (each names the PyTorch API it mirrors) and
//   maps `TorchError.kind` to the Python exception class.
// - A graph renderer walks `tensor.gradFn` and `Node.nextEdges`; `AccumulateGrad.variable` is
//   the leaf; `Node.saved` lists the `_saved_*` values; `Node.formulaLine` labels a node.
// - A debugger sets `AutogradState.current.backwardObserver` to see `BackwardEvent`s while
//   `backward()` runs, or builds a `BackwardPlan` and calls `step()` itself.
// - Custom `autograd.Function`s build a `FunctionNode(name:inputs:backward:)` and `attach`
//   their outputs to it.
