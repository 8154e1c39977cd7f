import AWSCore
import BedrockStandIn
import Foundation

/// Runs `body` with the STS stand-in listening at the base URL it is given, and stops the
/// stand-in however `body` ends.
func withSTSStandIn<T: Sendable>(_ standIn: STSStandIn, _ body: (String) async throws -> T) async throws -> T {
    let base = try await standIn.start()
    do {
        let result = try await body(base)
        await standIn.stop()
        return result
    } catch {
        await standIn.stop()
        throw error
    }
}

/// Names the role tests use, and a web identity token shaped like a JWT, with characters the
/// form encoding must escape.
enum STSTestValues {
    static let role = "arn:aws:iam::111122223333:role/regiond-reader"
    static let otherRole = "arn:aws:iam::111122223333:role/regiond-hop"
    static let webIdentityToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6cmVnaW9uZCJ9+/=.c2lnbmF0dXJl"
    static let rotatedToken = "eyJhbGciOiJSUzI1NiJ9.cm90YXRlZA.c2lnbmF0dXJlMg"
    /// Static keys a source profile holds.
    static let baseKeys = AWSCredentials(accessKeyID: "AKIABASEPROFILE0001", secretAccessKey: CredentialTestSecrets.secret, source: "test")

    /// A credentials-file section holding `keys`.
    static func section(_ name: String, _ keys: AWSCredentials = baseKeys) -> String {
        "[\(name)]\naws_access_key_id = \(keys.accessKeyID)\naws_secret_access_key = \(keys.secretAccessKey)\n"
    }
}
