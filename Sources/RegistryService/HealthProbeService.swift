import Logging
import RegistryHealth
import RegistrySources
import ServiceLifecycle

/// Active probes: each interval, one probe of the Bedrock control plane per region (see
/// `BedrockControlPlane.probe`), so a region is judged even when no gateway reports. Uses the
/// AWS source's client: its signing, credentials, endpoint override and retry accounting.
public struct HealthProbeService: Service {
    let controlPlane: BedrockControlPlane
    let regions: [String]
    let interval: Duration
    let monitor: HealthMonitor
    let logger: Logger

    public init(controlPlane: BedrockControlPlane, regions: [String], interval: Duration, monitor: HealthMonitor, logger: Logger) {
        self.controlPlane = controlPlane
        self.regions = regions
        self.interval = interval
        self.monitor = monitor
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if monitor.registry.fleet.isLeader { await probeOnce() }  // in a fleet, the leader probes for all
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }

    private func probeOnce() async {
        let samples = await withTaskGroup(of: HealthSample.self) { group in
            for region in regions { group.addTask { await controlPlane.probe(region: region) } }
            var samples: [HealthSample] = []
            for await sample in group { samples.append(sample) }
            return samples
        }
        for sample in samples where sample.outcome != .ok {
            logger.debug("probe failed", metadata: ["region": "\(sample.region)", "outcome": "\(sample.outcome.rawValue)"])
        }
        _ = await monitor.accept(samples)
    }
}
