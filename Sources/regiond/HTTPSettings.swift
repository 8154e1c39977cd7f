import Configuration
import RegistryHTTP
import RegistryService

/// The `http.*` keys: what one client may ask of the server. All take effect at the next start.
///   - `http.body_limit` (`REGIOND_HTTP_BODY_LIMIT`): largest request body in bytes, default 1048576.
///   - `http.sample_body_limit` (`REGIOND_HTTP_SAMPLE_BODY_LIMIT`): largest health-sample batch in
///     bytes, default 4194304 (10,000 samples take about 3 MB).
///   - `http.read_timeout` (`REGIOND_HTTP_READ_TIMEOUT`): seconds a connection has to deliver a
///     whole request, from opening or from its previous response; default 30. Idle keep-alive
///     connections close after it too.
///   - `http.max_watchers` (`REGIOND_HTTP_MAX_WATCHERS`): most `/v1/changes?wait=` requests
///     blocked at once, default 1000; one more gets 429 with `Retry-After`.
struct HTTPSettings: Sendable, Equatable {
    var bodyLimit = 1 << 20
    var sampleBodyLimit = APISettings.defaultSampleBodyLimit
    var readTimeout = APISettings.defaultReadTimeout
    var maxWatchers = APISettings.defaultMaxWatchers

    init() {}

    init(config: ConfigReader) throws {
        bodyLimit = try config.checkedInt("http.body_limit") ?? bodyLimit
        guard bodyLimit >= 1024 else { throw SettingsError(key: "http.body_limit", "must be at least 1024 bytes") }
        sampleBodyLimit = try config.checkedInt("http.sample_body_limit") ?? sampleBodyLimit
        guard sampleBodyLimit >= 1024 else { throw SettingsError(key: "http.sample_body_limit", "must be at least 1024 bytes") }
        let timeout = try config.checkedInt("http.read_timeout") ?? Int(readTimeout.components.seconds)
        guard (1...3600).contains(timeout) else { throw SettingsError(key: "http.read_timeout", "must be 1 to 3600 seconds, got \(timeout)") }
        readTimeout = .seconds(timeout)
        maxWatchers = try config.checkedInt("http.max_watchers") ?? maxWatchers
        guard maxWatchers >= 1 else { throw SettingsError(key: "http.max_watchers", "must be at least 1, got \(maxWatchers)") }
    }

    func api(schedule: RefreshSchedule, version: String) -> APISettings {
        APISettings(bodyLimit: bodyLimit, sampleBodyLimit: sampleBodyLimit, readTimeout: readTimeout, maxWatchers: maxWatchers,
                    schedule: schedule, version: version)
    }
}
