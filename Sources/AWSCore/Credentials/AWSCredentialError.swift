/// Why credentials could not be had.
///
/// Messages say what was wrong and where (a file path, an environment variable, a URL, a role
/// ARN) and never carry a secret key, session token, web identity token or authorization
/// token, so they can be logged and shown to an operator as they are.
public struct AWSCredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No source in the chain is set up on this machine.
        case noCredentials
        /// A profile was named explicitly (argument or AWS_PROFILE) but neither shared file has it.
        case profileNotFound
        /// A source is set up wrongly: a key without its secret, a file that doesn't parse,
        /// a container URL that isn't allowed, a source_profile loop.
        case invalidConfiguration
        /// The selected profile gets its credentials in a way regiond doesn't implement
        /// (SSO, login sessions, a role that needs an MFA code).
        case unsupportedProfile
        /// A configured source failed to deliver: HTTP error, STS refusal, malformed response,
        /// unreadable file, a credential_process that failed.
        case retrievalFailed
    }

    public var kind: Kind
    public var message: String
    /// AWS's error code when AWS said no (STS's `AccessDenied`, `ExpiredTokenException`, ...).
    public var code: String?

    public init(_ kind: Kind, _ message: String, code: String? = nil) {
        self.kind = kind
        self.message = message
        self.code = code
    }

    public var description: String { message }
}
