import Glibc
import Logging
import SystemdSupport

/// sd_notify for the lifecycle services: a no-op without `NOTIFY_SOCKET`, and a failed send is
/// logged, never fatal (supervision must not take the daemon down).
struct SystemdChannel: Sendable {
    let notifier: SystemdNotifier?
    let logger: Logger
    /// How long a full receive queue (`EAGAIN`) is waited out by default: a busy receiver is
    /// given time rather than skipped.
    static let retryFor: Duration = .seconds(2)
    /// For `READY=1` and `RELOADING=1`: a dropped one has systemd time the start or reload out
    /// and kill a healthy daemon, so they wait far longer than any queue takes to drain.
    static let stateChangeRetryFor: Duration = .seconds(30)
    static let retryEvery: Duration = .milliseconds(20)

    /// - Parameter retryFor: how long `EAGAIN` is retried; `.zero` for messages the next one
    ///   supersedes (watchdog pings), which must not keep a full queue full.
    func send(_ what: String, retryFor: Duration = Self.retryFor, _ message: (SystemdNotifier) throws -> Void) async {
        guard let notifier else { return }
        let deadline = ContinuousClock.now + retryFor
        while true {
            do {
                return try message(notifier)
            } catch SystemdNotifyError.systemCall(_, let code) where code == EAGAIN && retryFor == .zero {
                return  // superseded by the next one; logging each would flood the log while the queue is full
            } catch SystemdNotifyError.systemCall(_, let code) where code == EAGAIN && ContinuousClock.now < deadline {
                try? await Task.sleep(for: Self.retryEvery)
            } catch {
                return logger.warning("sd_notify failed", metadata: ["message": "\(what)", "error": "\(error)"])
            }
        }
    }
}
