import AWSCore
import CivilTime
import Foundation

/// Recomputes a received request's signature as AWS would and says why it does not match.
///
/// Meant for loopback stand-ins of AWS endpoints. It reuses the signer's canonicalisation (pinned by
/// AWS's and botocore's vectors), so it catches tampering and protocol mistakes — scope, signed
/// headers, token, clock — not canonicalisation bugs it would share with the signer.
public struct SigV4Verifier: Sendable {
    /// Service the scope must name.
    public let service: String
    /// Region the scope must name.
    public let region: String
    /// Largest accepted distance between X-Amz-Date and the server clock.
    public let maxClockSkew: TimeInterval

    /// A verifier for requests to `service` in `region`; AWS allows 5 minutes of clock skew.
    public init(service: String, region: String, maxClockSkew: TimeInterval = 300) {
        self.service = service
        self.region = region
        self.maxClockSkew = maxClockSkew
    }

    /// Verifies against one known key pair (its session token, if any, must be sent and signed).
    public func verify(_ request: SigV4ReceivedRequest, credentials: AWSCredentials,
                       now: Date? = nil) throws(SigV4VerificationError) -> SigV4VerifiedRequest {
        try verify(request, now: now) { $0 == credentials.accessKeyID ? credentials : nil }
    }

    /// Verifies `request`, looking up the credentials for its access key ID; skips the clock check when `now` is nil.
    public func verify(_ request: SigV4ReceivedRequest, now: Date? = nil,
                       credentialsFor lookup: (_ accessKeyID: String) -> AWSCredentials?)
        throws(SigV4VerificationError) -> SigV4VerifiedRequest {
        let authorization = try Self.authorizationHeader(of: request)
        do throws(SigV4VerificationError) {
            return try verifyParsed(request, authorization: authorization, now: now, lookup: lookup)
        } catch {
            var error = error
            error.scope = authorization.scope
            throw error
        }
    }

    /// The credential scope a request claims, without verifying anything else (e.g. to route it by region).
    public static func credentialScope(of request: SigV4ReceivedRequest) -> SigV4CredentialScope? {
        try? authorizationHeader(of: request).scope
    }

    private static func authorizationHeader(of request: SigV4ReceivedRequest)
        throws(SigV4VerificationError) -> SigV4AuthorizationHeader {
        let values = request.values(of: "authorization")
        guard values.count <= 1 else { throw .init(.incompleteSignature, "more than one Authorization header") }
        guard let value = values.first else { throw .init(.incompleteSignature, "Authorization header missing") }
        return try SigV4AuthorizationHeader(parsing: value)
    }

    private func verifyParsed(_ request: SigV4ReceivedRequest, authorization: SigV4AuthorizationHeader, now: Date?,
                              lookup: (String) -> AWSCredentials?) throws(SigV4VerificationError) -> SigV4VerifiedRequest {
        let amzDates = request.values(of: "x-amz-date")
        guard let amzDate = amzDates.first else { throw .init(.incompleteSignature, "x-amz-date missing") }
        guard amzDates.count == 1, let date = UTCDateTime(iso8601Basic: amzDate)?.date else {
            throw .init(.incompleteSignature, "x-amz-date is not a single yyyyMMddTHHmmssZ value")
        }

        try checkScope(authorization, amzDate: amzDate)
        if let now, abs(date.timeIntervalSince(now)) > maxClockSkew {
            throw .init(.clockSkew, "x-amz-date \(amzDate) is more than \(Int(maxClockSkew))s from the server clock "
                        + UTCDateTime(now).iso8601Basic)
        }
        guard let credentials = lookup(authorization.scope.accessKeyID) else {
            throw .init(.unknownAccessKey, "unknown access key ID \(authorization.scope.accessKeyID)")
        }
        // The token first: a stripped token is better reported as such than as a missing signed header.
        try checkSecurityToken(authorization, in: request, credentials: credentials)
        try checkSignedHeaders(authorization, in: request)

        let signed = Set(authorization.signedHeaders)
        let canonicalRequest = SigV4Canonical.request(
            method: request.method,
            uri: SigV4Canonical.uri(pathAsSent: request.path),
            query: SigV4Canonical.query(encodedPairs: AWSURIDecoding.queryBytes(request.rawQuery).map {
                (AWSURIEncoding.encode(bytes: $0.name, keepingSlash: false),
                 AWSURIEncoding.encode(bytes: $0.value, keepingSlash: false))
            }),
            headers: SigV4Canonical.headers(request.headers.filter { signed.contains($0.name.lowercased()) }),
            payloadHash: SigV4Canonical.sha256Hex(request.body))
        let scope = SigV4Canonical.credentialScope(amzDate: amzDate, region: region, service: service)
        let stringToSign = SigV4Canonical.stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonicalRequest)
        let expected = SigV4Canonical.signature(
            secretAccessKey: credentials.secretAccessKey, amzDate: amzDate, region: region, service: service,
            stringToSign: stringToSign)

        guard constantTimeEqual(expected, authorization.signature) else {
            var error = SigV4VerificationError(.signatureMismatch, "signature mismatch")
            error.expectedCanonicalRequest = canonicalRequest
            error.expectedStringToSign = stringToSign
            throw error
        }
        return SigV4VerifiedRequest(scope: authorization.scope, date: date,
                                    signedHeaders: authorization.signedHeaders)
    }

    private func checkScope(_ authorization: SigV4AuthorizationHeader, amzDate: String) throws(SigV4VerificationError) {
        guard authorization.scope.date == amzDate.prefix(8) else {
            throw .init(.scopeMismatch, "credential scope date \(authorization.scope.date) != x-amz-date day \(amzDate.prefix(8))")
        }
        guard authorization.scope.region == region else {
            throw .init(.scopeMismatch, "credential scope region \(authorization.scope.region) != \(region)")
        }
        guard authorization.scope.service == service else {
            throw .init(.scopeMismatch, "credential scope service \(authorization.scope.service) != \(service)")
        }
    }

    private func checkSignedHeaders(_ authorization: SigV4AuthorizationHeader,
                                    in request: SigV4ReceivedRequest) throws(SigV4VerificationError) {
        for required in ["host", "x-amz-date"] where !authorization.signedHeaders.contains(required) {
            throw .init(.incompleteSignature, "\(required) is not a signed header")
        }
        for name in authorization.signedHeaders where request.values(of: name).isEmpty {
            throw .init(.incompleteSignature, "signed header \(name) missing from request")
        }
    }

    private func checkSecurityToken(_ authorization: SigV4AuthorizationHeader, in request: SigV4ReceivedRequest,
                                    credentials: AWSCredentials) throws(SigV4VerificationError) {
        let sentTokens = request.values(of: "x-amz-security-token")
        let expectedToken = credentials.sessionToken.flatMap { $0.isEmpty ? nil : $0 }
        switch (sentTokens.first, expectedToken) {
        case (nil, nil):
            return
        case (nil, .some):
            throw .init(.invalidSecurityToken, "x-amz-security-token missing for temporary credentials")
        case (.some, nil):
            throw .init(.invalidSecurityToken, "x-amz-security-token sent for long-term credentials")
        case (.some(let sent), .some(let expected)):
            guard authorization.signedHeaders.contains("x-amz-security-token") else {
                throw .init(.invalidSecurityToken, "x-amz-security-token is not signed")
            }
            guard sentTokens.count == 1, constantTimeEqual(SigV4Canonical.headerValue(sent), expected) else {
                throw .init(.invalidSecurityToken, "x-amz-security-token does not match the access key's session token")
            }
        }
    }

    private func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let lhs = Array(lhs.utf8), rhs = Array(rhs.utf8)
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
