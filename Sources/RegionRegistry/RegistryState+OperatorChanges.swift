/// What a fleet follower applies from the change log alone: between refreshes the writes are an
/// operator's grants (whose logged summary and time hold the whole grant) and health transitions
/// (which hold no registry state). A refresh's rows name what changed but not all of it: for
/// those the store is read again.
extension RegistryState {
    /// The state after `changes` (in index order), or nil when one of them needs the store.
    public func applyingOperatorChanges(_ changes: [LoggedChange]) -> RegistryState? {
        var state = self
        for logged in changes {
            switch logged.change.kind {
            case .health:
                continue
            case .grant:
                guard let (id, grant) = Self.manualGrant(logged) else { return nil }
                state.grants[id] = grant
            default:
                return nil
            }
        }
        return state
    }

    /// A manual grant's row: its id and the grant it leaves (nil when removed); nil for anything
    /// else (AWS's grants are a refresh's).
    static func manualGrant(_ logged: LoggedChange) -> (GrantID, AccessGrant?)? {
        // Keys are `region/model/origin` (see `Change.grantKey`); model IDs hold no `/`, but join
        // the middle anyway rather than misread one that did.
        let parts = logged.change.key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts.last == Substring(AccessGrant.Origin.manual.rawValue) else { return nil }
        let key = AccessGrant.Key(modelId: parts.dropFirst().dropLast().joined(separator: "/"), region: String(parts[0]))
        let id = GrantID(key: key, origin: .manual)
        if logged.change.action == .removed { return (id, nil) }
        guard case .string(let statusText)? = logged.change.after?["status"], let status = AccessGrant.Status(rawValue: statusText)
        else { return nil }
        let note: String? = if case .string(let text)? = logged.change.after?["note"] { text } else { nil }
        // Written as `setManualGrant` writes it: checked at the commit's time, state derived.
        return (id, AccessGrant(modelId: key.modelId, region: key.region, origin: .manual, status: status, note: note, checkedAt: logged.at))
    }
}
