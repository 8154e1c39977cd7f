import ArgumentParser
import RegionRegistry
import RegistryHTTP

struct RegionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "regions", abstract: "List regions from the database.")

    @OptionGroup var common: CommonOptions
    @Flag(help: "Print JSON (the shape of GET /v1/regions).") var json = false

    func run() async throws {
        try await reportingErrors {
            let view = try await readView(common)
            let regions = view.regions.filter { !$0.isRemoved }
            if json {
                printJSON(.object(["regions": .array(regions.map(Representation.region)), "count": .int(Int64(regions.count))]))
                return
            }
            printTable(["CODE", "NAME", "PARTITION", "GEOGRAPHY", "OPT-IN"], regions.map {
                let r = $0.value
                return [r.code, r.name, r.partition, r.geography, r.optIn.map { $0 ? "yes" : "no" } ?? "?"]
            })
        }
    }
}
