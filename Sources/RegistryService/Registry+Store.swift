import RegionRegistry

extension Registry {
    /// Sizes of the database file and its write-ahead log, in bytes (read at each call); nil when
    /// the database is not a file here (PostgreSQL).
    public func storeFileSizes() -> (database: Int64, wal: Int64)? {
        store.fileSizes()
    }

    /// Returns once the store has answered a read (the watchdog's proof that it is not wedged).
    public func readFromStore() async throws {
        _ = try await store.currentIndex()
    }
}
