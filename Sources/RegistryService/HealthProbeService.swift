import AWSCore
import Foundation
import Logging
import RegistryHealth
import ServiceLifecycle

/// Active probes: each interval, one cheap signed control-plane call per region
/// (`ListInferenceProfiles` with `maxResults=1`), recorded as a sample with origin `probe` under
/// the pseudo-model `bedrock-control-plane`, so a region is judged even when no gateway reports.
/// Uses the AWS source's client: its signing, credentials, endpoint override and retries (one
/// attempt here: a probe measures, it does not insist).
public struct HealthProbeService: Service {
    public static let probeModel = "bedrock-control-plane"

    let client: AWSClient
    let regions: [String]
    let interval: Duration
    let monitor: HealthMonitor
    let logger: Logger

    public init(client: AWSClient, regions: [String], interval: Duration, monitor: HealthMonitor, logger: Logger) {
        self.client = client
        self.regions = regions
        self.interval = interval
        self.monitor = monitor
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let samples = await withTaskGroup(of: HealthSample.self) { group in
                for region in regions { group.addTask { await probe(region) } }
                var samples: [HealthSample] = []
                for await sample in group { samples.append(sample) }
                return samples
            }
            await monitor.accept(samples)
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }

    func probe(_ region: String) async -> HealthSample {
        let request = AWSRequest(operation: "ListInferenceProfiles", region: region, pathSegments: ["inference-profiles"],
                                 query: [("maxResults", "1")])
        let started = ContinuousClock.now
        let outcome: HealthSample.Outcome
        var status: Int?
        do {
            _ = try await client.get(request, attempts: 1)
            outcome = .ok
            status = 200
        } catch let error as AWSServiceError {
            outcome = error.isThrottling ? .throttled : .error
            status = error.status
        } catch let error as AWSTransportError {
            outcome = error.isTimeout ? .timeout : .error
        } catch {
            outcome = .error
        }
        let elapsed = ContinuousClock.now - started
        if outcome != .ok { logger.debug("probe failed", metadata: ["region": "\(region)", "outcome": "\(outcome.rawValue)"]) }
        return HealthSample(region: region, modelId: Self.probeModel, profileId: nil, sourceRegion: nil, observedAt: Date(),
                            latencyMs: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15,
                            ttftMs: nil, outcome: outcome, httpStatus: status, origin: "probe")
    }
}
