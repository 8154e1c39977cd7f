import Logging
import RegionRegistry
import StoreInterface

extension Registry {
    /// Most change-log rows one catch-up applies; beyond, reading the store again is as cheap.
    static let catchUpRows = 500

    /// Follows what another replica committed past this view: from the change-log rows alone when
    /// they are operator writes (grants, health transitions: the API's writes between refreshes),
    /// else by reading the store again (a refresh's rows name what changed, not all of it).
    func catchUp(logger: Logger) async {
        do {
            let base = view
            let rows = try await store.changes(since: base.index, limit: Self.catchUpRows)
            guard let last = rows.last else { return }
            if rows.count < Self.catchUpRows, let state = base.state.applyingOperatorChanges(rows) {
                publish(RegistryView(state: state, index: last.index))
            } else {
                try await reload()
            }
        } catch {
            logger.warning("fleet: could not read the shared database to catch up", metadata: ["error": "\(error)"])
        }
    }

    /// Leadership came or went. A new leader marks runs a dead leader left `running` as failed.
    func leadershipChanged(_ leading: Bool, logger: Logger) async {
        fleet.setLeader(leading)
        metrics?.fleetLeader(leading)
        logger.notice(leading ? "fleet: this replica leads (refreshes, probes, prunes)" : "fleet: this replica no longer leads",
                      metadata: ["replica": "\(fleet.snapshot.replica)"])
        if leading, let abandoned = try? await store.abandonInterruptedRuns(), abandoned > 0 {
            logger.warning("fleet: marked runs the previous leader left running as failed", metadata: ["runs": "\(abandoned)"])
        }
    }
}
