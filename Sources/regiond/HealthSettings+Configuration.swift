import Configuration
import RegistryHealth

extension HealthSettings {
    /// Reads the `health.*` keys (see `Settings`): ingest, retention, thresholds and probes.
    init(config: ConfigReader, source: Settings.SourceKind, awsRegions: [String]) throws {
        self.init()
        try thresholds.read(config)
        let retention = try config.checkedInt("health.sample_retention") ?? 86_400
        guard retention >= 60 else { throw SettingsError(key: "health.sample_retention", "must be at least 60 seconds") }
        let evaluation = try config.checkedInt("health.evaluation_interval") ?? 60
        guard (1...3600).contains(evaluation) else { throw SettingsError(key: "health.evaluation_interval", "must be 1 to 3600 seconds") }
        acceptUnknown = config.bool(forKey: "health.accept_unknown") ?? false
        sampleRetention = .seconds(retention)
        evaluationInterval = .seconds(evaluation)
        // Probes call AWS: on by default for the AWS source's regions, off for a catalog.
        let listed = config.stringArray(forKey: "health.probe.regions")
            ?? config.string(forKey: "health.probe.regions").map { $0.split(separator: ",").map(String.init) }
        probeRegions = try listed.map { try AWSSettings.regionList($0) } ?? (source == .aws ? awsRegions : [])
        let interval = try config.checkedInt("health.probe.interval") ?? 60
        guard interval >= 5 else { throw SettingsError(key: "health.probe.interval", "must be at least 5 seconds") }
        probeInterval = .seconds(interval)
    }
}

extension HealthSettings.Thresholds {
    /// The `health.thresholds.*` keys; each absent key keeps its default.
    mutating func read(_ config: ConfigReader) throws {
        func rate(_ key: String, _ value: inout Double) throws {
            guard let text = config.string(forKey: ConfigKey(key)) ?? config.double(forKey: ConfigKey(key)).map({ "\($0)" }) else { return }
            guard let parsed = Double(text), (0...1).contains(parsed) else { throw SettingsError(key: key, "expected a rate from 0 to 1, got \"\(text)\"") }
            value = parsed
        }
        func milliseconds(_ key: String, _ value: inout Double) throws {
            guard let parsed = try config.checkedInt(key) else { return }
            guard parsed > 0 else { throw SettingsError(key: key, "must be a positive number of milliseconds") }
            value = Double(parsed)
        }
        try rate("health.thresholds.degraded_error_rate", &degradedErrorRate)
        try rate("health.thresholds.unhealthy_error_rate", &unhealthyErrorRate)
        try rate("health.thresholds.degraded_throttle_rate", &degradedThrottleRate)
        try rate("health.thresholds.unhealthy_throttle_rate", &unhealthyThrottleRate)
        try milliseconds("health.thresholds.degraded_p95_ms", &degradedP95Milliseconds)
        try milliseconds("health.thresholds.unhealthy_p95_ms", &unhealthyP95Milliseconds)
        if let minimum = try config.checkedInt("health.thresholds.min_samples") {
            guard minimum >= 1 else { throw SettingsError(key: "health.thresholds.min_samples", "must be at least 1") }
            minimumSamples = minimum
        }
        if let windows = try config.checkedInt("health.thresholds.consecutive_windows") {
            guard (1...60).contains(windows) else { throw SettingsError(key: "health.thresholds.consecutive_windows", "must be 1 to 60") }
            consecutiveWindows = windows
        }
        if let text = config.string(forKey: "health.thresholds.window") {
            guard let parsed = HealthWindow(rawValue: text) else {
                throw SettingsError(key: "health.thresholds.window", "expected 1m, 5m or 1h, got \"\(text)\"")
            }
            window = parsed
        }
    }
}
