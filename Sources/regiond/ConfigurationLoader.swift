import Configuration
import Foundation
import SystemPackage

/// Builds the `ConfigReader` chain: flags given on the command line, then `REGIOND_*` environment
/// variables, then the JSON config file (`--config`, or `REGIOND_CONFIG`).
enum ConfigurationLoader {
    static func reader(
        flags: [String: ConfigContent?], configFile: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> ConfigReader {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for case let (key, value?) in flags { values[AbsoluteConfigKey(ConfigKey(key))] = ConfigValue(value, isSecret: false) }
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "arguments", values: values),
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: "regiond"),
        ]
        if let path = configFile ?? environment["REGIOND_CONFIG"] {
            do {
                providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(path)))
            } catch {
                throw SettingsError(key: "config", "cannot use \(path): \(error)")
            }
        }
        return ConfigReader(providers: providers)
    }
}
