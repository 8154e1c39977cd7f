import AccessPolicy
import Configuration
import Foundation
import RegionRegistry

/// The `access.*` keys (see `Settings`): the identity policies and SCPs route answers are checked
/// against, offline. Files are read and parsed when the configuration is loaded (start, SIGHUP),
/// so a broken one fails the start or the reload with its file and JSON path.
struct AccessSettings: Sendable {
    var identityPolicyFiles: [String]
    var scpFiles: [String]
    var account: String?
    var principalArn: String?
    var policies: ConfiguredPolicies

    init(config: ConfigReader) throws {
        func files(_ key: ConfigKey) -> [String] {
            config.stringArray(forKey: key) ?? config.string(forKey: key).map { $0.split(separator: ",").map(String.init) } ?? []
        }
        identityPolicyFiles = files("access.identity_policies")
        scpFiles = files("access.scps")
        account = config.string(forKey: "access.account")
        if let account, !BedrockARN.isAccount(account) { throw SettingsError(key: "access.account", "expected a 12-digit AWS account ID") }
        principalArn = config.string(forKey: "access.principal_arn")
        let identity = try identityPolicyFiles.isEmpty ? nil : identityPolicyFiles.map { try Self.documents(in: $0, key: "access.identity_policies") }.flatMap { $0 }
        let scps = try scpFiles.isEmpty ? nil : scpFiles.map { try Self.documents(in: $0, key: "access.scps") }
        policies = ConfiguredPolicies(identity: identity, scps: scps, account: account, principal: .init(arn: principalArn, account: nil))
    }

    /// A file's policy documents: one document, or a JSON array of them.
    static func documents(in path: String, key: String) throws -> [ParsedPolicy] {
        let json: JSONValue
        do { json = try JSONDecoder().decode(JSONValue.self, from: try Data(contentsOf: URL(fileURLWithPath: path))) }
        catch { throw SettingsError(key: key, "\(path): not a readable JSON file") }
        let items: [JSONValue] = if case .array(let list) = json { list } else { [json] }
        do {
            return try items.enumerated().map { index, item in try ParsedPolicy(item, at: items.count == 1 ? path : "\(path)[\(index)]") }
        } catch let error as PolicyParseError {
            throw SettingsError(key: key, error.description)
        }
    }
}
