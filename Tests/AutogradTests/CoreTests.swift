import Testing
@testable import Autograd

@Suite struct CoreTests {
    @Test func addBroadcastsAndPromotes() throws {
        let a = try Tensor.from([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let b = try Tensor.from([10, 20, 30], shape: [3])
        let c = try a + b
        #expect(c.shape == [2, 3])
        #expect(c.doubleValues() == [11, 22, 33, 14, 25, 36])
        let i = try Tensor.from(ints: [1, 2])
        #expect(try (i + 1.5).dtype == .float32)
        #expect(try (i + .int(1)).dtype == .int64)
        #expect(try i.div(.int(2)).dtype == .float32)
        let d = try Tensor.from([1, 2], dtype: .float64)
        #expect(try (a.select(0, 0).slice(0, end: 2) + d).dtype == .float64)
        let bo = try Tensor.from(bools: [true, false])
        #expect(try (bo + i).dtype == .int64)
        #expect(try a.gt(.int(2)).dtype == .bool)
        let f = try Tensor.from([1, 2])
        #expect(try (i + f).dtype == .float32)
    }

    @Test func viewsShareStorage() throws {
        let a = try Tensor.from([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let t = try a.t()
        try t.select(0, 1).fill_(.int(0))
        #expect(a.doubleValues() == [1, 0, 3, 4, 0, 6])
        #expect(a.version == 1)
        let d = a.data
        try d.add_(.int(1))
        #expect(a.doubleValues() == [2, 1, 4, 5, 1, 7])
        #expect(a.version == 1)
        let s = try a.slice(1, start: 0, end: 3, step: 2)
        #expect(s.doubleValues() == [2, 4, 5, 7])
    }

    @Test func simpleBackward() throws {
        let x = try sample([2, 3], requiresGrad: true)
        let w = try sample([3, 4], seed: 1, requiresGrad: true)
        let y = try x.matmul(w).relu().sum()
        try y.backward()
        #expect(x.grad?.shape == [2, 3])
        #expect(w.grad?.shape == [3, 4])
        // Compare with an explicit computation.
        let h = try x.detach().matmul(w.detach())
        let mask = try h.gt(.int(0)).to(.float32)
        let gx = try mask.matmul(w.detach().t())
        #expect(try x.grad?.allclose(gx) == true)
    }
}
