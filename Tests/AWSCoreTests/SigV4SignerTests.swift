import AWSCore
import Foundation
import Testing

/// regiond's own cases, pinned where possible to botocore's output for the same request.
@Suite("SigV4Signer")
struct SigV4SignerTests {
    static let noon = Date(timeIntervalSince1970: 1_763_985_600)  // 2025-11-24T12:00:00Z, the clock of vectors-2
    static let longTerm = AWSCredentials(accessKeyID: Fixtures.exampleAccessKeyID,
                                         secretAccessKey: Fixtures.exampleSecretAccessKey, source: "test")
    static let temporary = AWSCredentials(accessKeyID: "ASIAEXAMPLE", secretAccessKey: Fixtures.exampleSecretAccessKey,
                                          sessionToken: "FwoGZXIvYXdzEXAMPLE//token+with/slashes==", source: "test")

    @Test func modelIDColonIsSentOnceEncodedAndCanonicalisedTwice() {
        let request = SigV4Request(host: "bedrock.us-east-1.amazonaws.com",
                                   pathSegments: ["inference-profiles", "us.anthropic.claude-sonnet-4-20250514-v1:0"])
        let signature = SigV4Signer(service: "bedrock", region: "us-east-1")
            .sign(request, credentials: Self.longTerm, date: Self.noon)

        #expect(request.pathAndQuery == "/inference-profiles/us.anthropic.claude-sonnet-4-20250514-v1%3A0")
        #expect(signature.canonicalRequest.split(separator: "\n")[1]
            == "/inference-profiles/us.anthropic.claude-sonnet-4-20250514-v1%253A0")
        // botocore's signature for this request (vectors-2, get-inference-profile-colon-in-path).
        #expect(signature.signature == "e382cead0f4ecb203c81d8f77c08955cdd7132f6e0fe9fae9c42fef6ad41d14f")
    }

    @Test func paginationTokenIsEncodedTheSameOnTheWireAndInTheSignature() {
        let request = SigV4Request(host: "bedrock.eu-central-1.amazonaws.com", pathSegments: ["inference-profiles"],
                                   query: [(name: "maxResults", value: "100"),
                                           (name: "nextToken", value: "AAMA-EFRSURBSGg/+b3Rr=="),
                                           (name: "type", value: "APPLICATION")])
        let signature = SigV4Signer(service: "bedrock", region: "eu-central-1")
            .sign(request, credentials: Self.longTerm, date: Self.noon)

        let sentQuery = "maxResults=100&nextToken=AAMA-EFRSURBSGg%2F%2Bb3Rr%3D%3D&type=APPLICATION"
        #expect(request.pathAndQuery == "/inference-profiles?\(sentQuery)")
        #expect(signature.canonicalRequest.split(separator: "\n")[2] == Substring(sentQuery))
        // botocore's signature for this request (vectors-2, list-inference-profiles-nexttoken-encoding).
        #expect(signature.signature == "fa5545dad547c901421910406c5a08beba77b9f260dc19d14b9594666e04eca7")
    }

    @Test func canonicalQueryIsSortedByNameThenValueWhateverTheInputOrder() {
        let request = SigV4Request(host: "h", path: "/",
                                   query: [(name: "b", value: "2"), (name: "a", value: "z"), (name: "a", value: "Y"),
                                           (name: "B", value: "")])
        let signature = SigV4Signer(service: "s", region: "r").sign(request, credentials: Self.longTerm, date: Self.noon)
        #expect(signature.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[2] == "B=&a=Y&a=z&b=2")
    }

    @Test func sessionTokenIsSentAndSigned() {
        let request = SigV4Request(host: "bedrock.us-west-2.amazonaws.com", pathSegments: ["foundation-models"])
        let signature = SigV4Signer(service: "bedrock", region: "us-west-2")
            .sign(request, credentials: Self.temporary, date: Self.noon)

        #expect(signature.signedHeaders == "host;x-amz-date;x-amz-security-token")
        #expect(signature.canonicalRequest.contains("\nx-amz-security-token:\(Self.temporary.sessionToken!)\n"))
        #expect(signature.headers.map(\.name) == ["Authorization", "X-Amz-Date", "X-Amz-Security-Token"])
        #expect(signature.headers.last?.value == Self.temporary.sessionToken)
        #expect(signature.authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20251124/us-west-2/bedrock/aws4_request, "))
    }

    @Test func emptySessionTokenMeansLongTermCredentials() {
        var credentials = Self.longTerm
        credentials.sessionToken = ""
        let request = SigV4Request(host: "h", path: "/")
        let signer = SigV4Signer(service: "s", region: "r")
        let signature = signer.sign(request, credentials: credentials, date: Self.noon)

        #expect(signature.securityToken == nil)
        #expect(signature.signature == signer.sign(request, credentials: Self.longTerm, date: Self.noon).signature)
    }

    @Test func callerCopiesOfSignerOwnedHeadersAreIgnored() {
        let plain = SigV4Request(host: "h", path: "/", headers: [(name: "X-Extra", value: " a  b ")])
        var noisy = plain
        noisy.headers += [(name: "Host", value: "other"), (name: "X-Amz-Date", value: "19990101T000000Z"),
                          (name: "Authorization", value: "stale"), (name: "x-amz-security-token", value: "stale")]
        let signer = SigV4Signer(service: "s", region: "r")
        let expected = signer.sign(plain, credentials: Self.longTerm, date: Self.noon)

        #expect(signer.sign(noisy, credentials: Self.longTerm, date: Self.noon).canonicalRequest == expected.canonicalRequest)
        #expect(expected.canonicalRequest.contains("\nx-extra:a b\n"))
        #expect(expected.signedHeaders == "host;x-amz-date;x-extra")
    }

    @Test func bodyIsHashedIntoThePayloadLine() {
        let empty = SigV4Request(method: "POST", host: "h", path: "/")
        let withBody = SigV4Request(method: "POST", host: "h", path: "/", body: Array("Param1=value1".utf8))
        #expect(empty.payloadHash == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // The suite's form-body cases list this hash for the same body.
        #expect(withBody.payloadHash == "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e")
    }

    @Test(arguments: [("", "/"), ("/a/b/..", "/a/"), ("/a/./b/.", "/a/b/"), ("//a//b//", "/a/b/"),
                      ("/../a", "/a"), ("/a.b/c..d/...", "/a.b/c..d/..."), ("/a%2F..%2Fb", "/a%252F..%252Fb")])
    func canonicalURIRemovesDotAndEmptySegmentsOnly(_ path: String, _ canonicalURI: String) {
        let signature = SigV4Signer(service: "s", region: "r")
            .sign(SigV4Request(host: "h", path: path), credentials: Self.longTerm, date: Self.noon)
        #expect(signature.canonicalRequest.split(separator: "\n")[1] == Substring(canonicalURI))
    }

    @Test func descriptionsNeverShowSecretsOrTokens() {
        let signature = SigV4Signer(service: "bedrock", region: "us-east-1")
            .sign(SigV4Request(host: "h", path: "/"), credentials: Self.temporary, date: Self.noon)
        let text = "\(signature) \(String(reflecting: signature)) \(Self.temporary)"
        #expect(!text.contains(Self.temporary.secretAccessKey))
        #expect(!text.contains(Self.temporary.sessionToken!))
        #expect(!text.contains(signature.signature))
    }
}
