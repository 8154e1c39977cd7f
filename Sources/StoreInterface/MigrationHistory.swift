/// The checksum rule both engines apply before writing anything: a database's recorded history
/// must be a prefix of this binary's migrations, file for file.
public enum MigrationHistory {
    /// A migration as a database recorded it.
    public struct Applied: Sendable, Hashable {
        public var version: Int
        public var name: String
        public var checksum: String

        public init(version: Int, name: String, checksum: String) {
            self.version = version
            self.name = name
            self.checksum = checksum
        }
    }

    /// Checks `applied` (in version order) against `migrations`; returns those still to apply.
    public static func pending(applied: [Applied], migrations: [Migration]) throws -> [Migration] {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        let newestKnown = migrations.last?.version ?? 0
        if let newest = applied.last, newest.version > newestKnown {
            throw MigrationError.newerDatabase(databaseVersion: newest.version, fileName: newest.name, binaryVersion: newestKnown)
        }
        for record in applied {
            guard let migration = known[record.version] else { throw MigrationError.missing(fileName: record.name) }
            if migration.checksum != record.checksum { throw MigrationError.changed(fileName: migration.fileName) }
        }
        let done = Set(applied.map(\.version))
        return migrations.filter { !done.contains($0.version) }
    }
}
