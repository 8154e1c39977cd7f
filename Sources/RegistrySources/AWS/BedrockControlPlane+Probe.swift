import AWSCore
import Foundation
import RegistryHealth

extension BedrockControlPlane {
    /// The pseudo-model probe samples are recorded under.
    public static let probeModel = "bedrock-control-plane"

    /// One cheap signed call (`ListInferenceProfiles`, one result) in `region`, as a health
    /// sample with origin `probe`: total latency and outcome. One attempt: a probe measures, it
    /// does not insist.
    public func probe(region: String) async -> HealthSample {
        let request = AWSRequest(operation: "ListInferenceProfiles", region: region, pathSegments: ["inference-profiles"],
                                 query: [("maxResults", "1")])
        let started = ContinuousClock.now
        let outcome: HealthSample.Outcome
        var status: Int?
        do {
            _ = try await client.send(request, attempts: 1)
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
        return HealthSample(region: region, modelId: Self.probeModel, observedAt: Date(),
                            latencyMs: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15,
                            outcome: outcome, httpStatus: status, origin: "probe")
    }
}
