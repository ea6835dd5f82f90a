// The `time` module, reading the interpreter's clocks so a replayed run sees the same times.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `time`: `time`, `perf_counter`, `monotonic`, `process_time`, `sleep`.
enum TimeModule {
    /// The module's registration.
    static var definition: NativeModuleDefinition {
        NativeModuleDefinition(name: "time", make: make)
    }

    static func make(_ interp: Interpreter) throws -> PyModule {
        let m = PyModule(name: "time")
        m.define("time") { interp, args, kwargs in
            try expectPositional("time", args, kwargs, min: 0, max: 0)
            return .float(interp.clock())
        }
        for name in ["perf_counter", "monotonic", "process_time"] {
            m.define(name) { interp, args, kwargs in
                try expectPositional(name, args, kwargs, min: 0, max: 0)
                return .float(interp.monotonicClock())
            }
        }
        m.define("time_ns") { interp, args, kwargs in
            try expectPositional("time_ns", args, kwargs, min: 0, max: 0)
            guard let nanoseconds = Int(exactly: (interp.clock() * 1e9).rounded(.down)) else {
                throw PyErr.overflow("timestamp too large to convert to C _PyTime_t")
            }
            return .int(nanoseconds)
        }
        m.define("sleep") { interp, args, kwargs in
            try expectPositional("sleep", args, kwargs, min: 1, max: 1)
            let seconds = try interp.doubleArgument(args[0])
            if seconds.isNaN { throw PyErr.valueError("Invalid value NaN (not a number)") }
            if seconds < 0 { throw PyErr.valueError("sleep length must be non-negative") }
            if seconds >= 9.2e18 { throw PyErr.overflow("timestamp too large to convert to C _PyTime_t") }
            var request = timespec(tv_sec: Int(seconds.rounded(.down)),
                                   tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
            var remaining = timespec()
            while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
            return .none
        }
        return m
    }
}
