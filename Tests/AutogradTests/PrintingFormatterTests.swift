import Testing
@testable import Autograd

private func floats(_ values: [Double], _ shape: [Int], dtype: DType = .float32) -> TensorPrintData {
    TensorPrintData(shape: shape, dtype: dtype, elements: .floats(values))
}

@Test func nonDefaultDtypesAreNamed() {
    let ints = TensorPrintData(shape: [2], dtype: .int32, elements: .ints([1, 2]))
    #expect(TensorFormatter.repr(ints) == "tensor([1, 2], dtype=torch.int32)")
    let emptyInts = TensorPrintData(shape: [0], dtype: .int64, elements: .ints([]))
    #expect(TensorFormatter.repr(emptyInts) == "tensor([], dtype=torch.int64)")
    #expect(TensorFormatter.repr(floats([], [2, 0, 3])) == "tensor([], size=(2, 0, 3))")
}

@Test func suffixWrapsWhenTheLineIsFull() {
    // Nine elements of width 6 fill the line to 79 characters, so the suffix moves down.
    var data = floats(Array(repeating: 0.1, count: 9).map { Double(Float($0)) }, [9])
    data.requiresGrad = true
    let expected = "tensor([0.1000, 0.1000, 0.1000, 0.1000, 0.1000, 0.1000, 0.1000, 0.1000, 0.1000],\n"
        + "       requires_grad=True)"
    #expect(TensorFormatter.repr(data) == expected)
}

@Test func longRowsWrapUnderTheBracket() {
    let data = TensorPrintData(shape: [30], dtype: .int64, elements: .ints((0..<30).map { Int64($0) * 1000 }))
    let expected = "tensor([    0,  1000,  2000,  3000,  4000,  5000,  6000,  7000,  8000,  9000,\n"
        + "        10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000, 18000, 19000,\n"
        + "        20000, 21000, 22000, 23000, 24000, 25000, 26000, 27000, 28000, 29000])"
    #expect(TensorFormatter.repr(data) == expected)
}

@Test func summarisedMatricesKeepEdgeRows() {
    let data = TensorPrintData(shape: [1001, 2], dtype: .int64, elements: .ints((0..<2002).map { Int64($0) }))
    let expected = "tensor([[   0,    1],\n        [   2,    3],\n        [   4,    5],\n        ...,\n"
        + "        [1996, 1997],\n        [1998, 1999],\n        [2000, 2001]])"
    #expect(TensorFormatter.repr(data) == expected)
}

@Test func printOptionsChangePrecisionAndNotation() {
    let data = floats([1.5, 2.25], [2])
    #expect(TensorFormatter.repr(data, options: PrintOptions(precision: 2)) == "tensor([1.50, 2.25])")
    #expect(TensorFormatter.repr(data, options: PrintOptions(sciMode: true)) == "tensor([1.5000e+00, 2.2500e+00])")
    #expect(PrintOptions.profile("short") == PrintOptions(precision: 2, edgeItems: 2))
    #expect(PrintOptions.profile("long") == nil)
}

@Test func sciModeRightAlignsNonFinite() {
    let data = floats([1e-5, -.infinity, .nan], [3])
    #expect(TensorFormatter.repr(data) == "tensor([1.0000e-05,       -inf,        nan])")
}

@Test func scalarsAndNames() {
    #expect(TensorFormatter.repr(floats([0.5], [], dtype: .float64)) == "tensor(0.5000, dtype=torch.float64)")
    #expect(TensorFormatter.sizeRepr([]) == "torch.Size([])")
    #expect(TensorFormatter.dtypeRepr(.bool) == "torch.bool")
}

@Test func inconsistentDescriptionsDoNotCrash() {
    let data = floats([1, 2, 3], [2, 2])
    #expect(TensorFormatter.repr(data) == "tensor(<3 elements for size (2, 2)>)")
}
