import RegionRegistry
import RegistryService
import SystemdSupport

/// Tells systemd what the daemon is doing (`systemctl status` shows the STATUS line): ready
/// with how much it serves, then the outcome of each refresh.
struct StatusReporter: Sendable {
    let registry: Registry
    let systemd: SystemdChannel

    /// `READY=1`; `firstRefresh` is the run start-up waited for on an empty database.
    func ready(after firstRefresh: RefreshRun?) async {
        var line = "serving \(summary())"
        if let firstRefresh, firstRefresh.outcome == .failed {
            line = "first refresh failed, not ready until a refresh succeeds: \(firstRefresh.error ?? "see the log"); \(line)"
        }
        await systemd.send("READY=1", retryFor: SystemdChannel.stateChangeRetryFor) { try $0.ready(status: line) }
    }

    func refreshFinished(_ run: RefreshRun) async {
        var line = "last refresh \(run.outcome.rawValue) at \(run.finishedAt ?? run.startedAt); serving \(summary())"
        let failed = Set(run.regions.filter { !$0.succeeded }.map(\.region)).sorted()
        if !failed.isEmpty { line += "; regions kept from earlier (failed now): \(failed.joined(separator: ", "))" }
        await systemd.send("STATUS") { try $0.status(line) }
    }

    private func summary() -> String {
        let view = registry.view
        let profiles = view.profiles(matching: ProfileFilter()).count
        return "\(profiles) profiles at index \(view.index)"
    }
}
