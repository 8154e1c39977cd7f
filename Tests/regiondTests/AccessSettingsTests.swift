import Configuration
import Foundation
import RegistryTestSupport
import Testing
@testable import regiond

/// `access.*`: policy files read and parsed with the configuration, errors naming file and path.
@Suite struct AccessSettingsTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    func settings(_ json: String) async throws -> Settings {
        let reader = try await ConfigurationLoader.reader(flags: [:], configFile: try dir.write("regiond.json", json), environment: [:])
        return try Settings(config: reader, environment: [:])
    }

    @Test func policyFilesAreReadLevelByLevel() async throws {
        let identity = try dir.write("role.json", #"{"Statement": {"Effect": "Allow", "Action": "bedrock:*", "Resource": "*"}}"#)
        let root = try dir.write("root.json", #"[{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}, {"Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}}]"#)
        let ou = try dir.write("ou.json", #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#)
        let s = try await settings(#"{"access": {"identity_policies": ["\#(identity)"], "scps": ["\#(root)", "\#(ou)"], "account": "111122223333"}}"#)
        #expect(s.access.policies.identity?.count == 1)
        #expect(s.access.policies.scps?.map(\.count) == [2, 1], "one level per file; an array is that level's documents")
        #expect(s.access.policies.account == "111122223333")
        #expect(try await settings("{}").access.policies.scps == nil, "not configured: gates stay unknown")
    }

    @Test func aBrokenFileIsNamedWithItsPath() async throws {
        let broken = try dir.write("broken.json", #"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": 5}}]}"#)
        await #expect(throws: SettingsError.self) { try await settings(#"{"access": {"scps": ["\#(broken)"]}}"#) }
        do {
            _ = try await settings(#"{"access": {"scps": ["\#(broken)"]}}"#)
        } catch {
            #expect("\(error)".contains("access.scps") && "\(error)".contains("\(broken).Statement[0].Condition.StringEquals"), "\(error)")
        }
        do {
            _ = try await settings(#"{"access": {"identity_policies": ["\#(dir.file("missing.json"))"]}}"#)
            Issue.record("a missing file was accepted")
        } catch {
            #expect("\(error)".contains("missing.json"))
        }
        await #expect(throws: SettingsError.self) { try await settings(#"{"access": {"account": "12"}}"#) }
    }
}
