import Testing
@testable import Autograd

/// Every op applied to empty, 0-dim and size-1 tensors either returns or throws a TorchError:
/// user input must never crash the process.
@Suite struct RobustnessTests {
    static let shapes: [[Int]] = [[], [0], [0, 3], [3, 0], [1], [1, 1], [2, 3]]

    static var unary: [(String, (Tensor) throws -> Any)] { [
        ("exp", { try $0.exp() }), ("log", { try $0.log() }), ("sqrt", { try $0.sqrt() }),
        ("relu", { try $0.relu() }), ("sigmoid", { try $0.sigmoid() }), ("gelu", { try $0.gelu() }),
        ("softmax0", { try $0.softmax(dim: 0) }), ("logSoftmax-1", { try $0.logSoftmax(dim: -1) }),
        ("sum", { try $0.sum() }), ("sum0", { try $0.sum(dim: 0) }), ("mean", { try $0.mean() }),
        ("mean1", { try $0.mean(dim: 1) }), ("prod", { try $0.prod() }), ("max", { try $0.max() }),
        ("max0", { try $0.max(dim: 0) }), ("amax", { try $0.amax() }), ("argmax", { try $0.argmax() }),
        ("argmin0", { try $0.argmin(dim: 0) }), ("var", { try $0.var() }), ("std0", { try $0.std(dims: [0]) }),
        ("norm", { try $0.norm() }), ("logsumexp", { try $0.logsumexp(dims: [0]) }), ("cumsum", { try $0.cumsum(dim: 0) }),
        ("sort", { try $0.sort() }), ("topk", { try $0.topk(1) }), ("unique", { try $0.unique() }),
        ("nonzero", { try $0.nonzero() }), ("t", { try $0.t() }), ("T", { try $0.T }), ("flatten", { try $0.flatten() }),
        ("view-1", { try $0.view([-1]) }), ("reshape", { try $0.reshape([-1, 1]) }), ("squeeze", { try $0.squeeze() }),
        ("unsqueeze", { try $0.unsqueeze(-1) }), ("select", { try $0.select(0, 0) }), ("slice", { try $0.slice(0, start: 1) }),
        ("getitem", { try $0.getItem([.int(0)]) }), ("getitem ellipsis", { try $0.getItem([.ellipsis, .none]) }),
        ("mask", { try $0.getItem([.tensor($0.gt(.int(0)))]) }), ("split", { try $0.split(1) }), ("chunk", { try $0.chunk(2) }),
        ("cat", { try Tensor.cat([$0, $0]) }), ("stack", { try Tensor.stack([$0, $0]) }), ("repeat", { try $0.repeat([2, 2]) }),
        ("expand", { try $0.expand([2, 2, 3]) }), ("matmul", { try $0.matmul($0) }), ("mm t", { try $0.mm($0.t()) }),
        ("dot", { try $0.dot($0) }), ("outer", { try $0.outer($0) }), ("bmm", { try $0.bmm($0) }),
        ("mse", { try Tensor.mseLoss($0, $0) }), ("ce", { try Tensor.crossEntropy($0, Tensor.from(ints: [0, 1])) }),
        ("nll", { try Tensor.nllLoss($0, Tensor.from(ints: [5])) }), ("bce", { try Tensor.binaryCrossEntropy($0, $0) }),
        ("bn", { try Tensor.batchNorm($0, runningMean: nil, runningVar: nil, training: true) }),
        ("ln", { try Tensor.layerNorm($0, normalizedShape: [3]) }), ("gather", { try $0.gather(dim: 0, index: Tensor.from(ints: [0])) }),
        ("scatter", { try $0.scatter(dim: 0, index: Tensor.from(ints: [9]), value: 1) }),
        ("indexSelect", { try $0.indexSelect(dim: 0, index: Tensor.from(ints: [1])) }),
        ("maskedFill", { try $0.maskedFill(Tensor.from(bools: [true]), 0) }), ("where", { try Tensor.where($0.gt(.int(0)), $0, 0.0) }),
        ("clamp", { try $0.clamp(min: 0) }), ("pad", { try $0.pad([1, 1]) }), ("embedding", { try Tensor.embedding(Tensor.from(ints: [0]), $0) }),
        ("einsum", { try Tensor.einsum("ij->", [$0]) }), ("setitem", { try $0.clone().setItem([.int(0)], 1.0) }),
        ("item", { try $0.item() }), ("oneHot", { try $0.to(.int64).oneHot() }), ("bincount", { try $0.to(.int64).bincount() }),
        ("floorDivide0", { try $0.to(.int64).floorDivide(.int(0)) }), ("pow int", { try $0.to(.int64).pow(.int(-1)) }),
        ("backward", { try $0.clone().requiresGrad_().sum().backward() }),
    ] }

    @Test func opsOnEdgeShapesNeverCrash() throws {
        var outcomes = 0
        let dtypes: [DType] = [.float32, .float64, .int64, .int32, .bool]
        for shape in Self.shapes {
            for dtype in dtypes {
                let base = try Tensor.ones(shape, dtype: dtype)
                let inputs = [base, shape.count == 2 ? try base.t() : base]
                for x in inputs {
                    for (_, op) in Self.unary {
                        do { _ = try op(x) } catch is TorchError { }
                        outcomes += 1
                    }
                }
            }
        }
        #expect(outcomes == Self.shapes.count * 5 * 2 * Self.unary.count)
    }

    static var binary: [(Tensor, Tensor) throws -> Any] { [
        { try $0 + $1 }, { try $0 - $1 }, { try $0 * $1 }, { try $0 / $1 }, { try $0.floorDivide($1) },
        { try $0.remainder($1) }, { try $0.pow($1) }, { try $0.eq($1) }, { try $0.lt($1) },
        { try $0.logicalAnd($1) }, { try $0.bitwise($1, "^") }, { try $0.maximum($1) },
        { try Tensor.where($0.gt(.int(0)), $0, $1) }, { try $0.matmul($1) }, { try Tensor.cat([$0, $1], dim: -1) },
        { try $0.add_($1) }, { try $0.copy_($1) }, { try $0.isclose($1) }, { try $0.equal($1) },
        { try Tensor.mseLoss($0, $1) }, { try Tensor.crossEntropy($0, $1) }, { try Tensor.nllLoss($0, $1) },
        { try $0.gather(dim: 0, index: $1) }, { try $0.indexSelect(dim: 0, index: $1) },
        { try $0.getItem([.tensor($1)]) }, { try $0.setItem([.tensor($1)], 0.5) }, { try $0.maskedFill($1, 1) },
        { try Tensor.embedding($1, $0) }, { try $0.scatter(dim: 0, index: $1, src: $0) },
    ] }

    @Test func binaryOpsOnMixedShapesNeverCrash() throws {
        var outcomes = 0
        let dtypes: [DType] = [.float32, .int64, .bool]
        for sa in Self.shapes {
            for sb in Self.shapes {
                for da in dtypes {
                    for db in dtypes {
                        for op in Self.binary {
                            let a = try Tensor.ones(sa, dtype: da), b = try Tensor.zeros(sb, dtype: db)
                            do { _ = try op(a, b) } catch is TorchError { }
                            outcomes += 1
                        }
                    }
                }
            }
        }
        #expect(outcomes == Self.shapes.count * Self.shapes.count * 9 * Self.binary.count)
    }
}
