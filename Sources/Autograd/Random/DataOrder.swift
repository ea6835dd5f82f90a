/// The index orders `torch.utils.data` draws when shuffling, reproduced from the same
/// generator calls.
public enum DataOrder {
    /// One pass of `RandomSampler(range(n))` without a `generator=`: a seed is drawn from the
    /// global generator (`torch.empty((), dtype=torch.int64).random_()`), a fresh generator
    /// is seeded with it, and the order is that generator's `randperm(n)`.
    public static func randomSamplerOrder(n: Int, globalGenerator: Generator = .default) throws -> [Int64] {
        let seed = globalGenerator.randomInt64()
        return try Generator(seed: UInt64(seed)).randperm(n)
    }

    /// One epoch of `DataLoader(dataset, shuffle=True)` with `num_workers=0`: creating the
    /// iterator first draws the loader's base seed (`_get_shared_seed()`, one int64
    /// `random_()`), then the sampler draws its own seed when iteration starts.
    public static func dataLoaderEpochOrder(n: Int, globalGenerator: Generator = .default) throws -> [Int64] {
        _ = globalGenerator.randomInt64()
        return try randomSamplerOrder(n: n, globalGenerator: globalGenerator)
    }
}
