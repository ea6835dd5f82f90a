#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-thread autograd state: grad mode, anomaly mode, the sequence-number counter and the
/// listener for backward events. Thread-local like PyTorch's, so it is safe in Swift 6
/// without locks: each thread only ever touches its own instance.
public final class AutogradState {
    /// Whether ops record the backward graph (`torch.is_grad_enabled()`).
    public var gradEnabled = true
    /// Whether backward checks every node's outputs for NaN (`set_detect_anomaly`).
    public var anomalyEnabled = false
    /// Receives backward events; nil costs nothing.
    public var backwardObserver: ((BackwardEvent) -> Void)?
    var sequenceCounter = 0
    var hookCounter = 0

    init() {}

    /// The next node sequence number (PyTorch's thread-local `sequence_nr`).
    func nextSequenceNr() -> Int {
        defer { sequenceCounter += 1 }
        return sequenceCounter
    }

    /// The sequence number the next node will get (lets a debugger tell which line made a node).
    public var nextSequenceNumber: Int { sequenceCounter }

    /// A fresh hook handle id.
    func nextHookId() -> Int {
        hookCounter += 1
        return hookCounter
    }

    /// This thread's state.
    public static var current: AutogradState {
        let key = autogradStateKey
        if let raw = pthread_getspecific(key) {
            return Unmanaged<AutogradState>.fromOpaque(raw).takeUnretainedValue()
        }
        let state = AutogradState()
        pthread_setspecific(key, Unmanaged.passRetained(state).toOpaque())
        return state
    }
}

#if canImport(Glibc)
private let autogradStateKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { raw in
        if let raw { Unmanaged<AutogradState>.fromOpaque(raw).release() }
    }
    return key
}()
#else
private let autogradStateKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { raw in
        Unmanaged<AutogradState>.fromOpaque(raw).release()
    }
    return key
}()
#endif

/// Grad mode (`torch.no_grad`, `enable_grad`, `set_grad_enabled`), per thread.
public enum GradMode {
    /// `torch.is_grad_enabled()`; settable for context managers entered and exited separately.
    public static var isEnabled: Bool {
        get { AutogradState.current.gradEnabled }
        set { AutogradState.current.gradEnabled = newValue }
    }

    /// Runs `body` with grad mode set to `enabled`, restoring the previous mode afterwards.
    @discardableResult
    public static func with<R>(enabled: Bool, _ body: () throws -> R) rethrows -> R {
        let state = AutogradState.current
        let previous = state.gradEnabled
        state.gradEnabled = enabled
        defer { state.gradEnabled = previous }
        return try body()
    }

    /// `with torch.no_grad(): body`.
    @discardableResult
    public static func noGrad<R>(_ body: () throws -> R) rethrows -> R {
        try with(enabled: false, body)
    }

    /// `with torch.enable_grad(): body`.
    @discardableResult
    public static func enableGrad<R>(_ body: () throws -> R) rethrows -> R {
        try with(enabled: true, body)
    }
}

/// Anomaly detection (`torch.autograd.set_detect_anomaly`), per thread.
public enum AnomalyMode {
    /// Whether backward checks node outputs for NaN.
    public static var isEnabled: Bool {
        get { AutogradState.current.anomalyEnabled }
        set { AutogradState.current.anomalyEnabled = newValue }
    }
}
