import RegionRegistry

extension Registry {
    /// Change-log entries after `since`, at most `limit`. With `wait`, blocks until one arrives
    /// or the wait (plus up to 1/16 of it, so watchers that started together wake apart) passes.
    ///
    /// Entries are served only up to the read model's index: a client that saw a change here must
    /// find it in every other answer (the store commits a moment before the view is swapped). A
    /// `since` ahead of the store's index (a replaced database) starts again from the beginning
    /// rather than block on an index that may never come.
    ///
    /// At most `maxWatchers` requests block at once: each holds a connection and a task, and a
    /// crowd of them must not starve the rest. One more is refused (`tooManyWatchers`).
    public func changes(since: Int64, limit: Int, wait: Duration, maxWatchers: Int = .max) async throws -> ChangePage {
        var since = since
        var (entries, index, stored) = try await visibleChanges(since: since, limit: limit + 1)
        if since > stored {
            since = 0
            (entries, index, _) = try await visibleChanges(since: since, limit: limit + 1)
        } else if entries.isEmpty && wait > .zero {
            guard notifier.admit(limit: maxWatchers) else { throw RegistryError.tooManyWatchers(limit: maxWatchers) }
            defer { notifier.leave() }
            _ = await waitForChange(after: since, timeout: wait + wait / 16 * Double.random(in: 0...1))
            (entries, index, _) = try await visibleChanges(since: since, limit: limit + 1)
        }
        let page = Array(entries.prefix(limit))
        let more = entries.count > page.count
        return ChangePage(changes: page, index: more ? page.last!.index : index, more: more)
    }

    private func visibleChanges(since: Int64, limit: Int) async throws -> (entries: [LoggedChange], index: Int64, stored: Int64) {
        let visible = view.index
        // A replica that lost the shared database has nothing newer than its view to list: a
        // watcher at the view's index waits on; one behind it is told to come back (503).
        if fleet.snapshot.lostSince != nil {
            if since >= visible { return ([], visible, visible) }
            throw RegistryError.storeUnavailable(fleet.snapshot.lostReason ?? "connection lost")
        }
        let (entries, stored) = try await RegistryError.mapping { try await store.changePage(since: since, limit: limit) }
        return (entries.filter { $0.index <= visible }, min(stored, visible), stored)
    }
}
