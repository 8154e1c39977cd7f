import Foundation
import RegionRegistry
import RegistryHealth

/// The health pipeline's side of the store, for `HealthMonitor` (this module only).
extension Registry {
    func storeSamples(_ samples: [HealthSample]) async throws {
        try fleet.requireDatabase()
        try await store.insertSamples(samples)
    }

    func pruneSamples(before cutoff: Date) async throws -> Int {
        try await store.pruneSamples(before: cutoff)
    }

    func saveRollups(_ rollups: [MinuteRollup]) async throws {
        try await store.saveRollups(rollups)
    }

    func rollups(since minute: Int64) async throws -> [MinuteRollup] {
        try await store.rollups(since: minute)
    }

    func pruneRollups(beforeMinute minute: Int64) async throws -> Int {
        try await store.pruneRollups(beforeMinute: minute)
    }

    /// Logs the transitions and saves the states in one transaction, then serves the new index.
    func recordHealth(_ transitions: [HealthTransition], states: [HealthKey: TrackedHealth]) async throws {
        try await writes.run {
            let base = view
            try await follow(try await store.recordHealth(transitions, states: states), over: base, with: nil)
        }
    }

    func healthStates() async throws -> [HealthKey: TrackedHealth] {
        try await store.healthStates()
    }
}
