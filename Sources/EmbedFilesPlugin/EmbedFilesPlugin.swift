import Foundation
import PackagePlugin

/// Compiles text files into Swift string constants at build time, so the installed binary carries
/// its schema, catalog and API document and never looks for them on disk.
///
/// Which files each target embeds is decided here, in one place:
/// - RegistryStore: every `Migrations/sqlite/NNNN_name.sql` (the files stay the source of truth).
/// - PostgresStore: every `Migrations/postgres/NNNN_name.sql`.
/// - RegistrySources: `Catalog/*.json` inside the target (the default catalog).
/// - RegistryHTTP: `openapi.json` and the operator page (`Page/*`) inside the target.
@main
struct EmbedFilesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let (inputs, typeName) = try embeddedFiles(for: target, package: context.package)
        guard !inputs.isEmpty else { return [] }
        let output = context.pluginWorkDirectoryURL.appending(path: "\(typeName).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) file(s) into \(target.name)",
                executable: try context.tool(named: "embed-files").url,
                arguments: [typeName, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    private func embeddedFiles(for target: SourceModuleTarget, package: Package) throws -> ([URL], String) {
        let fm = FileManager.default
        func files(in dir: URL, suffix: String) throws -> [URL] {
            guard fm.fileExists(atPath: dir.path) else { return [] }
            return try fm.contentsOfDirectory(atPath: dir.path)
                .filter { $0.hasSuffix(suffix) }
                .sorted()
                .map { dir.appending(path: $0) }
        }
        switch target.name {
        case "RegistryStore":
            return (try files(in: package.directoryURL.appending(path: "Migrations/sqlite"), suffix: ".sql"), "EmbeddedMigrations")
        case "PostgresStore":
            return (try files(in: package.directoryURL.appending(path: "Migrations/postgres"), suffix: ".sql"), "EmbeddedMigrations")
        case "RegistrySources":
            return (try files(in: target.directoryURL.appending(path: "Catalog"), suffix: ".json"), "EmbeddedCatalog")
        case "RegistryHTTP":
            let page = try fm.contentsOfDirectory(atPath: target.directoryURL.appending(path: "Page").path).sorted()
                .filter { $0.hasSuffix(".html") || $0.hasSuffix(".css") || $0.hasSuffix(".js") || $0.hasSuffix(".svg") }
                .map { target.directoryURL.appending(path: "Page/\($0)") }
            return ([target.directoryURL.appending(path: "openapi.json")] + page, "EmbeddedHTTPFiles")
        default:
            return ([], "")
        }
    }
}
