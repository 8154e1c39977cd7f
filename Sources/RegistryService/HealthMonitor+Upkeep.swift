import Foundation
import RegistryHealth

/// The store side of health, run by `HealthService`: evaluating states,
/// saving minute rollups, pruning past retention, and restoring after a restart.
extension HealthMonitor {
    /// One evaluation: window figures → states (with hysteresis) → transitions logged.
    func evaluate(now: Date = Date()) async {
        let (transitions, states) = live.withLock { live -> ([HealthTransition], [HealthKey: TrackedHealth]) in
            let window = live.tracker.thresholds.window
            var stats: [HealthKey: HealthStats] = [:]
            for key in live.sampledKeys { stats[key] = live.stats(for: key, window: window, now: now) }
            let transitions = live.tracker.evaluate(stats, at: now)
            return (transitions, live.tracker.all)
        }
        views.invalidate()
        let allStates = HealthState.allCases.map(\.rawValue)
        for (key, tracked) in states {
            metrics?.healthState(region: key.region, modelId: key.modelId, state: tracked.state.rawValue, allStates: allStates)
        }
        // In a fleet the leader records states and transitions; the others evaluate the same merged
        // figures for their own view.
        guard !transitions.isEmpty, registry.fleet.isLeader else { return }
        for transition in transitions {
            metrics?.healthTransition(to: transition.to.rawValue)
            logger.notice("health changed", metadata: [
                "key": "\(transition.key)", "from": "\(transition.from.rawValue)", "to": "\(transition.to.rawValue)",
                "reason": "\(transition.reason)",
            ])
        }
        do {
            try await registry.recordHealth(transitions, states: states)
        } catch {
            logger.error("could not record health transitions", metadata: ["error": "\(error)"])
        }
    }

    /// Persists this replica's minute rollups of the last `minutes` minutes and the current one
    /// (idempotent: a minute is rewritten as it fills). In a fleet, then reads the other
    /// replicas' rollups of the same minutes, so their samples count in this replica's windows
    /// within one evaluation interval of reaching the store.
    func saveRollups(now: Date = Date(), minutes: Int64 = 2) async {
        let fleet = registry.fleet
        let current = MinuteRollup.minute(of: now)
        defer { prune(now: now) }
        // Without the shared database there is nothing to write to or read from (it says so elsewhere).
        guard fleet.snapshot.lostSince == nil else { return }
        let replica = fleet.rollupReplica
        let rollups = live.withLock { live in
            ((current - minutes)...current).flatMap { live.aggregator.rollups(minute: $0) }
        }
        do {
            try await registry.saveRollups(rollups.map { var rollup = $0; rollup.replica = replica; return rollup })
            if fleet.isShared { mergePeers(try await registry.rollups(since: current - minutes), except: replica) }
        } catch {
            logger.error("could not store or read health rollups", metadata: ["error": "\(error)"])
        }
    }

    /// Takes other replicas' rollups in, each replacing that replica's earlier reading of its minute.
    private func mergePeers(_ rollups: [MinuteRollup], except replica: String) {
        guard rollups.contains(where: { $0.replica != replica }) else { return }
        live.withLock { live in
            for rollup in rollups where rollup.replica != replica {
                live.peers[rollup.replica, default: HealthAggregator(retainMinutes: live.aggregator.retainMinutes)].replace(rollup)
            }
        }
        views.invalidate()
    }

    private func prune(now: Date) {
        live.withLock { live in
            live.aggregator.prune(now: now)
            for name in live.peers.keys { live.peers[name]!.prune(now: now) }
            live.peers = live.peers.filter { !$0.value.keys.isEmpty }
        }
    }

    /// Drops raw samples past retention and rollups past 14 days, a small batch at a time.
    func pruneStore(now: Date = Date()) async {
        guard registry.fleet.isLeader else { return }
        let cutoff = now.addingTimeInterval(-Double(settings.sampleRetention.components.seconds))
        let oldestMinute = Int64(now.timeIntervalSince1970 / 60) - HealthSettings.rollupRetentionMinutes
        do {
            var removed = 0
            while !Task.isCancelled {
                let batch = try await registry.pruneSamples(before: cutoff)
                removed += batch
                if batch == 0 { break }
                await Task.yield()  // let queued writes and reads in between
            }
            while !Task.isCancelled, try await registry.pruneRollups(beforeMinute: oldestMinute) > 0 {
                await Task.yield()
            }
            if removed > 0 { logger.info("pruned health samples past retention", metadata: ["samples": "\(removed)"]) }
        } catch {
            logger.error("could not prune health samples", metadata: ["error": "\(error)"])
        }
    }

    /// After a restart: the last hour of rollups and the states, so windows and hysteresis
    /// continue instead of starting from nothing.
    public func restore(now: Date = Date()) async throws {
        let since = Int64(now.timeIntervalSince1970 / 60) - 60
        let rollups = try await registry.rollups(since: since)
        let states = try await registry.healthStates()
        let replica = registry.fleet.rollupReplica
        live.withLock { live in
            live.aggregator.restore(rollups.filter { $0.replica == replica })
            live.tracker.restore(states)
        }
        // In a fleet, rows under other names (other replicas, and this one before a restart) are peers'.
        mergePeers(rollups, except: replica)
    }
}
