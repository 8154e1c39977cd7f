import Configuration
import RegionRegistry

/// The `guard.*` keys (see `Settings`): where requests may be processed. Reloaded on SIGHUP.
struct GuardSettings: Sendable, Equatable {
    var residency: ResidencyGuard
    /// `guard.lifecycle_warning_days`: a model this near its end of life counts as ending.
    var lifecycleWarningDays: Int

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
    }
}
