import Configuration
import GatewayExport
import RegionRegistry

/// The `guard.*` keys (see `Settings`): where requests may be processed; and `export.model_names`,
/// what gateway exports call models. Reloaded on SIGHUP.
struct GuardSettings: Sendable, Equatable {
    var residency: ResidencyGuard
    /// `guard.lifecycle_warning_days`: a model this near its end of life counts as ending.
    var lifecycleWarningDays: Int
    var exportNames: ModelNames

    init(config: ConfigReader) throws {
        func list(_ key: ConfigKey) -> [String]? {
            let items = config.stringArray(forKey: key) ?? config.string(forKey: key).map { $0.split(separator: ",").map(String.init) }
            return items?.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let regions = list("guard.regions")
        if let bad = regions?.first(where: { $0.wholeMatch(of: /[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}/) == nil }) {
            throw SettingsError(key: "guard.regions", "\"\(bad)\" is not a region code like eu-west-1")
        }
        if regions?.isEmpty == true { throw SettingsError(key: "guard.regions", "an empty list would allow no region; leave the key out instead") }
        let geographies = list("guard.geographies")
        if geographies?.isEmpty == true {
            throw SettingsError(key: "guard.geographies", "an empty list would allow no region; leave the key out instead")
        }
        residency = ResidencyGuard(regions: regions.map(Set.init), geographies: geographies.map(Set.init))
        lifecycleWarningDays = try config.checkedInt("guard.lifecycle_warning_days") ?? 90
        guard (0...3650).contains(lifecycleWarningDays) else {
            throw SettingsError(key: "guard.lifecycle_warning_days", "must be 0 to 3650 days, got \(lifecycleWarningDays)")
        }
        exportNames = ModelNames(overrides: try Self.modelNames(list("export.model_names") ?? []))
    }

    /// `MODEL_ID=NAME` entries (model ids hold dots and colons, so they cannot be keys).
    private static func modelNames(_ entries: [String]) throws -> [String: String] {
        var names: [String: String] = [:]
        for entry in entries {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !parts[1].contains(where: \.isWhitespace) else {
                throw SettingsError(key: "export.model_names", "\"\(entry)\" is not MODEL_ID=NAME (a name without spaces)")
            }
            guard names.updateValue(parts[1], forKey: parts[0]) == nil else {
                throw SettingsError(key: "export.model_names", "\(parts[0]) is named twice")
            }
        }
        return names
    }
}
