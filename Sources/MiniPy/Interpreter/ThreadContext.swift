// The interpreter running on the current thread, for the few places that cannot be handed
// one (hash-table key comparison calling a user-defined `__eq__`).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum ThreadContext {
    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// The interpreter that last started running code on this thread.
    static var current: Interpreter? {
        get {
            guard let raw = pthread_getspecific(key) else { return nil }
            return Unmanaged<Interpreter>.fromOpaque(raw).takeUnretainedValue()
        }
        set {
            pthread_setspecific(key, newValue.map { Unmanaged.passUnretained($0).toOpaque() })
        }
    }
}
