import ServiceLifecycle
import SystemdSupport

/// Keeps systemd waiting while start-up is not over (see `StartupGate`): a first refresh from a
/// slow source (AWS: many regions, retries) may outlast the unit's start timeout, so every
/// `extendEvery` it asks for `extendBy` more with `EXTEND_TIMEOUT_USEC`.
struct StartupTimeoutService: Service {
    let startup: StartupGate
    let systemd: SystemdChannel
    static let extendEvery: Duration = .seconds(10)
    static let extendBy: Duration = .seconds(30)

    func run() async throws {
        while !(await startup.isOpen) {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.extendEvery) }
            } catch {
                return  // shutting down
            }
            if !(await startup.isOpen) {
                await systemd.send("EXTEND_TIMEOUT_USEC") { try $0.extendTimeout(by: Self.extendBy) }
            }
        }
        // Never return before shutdown: a service that returns early ends the whole group.
        try? await gracefulShutdown()
    }
}
