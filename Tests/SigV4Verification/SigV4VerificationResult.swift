import AWSCore
import Foundation

/// The `Credential=` part of a received Authorization header.
public struct SigV4CredentialScope: Sendable, Equatable {
    /// Access key ID that signed.
    public let accessKeyID: String
    /// Scope day, `yyyyMMdd`.
    public let date: String
    /// Region the client signed for.
    public let region: String
    /// Service the client signed for.
    public let service: String

    /// A scope from its parts.
    public init(accessKeyID: String, date: String, region: String, service: String) {
        self.accessKeyID = accessKeyID
        self.date = date
        self.region = region
        self.service = service
    }
}

/// Who signed a request that verified, and for which scope.
public struct SigV4VerifiedRequest: Sendable, Equatable {
    /// The credential scope the request was signed with.
    public let scope: SigV4CredentialScope
    /// The request's `X-Amz-Date`.
    public let date: Date
    /// Lowercase names of the signed headers.
    public let signedHeaders: [String]
}

/// Why a request failed verification. `reason` never contains a secret or a session token.
public struct SigV4VerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Coarse classes, matching the AWS error a real endpoint would return.
    public enum Kind: Sendable, Equatable {
        /// A required part is missing or malformed (AWS: IncompleteSignatureException).
        case incompleteSignature
        /// The access key ID is unknown (AWS: UnrecognizedClientException).
        case unknownAccessKey
        /// The session token is missing, unsigned or wrong (AWS: UnrecognizedClientException).
        case invalidSecurityToken
        /// The credential scope names another date, region or service (AWS: SignatureDoesNotMatch).
        case scopeMismatch
        /// X-Amz-Date is too far from the server's clock (AWS: InvalidSignatureException, "Signature expired").
        case clockSkew
        /// The recomputed signature differs (AWS: SignatureDoesNotMatch).
        case signatureMismatch
    }

    /// The class of failure.
    public let kind: Kind
    /// A one-line explanation, e.g. "credential scope region us-west-2 != us-east-1".
    public let reason: String
    /// The credential scope, when the Authorization header was readable (e.g. to record the region).
    public internal(set) var scope: SigV4CredentialScope?
    /// For `.signatureMismatch`: the canonical request the verifier signed (may contain the session token).
    public internal(set) var expectedCanonicalRequest: String?
    /// For `.signatureMismatch`: the string to sign the verifier derived.
    public internal(set) var expectedStringToSign: String?

    init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "SigV4 verification failed: \(reason)" }
}
