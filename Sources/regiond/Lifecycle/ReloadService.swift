import Logging
import ServiceLifecycle
import SystemdSupport
import UnixSignals

/// SIGHUP reloads the configuration, framed for systemd by `RELOADING=1` (with
/// `MONOTONIC_USEC`) and `READY=1`, so `systemctl reload` knows when it is done.
struct ReloadService: Service {
    let reloader: ConfigurationReloader
    let systemd: SystemdChannel
    let logger: Logger

    func run() async throws {
        // The sequence owns the signal source: it must live (and be iterated) for the whole run.
        // A wrapper that re-creates iterators could drop it, and SIGHUP's default action is exit.
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in signals {
                logger.info("SIGHUP: reloading the configuration")
                await systemd.send("RELOADING=1", retryFor: SystemdChannel.stateChangeRetryFor) { try $0.reloading() }
                let status = await reloader.reload()
                await systemd.send("READY=1", retryFor: SystemdChannel.stateChangeRetryFor) { try $0.ready(status: status) }
            }
        }
        // Never return before shutdown: a service that returns early ends the whole group.
        try? await gracefulShutdown()
    }
}
