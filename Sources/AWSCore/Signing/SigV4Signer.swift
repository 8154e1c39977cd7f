import CivilTime
import Foundation

/// Signs requests with AWS Signature Version 4 (header form, non-S3 rules) for one service and region.
public struct SigV4Signer: Sendable {
    /// Signing name, e.g. `bedrock`.
    public let service: String
    /// Region of the endpoint being called (for cross-region profiles: the source region).
    public let region: String

    /// A signer for `service` in `region`.
    public init(service: String, region: String) {
        self.service = service
        self.region = region
    }

    /// Signs `request` as of `date`; add the returned `headers` to the request before sending it.
    public func sign(_ request: SigV4Request, credentials: AWSCredentials, date: Date) -> SigV4Signature {
        let amzDate = UTCDateTime(date).iso8601Basic
        // An empty token (e.g. AWS_SESSION_TOKEN="") means long-term credentials, not a token to sign.
        let securityToken = credentials.sessionToken.flatMap { $0.isEmpty ? nil : $0 }

        var headers = request.headers.filter { !Self.signerOwnedHeaders.contains($0.name.lowercased()) }
        headers.append((name: "host", value: request.host))
        headers.append((name: "x-amz-date", value: amzDate))
        if let securityToken { headers.append((name: "x-amz-security-token", value: securityToken)) }
        let canonicalHeaders = SigV4Canonical.headers(headers)

        let canonicalRequest = SigV4Canonical.request(
            method: request.method,
            uri: SigV4Canonical.uri(pathAsSent: request.path),
            query: SigV4Canonical.query(rawPairs: request.query),
            headers: canonicalHeaders,
            payloadHash: request.payloadHash)
        let scope = SigV4Canonical.credentialScope(amzDate: amzDate, region: region, service: service)
        let stringToSign = SigV4Canonical.stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonicalRequest)
        let signature = SigV4Canonical.signature(
            secretAccessKey: credentials.secretAccessKey, amzDate: amzDate, region: region, service: service,
            stringToSign: stringToSign)

        return SigV4Signature(
            authorization: "\(SigV4Canonical.algorithm) Credential=\(credentials.accessKeyID)/\(scope), "
                + "SignedHeaders=\(canonicalHeaders.signedHeaders), Signature=\(signature)",
            amzDate: amzDate,
            securityToken: securityToken,
            credentialScope: scope,
            signedHeaders: canonicalHeaders.signedHeaders,
            signature: signature,
            canonicalRequest: canonicalRequest,
            stringToSign: stringToSign)
    }

    /// Headers whose values the signer sets itself; callers' copies are dropped so none is signed twice.
    static let signerOwnedHeaders: Set<String> = ["authorization", "host", "x-amz-date", "x-amz-security-token"]
}
