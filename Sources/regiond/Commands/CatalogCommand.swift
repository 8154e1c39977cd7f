import ArgumentParser
import RegistrySources

struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "Work with catalog files.", subcommands: [Validate.self, Show.self])

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a catalog file without touching any database; exits 1 listing every problem.")

        @Argument(help: "The catalog file (JSON, regiond-catalog version 1).") var file: String

        func run() async throws {
            try await reportingErrors {
                let (catalog, snapshot) = try CatalogSource(.file(file)).load()
                let routes = snapshot.profiles.reduce(0) { $0 + $1.routes.count }
                print("\(file): valid \(catalog.format) v\(catalog.version) \"\(catalog.name)\": \(snapshot.regions.count) regions, "
                      + "\(snapshot.models.count) models, \(snapshot.profiles.count) profiles, \(routes) routes")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the catalog compiled into this binary.")

        func run() async throws {
            print(CatalogSource.embeddedText, terminator: "")
        }
    }
}
