#if canImport(CMalloc)
import CMalloc
#endif

/// glibc malloc settings for an interpreter that allocates many small objects off the main
/// thread (programs run on a thread with a large stack, sources parse on another).
enum MallocTuning {
    /// One arena for all threads, grown 16 MiB at a time. A thread's own arena grows a page
    /// range per `mprotect` call, which cost a third of a training script's CPU time; pages
    /// reserved ahead but never touched cost no memory.
    static func apply() {
        #if canImport(CMalloc)
        _ = mallopt(M_ARENA_MAX, 1)
        _ = mallopt(M_TOP_PAD, 16 << 20)
        #endif
    }
}
