#if os(Linux)
import Glibc

/// The CPUs the calling thread may run on (Linux `sched_getaffinity`), and pinning it to one.
///
/// Swift's Glibc module leaves out the GNU affinity calls, so they are looked up by name.
enum CPUAffinity {
    private typealias AffinityCall = @convention(c) (pid_t, Int, UnsafeMutableRawPointer?) -> Int32

    /// glibc's `cpu_set_t`: a bit per CPU, 1024 CPUs.
    struct Mask {
        fileprivate var words = [UInt64](repeating: 0, count: 16)

        /// The CPU numbers whose bits are set, in increasing order.
        var cpus: [Int] {
            var result: [Int] = []
            for (index, word) in words.enumerated() {
                for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 { result.append(index * 64 + bit) }
            }
            return result
        }

        /// A mask with only `cpu` set (nil beyond the mask's 1024 CPUs).
        static func only(_ cpu: Int) -> Mask? {
            guard cpu >= 0, cpu < 16 * 64 else { return nil }
            var mask = Mask()
            mask.words[cpu / 64] = 1 << UInt64(cpu % 64)
            return mask
        }
    }

    private static let calls: (get: AffinityCall, set: AffinityCall)? = {
        guard let program = dlopen(nil, RTLD_NOW),
              let get = dlsym(program, "sched_getaffinity"),
              let set = dlsym(program, "sched_setaffinity") else { return nil }
        return (unsafeBitCast(get, to: AffinityCall.self), unsafeBitCast(set, to: AffinityCall.self))
    }()

    /// The calling thread's mask, or nil when it cannot be read.
    static func current() -> Mask? {
        guard let calls else { return nil }
        var mask = Mask()
        let rc = mask.words.withUnsafeMutableBytes { calls.get(0, $0.count, $0.baseAddress) }
        return rc == 0 ? mask : nil
    }

    /// Restricts the calling thread to `mask`; false when the kernel refuses.
    @discardableResult
    static func apply(_ mask: Mask) -> Bool {
        guard let calls else { return false }
        var copy = mask
        return copy.words.withUnsafeMutableBytes { calls.set(0, $0.count, $0.baseAddress) } == 0
    }
}
#endif
