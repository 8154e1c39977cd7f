import Foundation

/// An AWS access key pair, optionally temporary (session token + expiry).
///
/// `description` never shows the secret or the token: credentials end up in string
/// interpolations sooner or later, and a secret must not reach a log line that way.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-lived keys.
    public var expiration: Date?
    /// Which provider produced them ("environment", "shared-credentials-file:default", "imds", ...).
    public var source: String

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil,
                expiration: Date? = nil, source: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }

    public var description: String {
        let expiry = expiration.map { ", expires \($0)" } ?? ""
        return "AWSCredentials(\(accessKeyID), from \(source)\(expiry))"
    }

    public var debugDescription: String { description }
}
