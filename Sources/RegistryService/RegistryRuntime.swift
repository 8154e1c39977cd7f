import Logging
import RegionRegistry
import RegistryHealth

/// The registry and what keeps it current, assembled the one way the daemon and the tests both
/// use: the database opened (and migrated), runs a dead process left `running` marked failed,
/// the health windows and states restored.
public struct RegistryRuntime: Sendable {
    public let registry: Registry
    public let refresher: RefreshCoordinator
    public let health: HealthMonitor
    public let metrics: RegiondMetrics

    public static func open(database path: String, source: any SnapshotSource, health settings: HealthSettings,
                            logger: Logger) async throws -> RegistryRuntime {
        try await open(database: path, health: settings, logger: logger) { source }
    }

    /// `makeSource` runs while the store loads: with a large registry both take long (reading a
    /// catalog file, reading the database), and neither needs the other.
    public static func open(database path: String, passwordFile: String? = nil, health settings: HealthSettings, logger: Logger,
                            source makeSource: @escaping @Sendable () async throws -> any SnapshotSource) async throws -> RegistryRuntime {
        async let made = makeSource()
        let metrics = RegiondMetrics()
        let registry = try await Registry.open(at: path, passwordFile: passwordFile, metrics: metrics, logger: logger)
        do {
            let source = try await made
            // In a fleet the run may be the leader's, alive: a replica does this when it comes to lead.
            let interrupted = registry.fleet.isLeader ? try await registry.abandonInterruptedRuns() : 0
            if interrupted > 0 {
                logger.warning("marked refresh runs interrupted by an earlier stop as failed", metadata: ["runs": "\(interrupted)"])
            }
            let refresher = RefreshCoordinator(source: source, registry: registry, metrics: metrics, logger: logger)
            let health = HealthMonitor(registry: registry, settings: settings, metrics: metrics, logger: logger)
            try await health.restore()
            return RegistryRuntime(registry: registry, refresher: refresher, health: health, metrics: metrics)
        } catch {
            try? await registry.close(checkpoint: false)
            throw error
        }
    }
}
