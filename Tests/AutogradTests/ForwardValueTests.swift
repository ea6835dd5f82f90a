import Testing
@testable import Autograd

/// Forward values and dtypes of ops, checked against values worked out by hand.
@Suite struct ForwardValueTests {
    func t(_ v: [Double], _ shape: [Int]) throws -> Tensor { try Tensor.from(v, shape: shape) }

    @Test func promotionTable() throws {
        let f32 = try Tensor.zeros([2]), f64 = try Tensor.zeros([2], dtype: .float64)
        let i64 = try Tensor.zeros([2], dtype: .int64), i32 = try Tensor.zeros([2], dtype: .int32)
        let b = try Tensor.zeros([2], dtype: .bool)
        #expect(try (i64 + 1.5).dtype == .float32)
        #expect(try (i64 + f32).dtype == .float32)
        #expect(try (f32 + f64).dtype == .float64)
        #expect(try (b + i64).dtype == .int64)
        #expect(try (b + .int(1)).dtype == .int64)
        #expect(try (i32 + .int(1)).dtype == .int32)
        #expect(try (i32 + i64).dtype == .int64)
        #expect(try (f32 + Tensor.scalar(.double(1), dtype: .float64)).dtype == .float32)
        #expect(try (i64 + Tensor.scalar(.double(1), dtype: .float64)).dtype == .float64)
        #expect(try (i64 / i64).dtype == .float32)
        #expect(try i64.lt(f32).dtype == .bool)
        #expect(try i64.sum().dtype == .int64)
        #expect(try b.sum().dtype == .int64)
        #expect(try i64.exp().dtype == .float32)
    }

    @Test func creation() throws {
        #expect(try Tensor.arange(.int(5)).int64Values() == [0, 1, 2, 3, 4])
        #expect(try Tensor.arange(.int(1), .double(2), step: .double(0.25)).doubleValues() == [1, 1.25, 1.5, 1.75])
        #expect(try Tensor.arange(.int(1), .double(2), step: .double(0.25)).dtype == .float32)
        #expect(try Tensor.linspace(0, 1, steps: 5).doubleValues() == [0, 0.25, 0.5, 0.75, 1])
        #expect(try Tensor.eye(2, 3).doubleValues() == [1, 0, 0, 0, 1, 0])
        #expect(try Tensor.full([2], .double(2.5)).doubleValues() == [2.5, 2.5])
        #expect(try Tensor.full([1], .int(3)).dtype == .int64)
        var filler = try TensorFiller(shape: [2, 2], dtype: .float32)
        #expect(!filler.isComplete)
        for value in [Scalar.int(1), .int(2), .bool(true), .double(4.5), .double(9)] { filler.append(value) }
        #expect(filler.isComplete)
        #expect(filler.tensor.doubleValues() == [1, 2, 1, 4.5])
        var integers = try TensorFiller(shape: [3], dtype: .int32)
        for value in [Scalar.double(-2.7), .int(7), .bool(false)] { integers.append(value) }
        #expect(integers.tensor.int64Values() == [-2, 7, 0])
        #expect(thrownMessage { _ = try TensorFiller(shape: [2, -1], dtype: .float32) }
                == "Trying to create tensor with negative dimension -1: [2, -1]")
        #expect(try Tensor.scalar(.double(3)).item() == .double(3))
    }

    @Test func arithmeticValues() throws {
        let a = try t([7, -7, 7.5, -7.5], [4])
        #expect(try a.floorDivide(.int(2)).doubleValues() == [3, -4, 3, -4])
        #expect(try a.remainder(.int(2)).doubleValues() == [1, 1, 1.5, 0.5])
        let i = try Tensor.from(ints: [7, -7])
        #expect(try i.floorDivide(.int(2)).int64Values() == [3, -4])
        #expect(try i.remainder(.int(-2)).int64Values() == [-1, -1])
        #expect(try i.pow(.int(2)).int64Values() == [49, 49])
        #expect(try t([-2], [1]).pow(2).doubleValues() == [4])
        #expect(try t([1, 2, 3], [3]).rsub(10).doubleValues() == [9, 8, 7])
        #expect(try t([0.5, 2.5, -0.5, 1.5], [4]).round().doubleValues() == [0, 2, -0, 2])
    }

    @Test func reductions() throws {
        let x = try t([1, 5, 3, 4, 2, 6], [2, 3])
        #expect(try x.sum(dim: 0).doubleValues() == [5, 7, 9])
        #expect(try x.mean(dim: 1, keepdim: true).shape == [2, 1])
        #expect(try x.max(dim: 1).indices.int64Values() == [1, 2])
        #expect(try x.argmax().int64Values() == [5])
        #expect(try x.amin(dims: [0]).doubleValues() == [1, 2, 3])
        #expect(try x.prod().doubleValues() == [720])
        #expect(try x.cumsum(dim: 1).doubleValues() == [1, 6, 9, 4, 6, 12])
        #expect(try x.var(dims: [1], correction: 0).allclose(t([8.0 / 3, 8.0 / 3], [2])))
        #expect(try x.norm(p: 1).doubleValues() == [21])
        let s = try x.sort(dim: 1, descending: true)
        #expect(s.values.doubleValues() == [5, 3, 1, 6, 4, 2])
        #expect(s.indices.int64Values() == [1, 2, 0, 2, 0, 1])
        #expect(try x.topk(2, dim: 1).values.doubleValues() == [5, 3, 6, 4])
        let u = try Tensor.from(ints: [3, 1, 3, 2]).unique(returnInverse: true, returnCounts: true)
        #expect(u.values.int64Values() == [1, 2, 3])
        #expect(u.inverse?.int64Values() == [2, 0, 2, 1])
        #expect(u.counts?.int64Values() == [1, 1, 2])
        #expect(try Tensor.from(ints: [0, 2, 2]).bincount().int64Values() == [1, 0, 2])
        #expect(try Tensor.from(ints: [1, 0]).oneHot(numClasses: 3).int64Values() == [0, 1, 0, 1, 0, 0])
        #expect(try x.gt(.int(3)).nonzero().int64Values() == [0, 1, 1, 0, 1, 2])
    }

    @Test func indexing() throws {
        let x = try t([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [3, 4])
        #expect(try x.getItem([.int(-1)]).doubleValues() == [8, 9, 10, 11])
        #expect(try x.getItem([.slice(start: nil, stop: nil, step: 2), .int(1)]).doubleValues() == [1, 9])
        #expect(try x.getItem([.ellipsis, .none]).shape == [3, 4, 1])
        #expect(try x.getItem([.tensor(Tensor.from(ints: [2, 0])), .tensor(Tensor.from(ints: [1, 3]))]).doubleValues() == [9, 3])
        #expect(try x.getItem([.slice(start: nil, stop: nil, step: nil), .tensor(Tensor.from(ints: [0, 0]))]).shape == [3, 2])
        #expect(try x.getItem([.tensor(x.gt(.int(9)))]).doubleValues() == [10, 11])
        try x.setItem([.tensor(x.lt(.int(2)))], .int(-1))
        #expect(try x.getItem([.int(0)]).doubleValues() == [-1, -1, 2, 3])
        try x.setItem([.int(1), .slice(start: 1, stop: 3, step: nil)], try t([20, 30], [2]))
        #expect(try x.getItem([.int(1)]).doubleValues() == [4, 20, 30, 7])
        #expect(x.version == 2)
    }

    @Test func joiningAndViews() throws {
        let a = try t([1, 2, 3, 4], [2, 2])
        #expect(try Tensor.cat([a, a], dim: 1).doubleValues() == [1, 2, 1, 2, 3, 4, 3, 4])
        #expect(try Tensor.stack([a, a], dim: 2).shape == [2, 2, 2])
        #expect(try a.split(1, dim: 1).map { $0.doubleValues() } == [[1, 3], [2, 4]])
        #expect(try a.t().contiguous().doubleValues() == [1, 3, 2, 4])
        #expect(try a.t().isContiguous == false)
        #expect(thrownMessage { _ = try a.t().view([4]) } == "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
        #expect(try a.expand([3, 2, 2]).strides == [0, 2, 1])
        #expect(try a.repeat([1, 2]).doubleValues() == [1, 2, 1, 2, 3, 4, 3, 4])
        let d = a.detach()
        try d.add_(.int(1))
        #expect(a.version == 1 && a.doubleValues() == [2, 3, 4, 5])
    }

    @Test func activationsAndLosses() throws {
        let x = try t([-1, 0, 2], [3])
        #expect(try x.relu().doubleValues() == [0, 0, 2])
        #expect(try x.leakyRelu(0.5).doubleValues() == [-0.5, 0, 2])
        #expect(try x.softmax(dim: 0).sum().allclose(Tensor.scalar(.double(1))))
        #expect(try x.logSoftmax(dim: 0).exp().allclose(x.softmax(dim: 0)))
        let logits = try t([1, 2, 3, 1, 1, 1], [2, 3])
        let target = try Tensor.from(ints: [2, 0])
        let expected = (-(3 - Double.log(Double.exp(1) + Double.exp(2) + Double.exp(3))) + Double.log(3)) / 2
        #expect(try Tensor.crossEntropy(logits, target).allclose(Tensor.scalar(.double(expected))))
        #expect(try Tensor.mseLoss(x, Tensor.zeros([3])).allclose(Tensor.scalar(.double(5.0 / 3))))
        let p = try t([0.5], [1])
        #expect(try Tensor.binaryCrossEntropy(p, Tensor.ones([1])).allclose(Tensor.scalar(.double(Double.log(2)))))
        #expect(try Tensor.binaryCrossEntropyWithLogits(t([0], [1]), Tensor.ones([1])).allclose(Tensor.scalar(.double(Double.log(2)))))
    }

    @Test func batchNormUpdatesRunningStats() throws {
        let x = try t([1, 10, 3, 20], [2, 2])
        let rm = try Tensor.zeros([2]), rv = try Tensor.ones([2])
        let y = try Tensor.batchNorm(x, runningMean: rm, runningVar: rv, training: true, momentum: 0.1)
        #expect(try y.mean(dim: 0).allclose(Tensor.zeros([2]), atol: 1e-6))
        #expect(try rm.allclose(t([0.2, 1.5], [2])))
        // Unbiased batch variances are 2 and 50.
        #expect(try rv.allclose(t([0.9 + 0.2, 0.9 + 5], [2])))
        let e = try Tensor.batchNorm(x, runningMean: rm, runningVar: rv, training: false)
        #expect(try e.allclose(x.sub(rm).div(rv.add(1e-5).sqrt())))
    }

    @Test func matmulCases() throws {
        let a = try t([1, 2, 3, 4, 5, 6], [2, 3])
        let v = try t([1, 0, -1], [3])
        #expect(try a.matmul(v).doubleValues() == [-2, -2])
        #expect(try v.matmul(a.t()).doubleValues() == [-2, -2])
        #expect(try v.dot(v).doubleValues() == [2])
        let batch = try a.unsqueeze(0).expand([4, 2, 3])
        #expect(try batch.matmul(a.t()).shape == [4, 2, 2])
        #expect(try a.matmul(a.t()).doubleValues() == [14, 32, 32, 77])
        #expect(try a.t().t().mm(a.t()).doubleValues() == [14, 32, 32, 77])
        let i = try Tensor.from(ints: [1, 2, 3, 4], shape: [2, 2])
        #expect(try i.mm(i).int64Values() == [7, 10, 15, 22])
    }
}

@Suite struct ByteAccessTests {
    @Test func roundTripThroughBytes() throws {
        let a = try Tensor.from([1.5, -2, 3.25, 4], shape: [2, 2])
        let b = try a.t().withUnsafeBytes { try Tensor.fromBytes($0, shape: [2, 2], dtype: .float32) }
        #expect(b.doubleValues() == [1.5, 3.25, -2, 4])
        #expect(try Tensor.from(floats: [0.1, 0.2]).doubleValues() == [Double(Float(0.1)), Double(Float(0.2))])
        let v = try a.select(0, 1)
        try v.assignElements([7, 8])
        #expect(a.doubleValues() == [1.5, -2, 7, 8])
        #expect(a.version == 1)
    }
}
