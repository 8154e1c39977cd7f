import Logging
import ServiceLifecycle
import SystemdSupport

/// regiond's side of systemd supervision: watchdog pings while the daemon is healthy, and
/// `STOPPING=1` the moment shutdown begins. Runs (and does nothing) without `NOTIFY_SOCKET`.
///
/// Listed last in the service group, so it is the first to hear of graceful shutdown.
struct SystemdService: Service {
    let systemd: SystemdChannel
    /// Half of `WATCHDOG_USEC`; nil when systemd expects no pings.
    let watchdogInterval: Duration?
    let liveness: Liveness
    let logger: Logger

    func run() async throws {
        if systemd.notifier != nil, let watchdogInterval {
            await pingWhileHealthy(every: watchdogInterval)
        } else {
            try? await gracefulShutdown()
        }
        await systemd.send("STOPPING=1") { try $0.stopping() }
    }

    /// A ping proves more than a live process: it is sent only after the event loops ran a task
    /// and the store answered a read, so a wedged daemon stops pinging and systemd restarts it.
    private func pingWhileHealthy(every interval: Duration) async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let problem = await liveness.problem(within: interval) {
                logger.error("withholding the systemd watchdog ping", metadata: ["reason": "\(problem)"])
            } else {
                await systemd.send("WATCHDOG=1", retryFor: .zero) { try $0.watchdog() }
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
