import Logging
import StoreInterface

extension Registry {
    /// Reads the store again when another replica committed past this view.
    func catchUp(logger: Logger) async {
        do {
            try await reload()
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
