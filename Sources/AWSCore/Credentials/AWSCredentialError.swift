/// Why credentials could not be had.
///
/// Messages say what was wrong and where (a file path, an environment variable, a URL) and
/// never carry a secret key, session token or authorization token, so they can be logged
/// and shown to an operator as they are.
public struct AWSCredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No source in the chain is set up on this machine.
        case noCredentials
        /// A profile was named explicitly (argument or AWS_PROFILE) but neither shared file has it.
        case profileNotFound
        /// A source is set up wrongly: a key without its secret, a file that doesn't parse,
        /// a container URL that isn't allowed.
        case invalidConfiguration
        /// The selected profile gets its credentials in a way regiond doesn't implement
        /// (role_arn, SSO, credential_process, ...).
        case unsupportedProfile
        /// A configured source failed to deliver: HTTP error, malformed response, unreadable file.
        case retrievalFailed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
