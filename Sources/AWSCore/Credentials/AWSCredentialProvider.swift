/// Anything that can hand out AWS credentials: the whole chain, or one source on its own.
public protocol AWSCredentialProvider: Sendable {
    /// Credentials to sign a request with. Throws `AWSCredentialError`, whose text is safe to log.
    func credentials() async throws -> AWSCredentials
    /// Forgets cached credentials, so the next call fetches new ones (AWS said these expired).
    func invalidate() async
}

extension AWSCredentialProvider {
    /// Nothing cached, nothing to forget.
    public func invalidate() async {}
}

/// What one source of the chain found.
public enum AWSCredentialLookup: Sendable, Equatable {
    case found(AWSCredentials)
    /// The source isn't set up on this machine, so the chain moves on. The text says what
    /// was looked at ("container (AWS_CONTAINER_CREDENTIALS_* not set)") for the final
    /// "no credentials found" error.
    case notConfigured(String)
}

/// One source in the credential chain (environment, shared files, container, instance metadata).
///
/// "Not configured" and "configured but broken" are different outcomes: the first returns
/// `.notConfigured` and lets the next source try, the second throws, because falling through
/// to some other identity would hide the operator's mistake.
public protocol AWSCredentialSource: AWSCredentialProvider {
    func lookUp() async throws -> AWSCredentialLookup
}

extension AWSCredentialSource {
    /// Used on its own, an unconfigured source is an error.
    public func credentials() async throws -> AWSCredentials {
        switch try await lookUp() {
        case .found(let credentials):
            return credentials
        case .notConfigured(let tried):
            throw AWSCredentialError(.noCredentials, "no AWS credentials found; tried: \(tried)")
        }
    }
}
