import CivilTime
import Logging
import PostgresNIO
import RegionRegistry
import StoreInterface
import Synchronization

/// The fleet engine: one PostgreSQL database shared by every replica. It runs the migrations of
/// `Migrations/postgres/` (under an advisory lock, so replicas starting together take turns),
/// and every read and write of the registry goes through its methods, each one transaction.
/// Every commit that logs changes also sends `NOTIFY regiond_changes, '<index>'`.
public final class PostgresStore: RegistryStorage {
    public var engine: StoreEngine { .postgres }
    public let location: PostgresLocation
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>
    let partitions = PartitionCache()

    /// The channel every logged commit notifies, with the new index as payload.
    public static let changesChannel = "regiond_changes"

    private init(location: PostgresLocation, client: PostgresClient, logger: Logger) {
        self.location = location
        self.client = client
        self.logger = logger
        running = Task { await client.run() }
    }

    /// Connects, and (in `.migrate` mode) applies pending migrations.
    /// - Throws: `MigrationError` when the database's history does not match this binary's
    ///   migrations (nothing is written then); `StoreError.unavailable` when it cannot be reached.
    public static func open(_ location: PostgresLocation, mode: StoreOpenMode = .migrate, migrations: [Migration]? = nil,
                            logger: Logger? = nil) async throws -> PostgresStore {
        let logger = logger ?? Logger(label: "regiond.postgres")
        // The pool logs every failed connection attempt at info: while a server restarts that is
        // a line per retry. Its warnings still show; regiond says "unavailable" itself.
        // (A logger of its own: setting a level on a copy of `logger` could reach their shared handler.)
        var poolLogger = Logger(label: "regiond.postgres")
        poolLogger.logLevel = max(logger.logLevel, .warning)
        let store = PostgresStore(location: location, client: PostgresClient(configuration: try location.clientConfiguration(),
                                                                             backgroundLogger: poolLogger), logger: logger)
        do {
            let migrator = PostgresMigrator(migrations: try migrations ?? embeddedMigrations())
            // Reachable within the call deadline first; then the migrations take what they take.
            _ = try await store.guarded { try await store.client.query("SELECT 1", logger: logger).collect() }
            switch mode {
            case .migrate:
                for migration in try await store.guarded(deadline: nil, { try await migrator.migrate(store.client, logger: logger) }) {
                    logger.info("applied migration", metadata: ["file": "\(migration.fileName)", "db": "\(location)"])
                }
            case .existingOnly:
                let pending = try await store.guarded { try await migrator.pending(store.client) }
                if !pending.isEmpty { throw MigrationError.pending(fileNames: pending.map(\.fileName)) }
            }
        } catch {
            try? await store.close(checkpoint: false)
            throw error
        }
        return store
    }

    /// The PostgreSQL migrations compiled into this binary, in order.
    public static func embeddedMigrations() throws -> [Migration] {
        try Migration.ordered(EmbeddedMigrations.files.map { try Migration(fileName: $0.name, sql: $0.text) })
    }

    public func appliedMigrations() async throws -> [(version: Int, name: String)] {
        try await guarded { try await PostgresMigrator(migrations: []).applied(self.client).map { ($0.version, $0.name) } }
    }

    public func isSchemaCurrent() async -> Bool {
        guard let migrations = try? Self.embeddedMigrations() else { return false }
        let pending = try? await PostgresMigrator(migrations: migrations).pending(client)
        return pending?.isEmpty == true
    }

    public func fileSizes() -> (database: Int64, wal: Int64)? { nil }

    /// Stops the connection pool; waits for it at most 3 s (a server that does not answer must
    /// not hold a daemon's stop).
    public func close(checkpoint: Bool) async throws {
        running.cancel()
        let running = running
        // Not a task group: a group waits for every child, and the pool's end is what may not come.
        let resumed = Mutex(false)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeOnce = { @Sendable in if resumed.withLock({ done in defer { done = true }; return !done }) { continuation.resume() } }
            Task { await running.value; resumeOnce() }
            Task { try? await Task.sleep(for: .seconds(3)); resumeOnce() }
        }
    }
}
