import ArgumentParser
import RegionRegistry
import RegistryHTTP

struct ProfilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles", abstract: "List inference profiles and their routes from the database.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Geography prefix (us, eu, apac, global, …).") var geo: String?
    @Option(help: "Foundation model id.") var model: String?
    @Option(help: "Only profiles with a route from this source region.") var sourceRegion: String?
    @Option(help: "Only profiles that may route to this region.") var destinationRegion: String?
    @Flag(help: "Include removed profiles.") var includeRemoved = false
    @Flag(help: "Print JSON (the shape of GET /v1/profiles).") var json = false

    func run() async throws {
        try await reportingErrors {
            let view = try await readView(common)
            let profiles = view.profiles(matching: ProfileFilter(
                geo: geo, modelId: model, sourceRegion: sourceRegion, destinationRegion: destinationRegion,
                includeRemoved: includeRemoved))
            if json {
                printJSON(.object(["profiles": .array(profiles.map { Representation.profile($0, in: view) }), "count": .int(Int64(profiles.count))]))
                return
            }
            var rows: [[String]] = []
            for tracked in profiles {
                for route in tracked.value.routes where sourceRegion == nil || route.sourceRegion == sourceRegion {
                    rows.append([tracked.value.id + (tracked.isRemoved ? " (removed)" : ""), route.sourceRegion,
                                 (route.scope == .commercial ? "any commercial region, e.g. " : "")
                                    + route.destinationRegions.joined(separator: ",")])
                }
            }
            printTable(["PROFILE", "SOURCE", "DESTINATIONS"], rows)
            print("\(profiles.count) profile(s)")
        }
    }
}
