import Glibc
import Logging
import SystemdSupport

/// sd_notify for the lifecycle services: a no-op without `NOTIFY_SOCKET`, and a failed send is
/// logged, never fatal (supervision must not take the daemon down).
struct SystemdChannel: Sendable {
    let notifier: SystemdNotifier?
    let logger: Logger
    /// How long a full receive queue (`EAGAIN`) is waited out: a dropped `READY=1` would have
    /// systemd time the start out, so a busy receiver is given time rather than skipped.
    static let retryFor: Duration = .seconds(2)
    static let retryEvery: Duration = .milliseconds(20)

    func send(_ what: String, _ message: (SystemdNotifier) throws -> Void) async {
        guard let notifier else { return }
        let deadline = ContinuousClock.now + Self.retryFor
        while true {
            do {
                return try message(notifier)
            } catch SystemdNotifyError.systemCall(_, let code) where code == EAGAIN && ContinuousClock.now < deadline {
                try? await Task.sleep(for: Self.retryEvery)
            } catch {
                return logger.warning("sd_notify failed", metadata: ["message": "\(what)", "error": "\(error)"])
            }
        }
    }
}
