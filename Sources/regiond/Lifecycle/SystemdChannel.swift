import Logging
import SystemdSupport

/// sd_notify for the lifecycle services: a no-op without `NOTIFY_SOCKET`, and a failed send is
/// logged, never fatal (supervision must not take the daemon down).
struct SystemdChannel: Sendable {
    let notifier: SystemdNotifier?
    let logger: Logger

    func send(_ what: String, _ message: (SystemdNotifier) throws -> Void) {
        guard let notifier else { return }
        do {
            try message(notifier)
        } catch {
            logger.warning("sd_notify failed", metadata: ["message": "\(what)", "error": "\(error)"])
        }
    }
}
