import ArgumentParser
import RegionRegistry
import RegistryHTTP

struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List foundation models: lifecycle, end of life, replacement, and the profiles that serve each (GET /v1/models).")

    @OptionGroup var common: CommonOptions

    @Option(help: "Only this provider (anthropic, amazon, meta, …).")
    var provider: String?

    @Option(help: "Only models a profile serves from this source region, and only those profiles.")
    var sourceRegion: String?

    @Option(help: "Only these lifecycle states, comma-separated: active, legacy, eol.")
    var lifecycle: String?

    func run() async throws {
        try await reportingErrors {
            let view = try await readView(common)
            let day = ModelLifecycle.today()
            var statuses: Set<ModelLifecycle.Status> = []
            for value in (lifecycle ?? "").split(separator: ",") {
                guard let status = ModelLifecycle.Status(named: value) else {
                    throw ValidationError("--lifecycle: expected active, legacy or eol, got \(value)")
                }
                statuses.insert(status)
            }
            let rows = view.models.filter { !$0.isRemoved && (provider == nil || $0.value.provider == provider) }.compactMap { model -> [String]? in
                let serving = view.servingProfiles(model: model.value.id, from: sourceRegion)
                if sourceRegion != nil, serving.isEmpty { return nil }
                let life = model.value.lifecycle(on: day)
                if !statuses.isEmpty, !(life.map { statuses.contains($0.status) } ?? false) { return nil }
                let profiles = Set(serving.values.joined()).sorted()
                return [model.value.id, life?.status.rawValue ?? "unknown", life?.endOfLifeAt ?? "-", life?.recommendedReplacement ?? "-",
                        sourceRegion == nil ? "\(profiles.count)" : profiles.joined(separator: ",")]
            }
            printTable(["MODEL", "LIFECYCLE", "END OF LIFE", "REPLACEMENT", sourceRegion == nil ? "PROFILES" : "PROFILES FROM \(sourceRegion!)"], rows)
            print("\(rows.count) model(s)")
        }
    }
}
