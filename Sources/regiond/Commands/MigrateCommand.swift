import ArgumentParser
import RegistryService

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create the database or bring its schema up to date, then exit.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        try await reportingErrors {
            let settings = try await loadSettings(common)
            let store = try await Registry.openStore(at: settings.db, mode: .migrate, passwordFile: settings.dbPasswordFile,
                                                     logger: LogSetup.logger(level: settings.logLevel))
            let applied = try await store.appliedMigrations()
            try await store.close(checkpoint: false)
            print("\(Registry.describe(database: settings.db)): schema version \(applied.last?.version ?? 0) (\(applied.map(\.name).joined(separator: ", ")))")
        }
    }
}
