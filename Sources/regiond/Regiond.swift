import ArgumentParser

@main
struct Regiond: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regiond",
        abstract: "A registry of Amazon Bedrock regions and cross-region inference profiles, served as JSON over HTTP.",
        discussion: "Cross-region inference profiles route a request from its source region to any of the "
            + "profile's destination regions, so model access must be granted in every destination. regiond keeps "
            + "that picture in SQLite and answers what a profile routes to and whether access along it is complete.",
        version: RegiondVersion.current,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, RefreshCommand.self, AuditCommand.self,
            ProfilesCommand.self, RegionsCommand.self, CatalogCommand.self, BackupCommand.self, CheckCommand.self,
            PolicyCommand.self, CheckPolicyCommand.self, ResidencyCommand.self, ModelsCommand.self, ExportCommand.self, VersionCommand.self,
        ]
    )
}
