import Foundation

/// Credentials from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and optional AWS_SESSION_TOKEN.
public struct EnvironmentCredentials: AWSCredentialSource {
    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func lookUp() async throws -> AWSCredentialLookup {
        // As botocore: the access key id decides whether this source is in use at all.
        guard let accessKeyID = environment.nonEmpty("AWS_ACCESS_KEY_ID") else {
            return .notConfigured("environment (AWS_ACCESS_KEY_ID not set)")
        }
        guard let secret = environment.nonEmpty("AWS_SECRET_ACCESS_KEY") else {
            throw AWSCredentialError(.invalidConfiguration,
                                     "environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
        return .found(AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secret,
                                     sessionToken: environment.nonEmpty("AWS_SESSION_TOKEN"),
                                     source: "environment"))
    }
}

extension Dictionary where Key == String, Value == String {
    /// The value of an environment variable, treating "set but empty" as unset (as the AWS CLI does).
    func nonEmpty(_ name: String) -> String? {
        guard let value = self[name], !value.isEmpty else { return nil }
        return value
    }
}
