import ArgumentParser
import RegistryStore

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to DEST while the daemon keeps running (a consistent snapshot, checked before it is kept).")

    @OptionGroup var common: CommonOptions

    @Argument(help: "Where to write the copy. Never overwritten: an existing file is an error.")
    var destination: String

    func run() async throws {
        try await reportingErrors {
            let settings = try await loadSettings(common)
            try requireSQLite(settings, "backup", instead: "back up PostgreSQL with pg_dump or its base backups")
            let store = try await SQLiteStore.open(at: settings.db, mode: .existingOnly)
            let report: BackupReport
            do {
                report = try await store.backup(to: destination)
            } catch {
                try? store.close()
                throw error
            }
            try store.close()
            print("backed up \(settings.db) to \(report.destination): \(report.bytes) bytes, schema version \(report.schemaVersion), "
                  + "change index \(report.changeIndex), integrity ok")
        }
    }
}
