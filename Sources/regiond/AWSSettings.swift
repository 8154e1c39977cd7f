import Configuration
import Foundation

/// The `aws.*` keys (see `Settings`): which source regions to read and how to call AWS.
struct AWSSettings: Sendable {
    static let defaultMaxAttempts = 3
    static let defaultConcurrency = 8
    static let defaultTimeout = 20

    var regions: [String]
    var profile: String?
    var endpoint: String?
    var maxAttempts: Int
    var concurrency: Int
    var timeout: Duration
    /// The IAM principal whose policies IAM's simulator checks against every route (`--check-principal`).
    var checkPrincipal: String?

    /// - Parameter required: the AWS source is selected, so source regions must be known.
    init(config: ConfigReader, environment: [String: String], required: Bool) throws {
        let listed = config.stringArray(forKey: "aws.regions")
            ?? config.string(forKey: "aws.regions").map { $0.split(separator: ",").map(String.init) }
            ?? [environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"]].compactMap { $0 }
        regions = try Self.regionList(listed)
        if required, regions.isEmpty {
            throw SettingsError(key: "aws.regions", "the aws source needs source regions, e.g. --regions us-east-1,eu-central-1")
        }
        profile = config.string(forKey: "aws.profile")
        endpoint = config.string(forKey: "aws.endpoint")
        maxAttempts = try config.checkedInt("aws.max_attempts") ?? Self.defaultMaxAttempts
        guard (1...10).contains(maxAttempts) else { throw SettingsError(key: "aws.max_attempts", "must be 1 to 10, got \(maxAttempts)") }
        concurrency = try config.checkedInt("aws.concurrency") ?? Self.defaultConcurrency
        guard (1...64).contains(concurrency) else { throw SettingsError(key: "aws.concurrency", "must be 1 to 64, got \(concurrency)") }
        let seconds = try config.checkedInt("aws.timeout") ?? Self.defaultTimeout
        guard (1...300).contains(seconds) else { throw SettingsError(key: "aws.timeout", "must be 1 to 300 seconds, got \(seconds)") }
        timeout = .seconds(seconds)
        checkPrincipal = config.string(forKey: "aws.check_principal")
        if let arn = checkPrincipal, arn.wholeMatch(of: /arn:aws[a-z-]*:iam::[0-9]{12}:(user|role|group)\/.+/) == nil {
            throw SettingsError(key: "aws.check_principal",
                                "expected the ARN of an IAM user, role or group (arn:aws:iam::111122223333:role/gateway), got \"\(arn)\"")
        }
    }

    /// Trimmed, de-duplicated in the given order (it decides which region's view of a profile
    /// wins), each shaped like a region code.
    static func regionList(_ items: [String]) throws -> [String] {
        var seen = Set<String>()
        var regions: [String] = []
        for item in items.map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            guard item.wholeMatch(of: /[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}/) != nil else {
                throw SettingsError(key: "aws.regions", "\"\(item)\" is not a region code like us-east-1")
            }
            if seen.insert(item).inserted { regions.append(item) }
        }
        return regions
    }
}
