#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Threads that run the parts of one matrix product at once: the caller runs part 0, each
/// worker one more part, and the call returns when every part is done.
///
/// Workers are started on the first product that asks for them and then live as long as the
/// process. Between products a worker spins briefly (products in a training loop follow one
/// another closely, and waking a sleeping thread costs tens of microseconds) and then sleeps
/// on a condition variable, so an idle session costs no CPU.
final class ProductThreads: @unchecked Sendable {
    /// How long a worker keeps checking for the next product before it sleeps.
    private static let spinNanoseconds = 200_000

    /// Bumped (under `mutex`) to hand the workers a new job.
    private let generation = Atomic<Int>(0)
    /// Parts handed out and not yet finished by a worker.
    private let unfinished = Atomic<Int>(0)
    /// Set while one caller owns the workers; a second caller runs its product alone.
    private let busy = Atomic<Bool>(false)
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wakeUp = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// The job of the current generation, read by workers after they see the generation
    /// change (the release/acquire pair on `generation` orders it).
    private nonisolated(unsafe) var job: ((Int) -> Void)?
    /// Workers started so far; only the owner of `busy` changes it.
    private nonisolated(unsafe) var started = 0

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wakeUp, nil)
    }

    /// Runs `body(0)` … `body(parts - 1)` at once, `body(0)` on the calling thread. Returns
    /// false without running anything when another caller owns the workers or a worker
    /// cannot be started; the caller then does the work itself.
    func run(parts: Int, _ body: (Int) -> Void) -> Bool {
        guard parts > 1 else { body(0); return true }
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false
        }
        defer { busy.store(false, ordering: .releasing) }
        while started < parts - 1 {
            guard startWorker(index: started + 1, seen: generation.load(ordering: .relaxed)) else { return false }
            started += 1
        }
        withoutActuallyEscaping(body) { escapable in
            job = { part in if part < parts { escapable(part) } }
            unfinished.store(started, ordering: .relaxed)
            pthread_mutex_lock(mutex)
            generation.add(1, ordering: .releasing)
            pthread_cond_broadcast(wakeUp)
            pthread_mutex_unlock(mutex)
            escapable(0)
            var spins = 0
            while unfinished.load(ordering: .acquiring) > 0 {
                spins += 1
                // A worker that lost its core must get it back; do not spin against it.
                if spins > 4096 { sched_yield() }
            }
            job = nil
        }
        return true
    }

    /// Starts worker `index`; `seen` is the generation it has already seen (a worker that read
    /// the generation itself could read it after the next job was posted, and miss that job).
    private func startWorker(index: Int, seen: Int) -> Bool {
        let context = Unmanaged.passRetained(WorkerContext(threads: self, index: index, seen: seen))
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let rc = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let context = Unmanaged<WorkerContext>.fromOpaque(raw).takeRetainedValue()
            context.threads.workerLoop(index: context.index, seen: context.seen)
        }, context.toOpaque())
        if rc != 0 { context.release(); return false }
        #if canImport(Glibc)
        pthread_detach(thread)
        #else
        if let thread { pthread_detach(thread) }
        #endif
        return true
    }

    private func workerLoop(index: Int, seen initial: Int) -> Never {
        var seen = initial
        while true {
            seen = waitForNewGeneration(after: seen)
            job?(index)
            unfinished.subtract(1, ordering: .releasing)
        }
    }

    /// Spins for `spinNanoseconds`, then sleeps until the generation moves past `seen`.
    private func waitForNewGeneration(after seen: Int) -> Int {
        let deadline = Self.monotonicNanoseconds() + Self.spinNanoseconds
        var checks = 0
        while true {
            let now = generation.load(ordering: .acquiring)
            if now != seen { return now }
            checks += 1
            if checks & 255 == 0 && Self.monotonicNanoseconds() > deadline { break }
        }
        pthread_mutex_lock(mutex)
        var now = generation.load(ordering: .acquiring)
        while now == seen {
            pthread_cond_wait(wakeUp, mutex)
            now = generation.load(ordering: .acquiring)
        }
        pthread_mutex_unlock(mutex)
        return now
    }

    private static func monotonicNanoseconds() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return time.tv_sec * 1_000_000_000 + time.tv_nsec
    }
}

/// What a new worker thread needs: its pool, its part number and the generation it starts at.
private final class WorkerContext: @unchecked Sendable {
    let threads: ProductThreads
    let index: Int
    let seen: Int

    init(threads: ProductThreads, index: Int, seen: Int) {
        self.threads = threads
        self.index = index
        self.seen = seen
    }
}
