import CivilTime
import Foundation
import RegionRegistry

/// Whether the daemon can answer truthfully: what `GET /readyz` reports and `READY=1` waits for.
public struct Readiness: Sendable {
    public var storeAnswers: Bool
    public var schemaCurrent: Bool
    /// A refresh succeeded and the read model holds profiles.
    public var loaded: Bool
    /// Why it is not ready, in words for an operator; nil when ready.
    public var reason: String?

    public var ready: Bool { storeAnswers && schemaCurrent && loaded }
}

extension Registry {
    public func readiness() async -> Readiness {
        // A replica that lost the shared database answers from its last view: ready until that
        // has lasted `staleAfter`, then stale. It does not wait on the database to say so.
        if let lost = fleet.snapshot.lostSince {
            let fresh = Date().timeIntervalSince(lost) < Double(fleet.staleAfter.components.seconds)
            var readiness = Readiness(storeAnswers: fresh, schemaCurrent: true, loaded: !view.profiles.isEmpty)
            if !fresh {
                readiness.reason = "stale: no answer from the shared database since \(Timestamp.format(lost)) (\(fleet.snapshot.lostReason ?? "connection lost"))"
            } else if view.profiles.isEmpty {
                readiness.reason = "the registry holds no inference profiles"
            }
            return readiness
        }
        let lastSuccess = try? await store.lastSuccessfulRun()
        let storeAnswers = (try? await store.currentIndex()) != nil
        let schemaCurrent = await store.isSchemaCurrent()
        let loaded = lastSuccess != nil && !view.profiles.isEmpty
        var readiness = Readiness(storeAnswers: storeAnswers, schemaCurrent: schemaCurrent, loaded: loaded)
        if !storeAnswers {
            readiness.reason = "the database does not answer"
        } else if !schemaCurrent {
            readiness.reason = "the database schema does not match this regiond (see regiond check)"
        } else if !loaded {
            readiness.reason = await notLoadedReason(everSucceeded: lastSuccess != nil)
        }
        return readiness
    }

    private func notLoadedReason(everSucceeded: Bool) async -> String {
        if everSucceeded { return "the registry holds no inference profiles" }
        guard let last = try? await lastRun() else { return "the first refresh has not started" }
        switch last.outcome {
        case .running: return "the first refresh is running"
        default: return "no refresh has succeeded yet; the last one failed: \(last.error ?? "see the regiond log")"
        }
    }
}
