import SigV4Verification
import AWSCore
import Foundation
import Testing

/// Round trips through the signer and targeted tampering, each failing with its own reason.
@Suite("SigV4Verifier")
struct SigV4VerifierTests {
    static let now = Date(timeIntervalSince1970: 1_763_985_600)  // 2025-11-24T12:00:00Z
    static let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Fixtures.exampleSecretAccessKey,
                                            source: "test")
    static let temporary = AWSCredentials(accessKeyID: "ASIAEXAMPLE", secretAccessKey: "temporary/secret+KEY",
                                          sessionToken: "IQoJb3JpZ2luX2VjEP//////////token==", source: "test")
    static let verifier = SigV4Verifier(service: "bedrock", region: "us-east-1")

    /// A signed ListInferenceProfiles page request as the stand-in would receive it.
    static func received(credentials: AWSCredentials = credentials, date: Date = now,
                         signer: SigV4Signer = SigV4Signer(service: "bedrock", region: "us-east-1"))
        -> SigV4ReceivedRequest {
        let request = SigV4Request(host: "bedrock.us-east-1.amazonaws.com",
                                   pathSegments: ["inference-profiles", "us.anthropic.claude-v2:1"],
                                   query: [(name: "nextToken", value: "a/b+c=="), (name: "maxResults", value: "10")],
                                   headers: [(name: "X-Amz-User-Agent", value: "regiond/1.0")])
        let signature = signer.sign(request, credentials: credentials, date: date)
        return SigV4ReceivedRequest(method: "GET", target: request.pathAndQuery,
                                    headers: [(name: "Host", value: request.host)] + request.headers + signature.headers)
    }

    static func reason(_ request: SigV4ReceivedRequest, credentials: AWSCredentials = credentials,
                       verifier: SigV4Verifier = verifier, now: Date? = now) -> String? {
        do {
            _ = try verifier.verify(request, credentials: credentials, now: now)
            return nil
        } catch {
            return error.reason
        }
    }

    static func replacingHeader(_ name: String, with value: String?, in request: SigV4ReceivedRequest) -> SigV4ReceivedRequest {
        var request = request
        request.headers.removeAll { $0.name.lowercased() == name.lowercased() }
        if let value { request.headers.append((name: name, value: value)) }
        return request
    }

    @Test func signedRequestVerifies() throws {
        let verified = try Self.verifier.verify(Self.received(), credentials: Self.credentials, now: Self.now)
        #expect(verified.scope == SigV4CredentialScope(accessKeyID: "AKIDEXAMPLE", date: "20251124",
                                                        region: "us-east-1", service: "bedrock"))
        #expect(verified.date == Self.now)
        #expect(verified.signedHeaders == ["host", "x-amz-date", "x-amz-user-agent"])
    }

    @Test func temporaryCredentialsVerifyWithTheirToken() throws {
        let verified = try Self.verifier.verify(Self.received(credentials: Self.temporary), now: Self.now) {
            $0 == Self.temporary.accessKeyID ? Self.temporary : nil
        }
        #expect(verified.signedHeaders.contains("x-amz-security-token"))
    }

    @Test func reorderedQueryAndUnsignedExtraHeadersStillVerify() {
        var request = Self.received()
        request.rawQuery = request.rawQuery.split(separator: "&").reversed().joined(separator: "&")
        request.headers.append((name: "X-Forwarded-For", value: "127.0.0.1"))
        #expect(Self.reason(request) == nil)
    }

    @Test func tamperedQueryValueFails() {
        var request = Self.received()
        request.rawQuery = request.rawQuery.replacingOccurrences(of: "maxResults=10", with: "maxResults=11")
        #expect(Self.reason(request) == "signature mismatch")
    }

    @Test func tamperedPathFails() {
        var request = Self.received()
        request.path = request.path.replacingOccurrences(of: "%3A", with: ":")
        #expect(Self.reason(request) == "signature mismatch")
    }

    @Test func tamperedDateWithinTheSameDayFails() {
        let request = Self.replacingHeader("X-Amz-Date", with: "20251124T120001Z", in: Self.received())
        #expect(Self.reason(request) == "signature mismatch")
    }

    @Test func dateOnAnotherDayThanTheScopeFails() {
        let request = Self.replacingHeader("X-Amz-Date", with: "20251125T000000Z", in: Self.received())
        #expect(Self.reason(request, now: nil) == "credential scope date 20251124 != x-amz-date day 20251125")
    }

    @Test func wrongSecretFailsWithoutRevealingEitherSecret() throws {
        var wrong = Self.credentials
        wrong.secretAccessKey = "not-the-secret"
        let error = #expect(throws: SigV4VerificationError.self) {
            try Self.verifier.verify(Self.received(credentials: wrong), credentials: Self.credentials, now: Self.now)
        }
        #expect(error?.kind == .signatureMismatch)
        #expect(error?.reason == "signature mismatch")
        let text = "\(try #require(error))"
        #expect(!text.contains(wrong.secretAccessKey) && !text.contains(Self.credentials.secretAccessKey))
        #expect(error?.expectedCanonicalRequest?.hasPrefix("GET\n/inference-profiles/us.anthropic.claude-v2%253A1\n") == true)
    }

    @Test func missingSignedHeaderFails() {
        let request = Self.replacingHeader("X-Amz-User-Agent", with: nil, in: Self.received())
        #expect(Self.reason(request) == "signed header x-amz-user-agent missing from request")
    }

    @Test func missingDateOrAuthorizationFails() {
        #expect(Self.reason(Self.replacingHeader("X-Amz-Date", with: nil, in: Self.received())) == "x-amz-date missing")
        #expect(Self.reason(Self.replacingHeader("Authorization", with: nil, in: Self.received()))
            == "Authorization header missing")
        #expect(Self.reason(Self.replacingHeader("X-Amz-Date", with: "2025-11-24T12:00:00Z", in: Self.received()))
            == "x-amz-date is not a single yyyyMMddTHHmmssZ value")
    }

    @Test func scopeForAnotherRegionOrServiceFails() {
        let otherRegion = Self.received(signer: SigV4Signer(service: "bedrock", region: "us-west-2"))
        #expect(Self.reason(otherRegion) == "credential scope region us-west-2 != us-east-1")
        let otherService = Self.received(signer: SigV4Signer(service: "bedrock-runtime", region: "us-east-1"))
        #expect(Self.reason(otherService) == "credential scope service bedrock-runtime != bedrock")
    }

    @Test func clockSkewBeyondFiveMinutesFails() {
        let request = Self.received(date: Self.now.addingTimeInterval(-301))
        #expect(Self.reason(request) == "x-amz-date 20251124T115459Z is more than 300s from the server clock 20251124T120000Z")
        #expect(Self.reason(Self.received(date: Self.now.addingTimeInterval(299))) == nil)
    }

    @Test func scopeIsReadableForRoutingAndReportedOnFailure() {
        let westRequest = Self.received(signer: SigV4Signer(service: "bedrock", region: "us-west-2"))
        #expect(SigV4Verifier.credentialScope(of: westRequest)?.region == "us-west-2")
        #expect(SigV4Verifier.credentialScope(of: Self.replacingHeader("Authorization", with: nil, in: westRequest)) == nil)

        let error = #expect(throws: SigV4VerificationError.self) {
            try Self.verifier.verify(westRequest, credentials: Self.credentials, now: Self.now)
        }
        #expect(error?.kind == .scopeMismatch)
        #expect(error?.scope?.region == "us-west-2")
    }

    @Test func unknownAccessKeyFails() {
        var other = Self.credentials
        other.accessKeyID = "AKIDOTHER"
        #expect(Self.reason(Self.received(credentials: other)) == "unknown access key ID AKIDOTHER")
    }

    @Test func sessionTokenProblemsFailWithoutShowingTheToken() {
        let stripped = Self.replacingHeader("X-Amz-Security-Token", with: nil, in: Self.received(credentials: Self.temporary))
        #expect(Self.reason(stripped, credentials: Self.temporary) == "x-amz-security-token missing for temporary credentials")

        var otherToken = Self.temporary
        otherToken.sessionToken = "another-token"
        #expect(Self.reason(Self.received(credentials: otherToken), credentials: Self.temporary)
            == "x-amz-security-token does not match the access key's session token")

        var longTerm = Self.temporary
        longTerm.sessionToken = nil
        #expect(Self.reason(Self.received(credentials: Self.temporary), credentials: longTerm)
            == "x-amz-security-token sent for long-term credentials")
    }

    @Test(arguments: [
        ("AWS4-HMAC-SHA1 Credential=AKIDEXAMPLE/20251124/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
         "unsupported signing algorithm AWS4-HMAC-SHA1"),
        ("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20251124/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date",
         "Signature missing"),
        ("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20251124/us-east-1/bedrock, SignedHeaders=host;x-amz-date, Signature=00",
         "Credential is not accessKeyID/date/region/service/aws4_request"),
        ("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20251124/us-east-1/bedrock/aws4_request, SignedHeaders=x-amz-date;host, Signature=00",
         "SignedHeaders must be lowercase, sorted and unique"),
        ("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20251124/us-east-1/bedrock/aws4_request, SignedHeaders=x-amz-date, Signature=00",
         "host is not a signed header"),
    ])
    func malformedAuthorizationFailsWithItsReason(_ authorization: String, _ reason: String) {
        let request = Self.replacingHeader("Authorization", with: authorization, in: Self.received())
        #expect(Self.reason(request) == reason)
    }
}
