#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `sd_watchdog_enabled(3)` without libsystemd.
public enum SystemdWatchdog {
    /// How often to send `WATCHDOG=1`: half of `WATCHDOG_USEC`, as systemd recommends, so one late
    /// ping is not fatal. `nil` when no watchdog is armed for this process: `WATCHDOG_USEC`
    /// unset, zero or garbage, or `WATCHDOG_PID` naming another process (a child inherited it).
    public static func pingInterval(environment: [String: String], pid: pid_t = getpid()) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let usec = Int64(text), usec > 0 else { return nil }
        if let owner = environment["WATCHDOG_PID"], !owner.isEmpty {
            guard let ownerPID = pid_t(owner), ownerPID == pid else { return nil }
        }
        return .microseconds(usec / 2)
    }
}
