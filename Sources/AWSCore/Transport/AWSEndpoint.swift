import Foundation

/// Where a service is reached in a region: the Bedrock control plane, STS for credentials, IAM's
/// policy simulator.
///
/// Precedence, as the AWS SDKs do it: `AWS_ENDPOINT_URL_<SERVICE>` (`_BEDROCK`, `_STS`, `_IAM`), then
/// `AWS_ENDPOINT_URL`, then a setting of regiond's own (`aws.endpoint`, Bedrock only), then
/// `https://{service}.{region}.{dnsSuffix}`. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` turns the
/// variables off. With an override the region still comes from the call: it is part of the
/// signature's credential scope.
public struct AWSEndpointResolver: Sendable, Hashable {
    /// A service as endpoint resolution names it.
    public struct Service: Sendable, Hashable {
        /// The default hostname's first label.
        public var hostPrefix: String
        /// The SDKs' service-specific override variable.
        public var environmentVariable: String

        public static let bedrock = Service(hostPrefix: "bedrock", environmentVariable: "AWS_ENDPOINT_URL_BEDROCK")
        public static let sts = Service(hostPrefix: "sts", environmentVariable: "AWS_ENDPOINT_URL_STS")
        /// Global: one endpoint per partition (see `baseURL`), signed for the partition's home region.
        public static let iam = Service(hostPrefix: "iam", environmentVariable: "AWS_ENDPOINT_URL_IAM")
    }

    /// A base URL overriding the default for every region, or nil.
    public let override: URL?
    public let service: Service

    public init(override: URL?, service: Service = .bedrock) {
        self.override = override
        self.service = service
    }

    /// Picks the override from the environment and regiond's setting.
    /// - Throws: `AWSConfigurationError` naming the variable when its value is not an http(s) URL.
    public init(environment: [String: String], configured: String?, service: Service = .bedrock) throws {
        let ignoreEnvironment = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
        let candidates: [(String, String?)] = [
            (service.environmentVariable, ignoreEnvironment ? nil : environment[service.environmentVariable]),
            ("AWS_ENDPOINT_URL", ignoreEnvironment ? nil : environment["AWS_ENDPOINT_URL"]),
            ("aws.endpoint", configured),
        ]
        guard let (name, text) = candidates.first(where: { !($0.1 ?? "").isEmpty }), let text else {
            self.init(override: nil, service: service)
            return
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else {
            throw AWSConfigurationError(
                "\(name): expected an http(s) URL such as https://\(service.hostPrefix).example.com, got \"\(text)\"")
        }
        self.init(override: url, service: service)
    }

    /// The base URL for calls signed for `region` (no trailing slash).
    public func baseURL(region: String) -> String {
        if let override {
            var text = override.absoluteString
            while text.hasSuffix("/") { text.removeLast() }
            return text
        }
        if service == .iam {
            if region.hasPrefix("us-gov-") { return "https://iam.us-gov.amazonaws.com" }
            if region.hasPrefix("cn-") { return "https://iam.cn-north-1.amazonaws.com.cn" }
            return "https://iam.amazonaws.com"
        }
        return "https://\(service.hostPrefix).\(region).\(Self.dnsSuffix(region: region))"
    }

    /// The region a global service's calls are signed for in `partition` (IAM's home region).
    public static func globalSigningRegion(partition: String) -> String {
        switch partition {
        case "aws-us-gov": "us-gov-west-1"
        case "aws-cn": "cn-north-1"
        default: "us-east-1"
        }
    }

    /// Where a request for `path` (already encoded, from `/`) goes: the URL without its query,
    /// the `Host` header value (`:port` only when one is given) and the path to sign.
    func target(region: String, path: String) -> (url: String, host: String, path: String)? {
        guard let base = URL(string: baseURL(region: region)), let host = base.host else { return nil }
        let hostHeader = base.port.map { "\(host):\($0)" } ?? host
        let fullPath = base.path + path
        return ("\(base.scheme ?? "https")://\(hostHeader)\(fullPath)", hostHeader, fullPath)
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
