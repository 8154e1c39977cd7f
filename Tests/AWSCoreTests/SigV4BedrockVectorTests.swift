import SigV4Verification
import CivilTime
import AWSCore
import Foundation
import Testing

/// Bedrock control-plane GETs signed by botocore 1.43.11 (two files with different shapes).
@Suite("SigV4 Bedrock vectors (botocore)")
struct SigV4BedrockVectorTests {
    static let vectors: [BedrockVector] = (try? BedrockVector.loadAll()) ?? []

    @Test func loadsBothVectorFiles() throws {
        let vectors = try BedrockVector.loadAll()
        #expect(vectors.filter { $0.file == "sigv4-bedrock-vectors.json" }.count == 5)
        #expect(vectors.filter { $0.file == "sigv4-bedrock-vectors-2.json" }.count == 6)
    }

    @Test(arguments: vectors)
    func signerMatchesBotocore(_ vector: BedrockVector) throws {
        let signature = SigV4Signer(service: vector.service, region: vector.region)
            .sign(vector.signingRequest, credentials: vector.credentials, date: try vector.date())

        #expect(signature.canonicalRequest == vector.canonicalRequest)
        #expect(signature.stringToSign == vector.stringToSign)
        #expect(signature.signature == vector.signature)
        #expect(signature.authorization == vector.authorization)
    }

    @Test(arguments: vectors)
    func wireTargetMatchesWhatBotocoreSent(_ vector: BedrockVector) {
        let expected = vector.rawQuery.isEmpty ? vector.path : "\(vector.path)?\(vector.rawQuery)"
        #expect(vector.signingRequest.pathAndQuery == expected)
    }

    @Test(arguments: vectors)
    func verifierAcceptsBotocoresRequest(_ vector: BedrockVector) throws {
        var headers = vector.headers
        headers.append((name: "Host", value: vector.host))
        headers.append((name: "Authorization", value: vector.authorization))
        let received = SigV4ReceivedRequest(method: vector.method, path: vector.path, rawQuery: vector.rawQuery,
                                            headers: headers)
        let verified = try SigV4Verifier(service: vector.service, region: vector.region)
            .verify(received, credentials: vector.credentials, now: try vector.date())
        #expect(verified.signedHeaders == vector.authorizationSignedHeaders)
    }
}

/// One vector from either file, in a common shape.
struct BedrockVector: Sendable, CustomTestStringConvertible {
    var file: String
    var name: String
    var region: String
    var service: String
    var method: String
    var host: String
    var path: String
    var rawQuery: String
    var headers: [(name: String, value: String)]
    var credentials: AWSCredentials
    var canonicalRequest: String
    var stringToSign: String
    var signature: String
    var authorization: String

    var testDescription: String { name }

    func date() throws -> Date {
        try #require(headers.first { $0.name == "X-Amz-Date" }.flatMap { UTCDateTime(iso8601Basic: $0.value)?.date })
    }

    /// The path as sent and the decoded query, as regiond's transport would hand them to the signer.
    var signingRequest: SigV4Request {
        SigV4Request(method: method, host: host, path: path, query: AWSURIDecoding.query(rawQuery))
    }

    var authorizationSignedHeaders: [String] {
        let field = authorization.components(separatedBy: "SignedHeaders=").last ?? ""
        return (field.components(separatedBy: ",").first ?? "").components(separatedBy: ";")
    }

    static func loadAll() throws -> [BedrockVector] {
        try loadFirstFile() + loadSecondFile()
    }

    private static func loadFirstFile() throws -> [BedrockVector] {
        struct File: Decodable {
            struct Case: Decodable {
                var name, region, service, method, host, path_as_sent, query_as_sent: String
                var headers: [String: String]
                var canonical_request, string_to_sign, signature, authorization: String
            }
            var cases: [Case]
        }
        let fileName = "sigv4-bedrock-vectors.json"
        return try JSONDecoder().decode(File.self, from: Fixtures.data(fileName)).cases.map {
            BedrockVector(
                file: fileName, name: $0.name, region: $0.region, service: $0.service, method: $0.method,
                host: $0.host, path: $0.path_as_sent, rawQuery: $0.query_as_sent,
                headers: $0.headers.filter { $0.key != "Host" }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                credentials: exampleCredentials(sessionToken: $0.headers["X-Amz-Security-Token"]),
                canonicalRequest: $0.canonical_request, stringToSign: $0.string_to_sign,
                signature: $0.signature, authorization: $0.authorization)
        }
    }

    private static func loadSecondFile() throws -> [BedrockVector] {
        struct File: Decodable {
            struct Vector: Decodable {
                struct Credentials: Decodable { var session_token: String? }
                struct Request: Decodable { var method, url: String; var headers: [String: String] }
                var name, region, signing_name: String
                var credentials: Credentials
                var request: Request
                var expected_canonical_request, expected_string_to_sign, expected_authorization, expected_signature: String
            }
            var vectors: [Vector]
        }
        let fileName = "sigv4-bedrock-vectors-2.json"
        return try JSONDecoder().decode(File.self, from: Fixtures.data(fileName)).vectors.map {
            let url = try SplitURL($0.request.url)
            return BedrockVector(
                file: fileName, name: $0.name, region: $0.region, service: $0.signing_name,
                method: $0.request.method, host: url.host, path: url.path, rawQuery: url.rawQuery,
                headers: $0.request.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                credentials: exampleCredentials(sessionToken: $0.credentials.session_token),
                canonicalRequest: $0.expected_canonical_request, stringToSign: $0.expected_string_to_sign,
                signature: $0.expected_signature, authorization: $0.expected_authorization)
        }
    }

    private static func exampleCredentials(sessionToken: String?) -> AWSCredentials {
        AWSCredentials(accessKeyID: Fixtures.exampleAccessKeyID, secretAccessKey: Fixtures.exampleSecretAccessKey,
                       sessionToken: sessionToken, source: "botocore-vectors")
    }
}

/// `https://host/path?query` split by hand, so the path and query stay exactly as botocore sent them.
private struct SplitURL {
    var host: String
    var path: String
    var rawQuery: String

    init(_ url: String) throws {
        let rest = try #require(url.components(separatedBy: "https://").last, "not https: \(url)")
        let slash = try #require(rest.firstIndex(of: "/"), "no path: \(url)")
        host = String(rest[..<slash])
        let target = rest[slash...]
        if let question = target.firstIndex(of: "?") {
            path = String(target[..<question])
            rawQuery = String(target[target.index(after: question)...])
        } else {
            path = String(target)
            rawQuery = ""
        }
    }
}
