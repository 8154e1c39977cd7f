/// A store several replicas share (PostgreSQL): one of them leads (refreshes, probes, prunes),
/// every one follows the others' commits. An embedded store is not one: its one daemon leads.
public protocol SharedStorage: RegistryStorage {
    /// Competes for the fleet's leader lock every `interval` and, once held, checks every
    /// `interval` that its session lives; calls `changed` with each change of leadership. Returns
    /// at cancellation (releasing the lock); a lost connection is leadership lost, then retried.
    func lead(every interval: Duration, changed: @escaping @Sendable (Bool) async -> Void) async

    /// Listens for other replicas' commits: `connected` each time listening (re)starts (the
    /// caller catches up then), `committed` with each index announced. Returns at cancellation;
    /// a lost connection is reported through `lost` and retried every `retry`.
    func follow(retry: Duration, connected: @escaping @Sendable () async -> Void,
                committed: @escaping @Sendable (Int64) async -> Void, lost: @escaping @Sendable (String) async -> Void) async
}
