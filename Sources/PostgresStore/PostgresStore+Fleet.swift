import Logging
import PostgresNIO
import StoreInterface

extension PostgresStore: SharedStorage {
    /// Arbitrary, fixed: the advisory-lock key of the fleet's leader ("regiond" in ASCII + 2).
    static let leaderLock: Int64 = 0x7265_6769_6F6E_6402

    public func lead(every interval: Duration, changed: @escaping @Sendable (Bool) async -> Void) async {
        while !Task.isCancelled {
            var leading = false
            do {
                // A connection of its own for as long as this replica leads: the lock is the session's,
                // so when this process dies its connection drops and the lock frees for another.
                try await client.withConnection { connection in
                    while !Task.isCancelled {
                        if !leading {
                            leading = try await connection.rows("SELECT pg_try_advisory_lock(\(Self.leaderLock)) AS held", logger: logger)
                                .first?["held"].decode(Bool.self) == true
                            if leading { await changed(true) }
                        }
                        try await Task.sleep(for: interval)
                        if leading {
                            // The session, and so the lock, lives; a server that does not answer
                            // within three intervals is leadership lost (it could not write anyway).
                            try await guarded(deadline: interval * 3) { try await connection.query("SELECT 1", logger: self.logger).collect() }
                        }
                    }
                    if leading { _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.leaderLock))", logger: logger) }
                }
            } catch where !Task.isCancelled {
                logger.warning("fleet leadership: lost the database connection", metadata: ["error": "\(Self.describe(error))"])
            } catch {}
            if leading { await changed(false) }
            if !Task.isCancelled { try? await Task.sleep(for: interval) }
        }
    }

    public func follow(retry: Duration, connected: @escaping @Sendable () async -> Void,
                       committed: @escaping @Sendable (Int64) async -> Void, lost: @escaping @Sendable (String) async -> Void) async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: Self.changesChannel) { notifications in
                        await connected()
                        for try await notification in notifications {
                            if let index = Int64(notification.payload) { await committed(index) }
                        }
                    }
                }
                if Task.isCancelled { return }
                await lost("the notification stream ended")
            } catch {
                if Task.isCancelled { return }
                await lost(Self.describe(error))
            }
            try? await Task.sleep(for: retry)
        }
    }
}
