import Foundation

/// Where the Bedrock control plane of a region is reached.
///
/// Precedence, as the AWS SDKs do it: `AWS_ENDPOINT_URL_BEDROCK`, then `AWS_ENDPOINT_URL`, then
/// regiond's own `aws.endpoint` setting, then `https://bedrock.{region}.{dnsSuffix}`.
/// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` turns the two variables off. With an override the
/// region still comes from the call: it is part of the signature's credential scope.
public struct AWSEndpointResolver: Sendable, Hashable {
    /// A base URL overriding the default for every region, or nil.
    public let override: URL?

    public init(override: URL?) {
        self.override = override
    }

    /// Picks the override from the environment and regiond's setting.
    /// - Throws: `AWSConfigurationError` naming the variable when its value is not an http(s) URL.
    public init(environment: [String: String], configured: String?) throws {
        let ignoreEnvironment = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
        let candidates: [(String, String?)] = [
            ("AWS_ENDPOINT_URL_BEDROCK", ignoreEnvironment ? nil : environment["AWS_ENDPOINT_URL_BEDROCK"]),
            ("AWS_ENDPOINT_URL", ignoreEnvironment ? nil : environment["AWS_ENDPOINT_URL"]),
            ("aws.endpoint", configured),
        ]
        guard let (name, text) = candidates.first(where: { !($0.1 ?? "").isEmpty }), let text else {
            self.init(override: nil)
            return
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else {
            throw AWSConfigurationError("\(name): expected an http(s) URL such as https://bedrock.example.com, got \"\(text)\"")
        }
        self.init(override: url)
    }

    /// The base URL for calls signed for `region` (no trailing slash).
    public func baseURL(region: String) -> String {
        if let override {
            var text = override.absoluteString
            while text.hasSuffix("/") { text.removeLast() }
            return text
        }
        return "https://bedrock.\(region).\(Self.dnsSuffix(region: region))"
    }

    /// The partition's DNS suffix: China and the European Sovereign Cloud differ.
    static func dnsSuffix(region: String) -> String {
        if region.hasPrefix("cn-") { return "amazonaws.com.cn" }
        if region.hasPrefix("eusc-") { return "amazonaws.eu" }
        return "amazonaws.com"
    }
}

/// A setting for the AWS client that cannot be used; the message names it.
public struct AWSConfigurationError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
