import ArgumentParser
import RegionRegistry
import RegistryHTTP

struct ResidencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "residency",
        abstract: "Which routes stay inside the allowed regions or geographies, and where the others may run.",
        discussion: "The guard is guard.regions and guard.geographies from the configuration, narrowed by --within and --geography.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Allowed geographies as `regiond regions` names them (e.g. Europe), comma-separated.")
    var geography: String?

    @Option(help: "Allowed regions, comma-separated.")
    var within: String?

    @Option(help: "Only profiles of this geography prefix (us, eu, apac, global, …).")
    var geo: String?

    @Option(help: "Only routes from this source region.")
    var sourceRegion: String?

    @Flag(help: "Print JSON: every route with its residency.")
    var json = false

    func run() async throws {
        try await reportingErrors {
            let settings = try await loadSettings(common)
            let view = try await readView(common)
            let split = { (text: String?) in text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } }
            let guarded: ResidencyGuard
            do throws(UnknownGuardName) {
                guarded = try view.narrowing(settings.guards.residency, within: split(within), geographies: split(geography))
            } catch {
                throw ValidationError("\(error.kind == .region ? "--within" : "--geography"): \(error.description)")
            }
            guard guarded.isSet else { throw ValidationError("no guard: give --geography or --within (or set guard.* in the configuration)") }
            let routes = view.routeAccess(geo: geo, sourceRegion: sourceRegion).map { ($0, guarded.residency(of: $0, in: view)) }
            if json {
                printJSON(.object(["routes": .array(routes.map { Representation.routeAccess($0.0, residency: $0.1) })]))
                return
            }
            let (inside, leaving) = (routes.filter(\.1.resident), routes.filter { !$0.1.resident })
            print("Stay inside (\(inside.count)):")
            printTable(["PROFILE", "SOURCE"], inside.map { [$0.0.profileId, $0.0.sourceRegion] })
            print("\nLeave (\(leaving.count)):")
            printTable(["PROFILE", "SOURCE", "MAY RUN IN"], leaving.map { [$0.0.profileId, $0.0.sourceRegion, $0.1.outside.joined(separator: ",")] })
        }
    }
}
