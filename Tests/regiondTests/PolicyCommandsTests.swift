import Foundation
import RegistryTestSupport
import Testing

/// `regiond policy` and `regiond check-policy` on a database refreshed from the embedded catalog.
@Suite struct PolicyCommandsTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    var db: String { dir.file("regiond.sqlite3") }
    static let haiku = "eu.anthropic.claude-3-haiku-20240307-v1:0"

    @Test func thePrintedPolicyPassesTheCheckAndARegionDenySCPFailsIt() async throws {
        #expect(try await RegiondProcess.run(["refresh", "--once", "--db", db], in: dir.path).status == 0)
        let policy = try await RegiondProcess.run(["policy", Self.haiku, "--source-region", "eu-west-1", "--account", "111122223333", "--db", db],
                                                  in: dir.path)
        #expect(policy.status == 0, "\(policy.stderr)")
        let policyFile = try dir.write("policy.json", policy.stdout)
        let allowed = try await RegiondProcess.run(["check-policy", Self.haiku, "--iam", policyFile, "--source-region", "eu-west-1",
                                                    "--account", "111122223333", "--db", db], in: dir.path)
        #expect(allowed.status == 0 && allowed.stdout.contains("1 of 1 route(s) allowed"), "\(allowed.stdout)\(allowed.stderr)")

        let scp = try dir.write("scp.json", #"""
            [{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}},
             {"Statement": {"Sid": "OnlyIreland", "Effect": "Deny", "Action": "*", "Resource": "*",
                            "Condition": {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}}}]
            """#)
        let denied = try await RegiondProcess.run(["check-policy", Self.haiku, "--iam", policyFile, "--scp", scp, "--source-region", "eu-west-1",
                                                   "--account", "111122223333", "--db", db], in: dir.path)
        #expect(denied.status == 1)
        #expect(denied.stdout.contains("explicit_deny") && denied.stdout.contains("OnlyIreland"), "\(denied.stdout)")

        let broken = try dir.write("broken.json", #"{"Statement": [{"Effect": "Allow", "Action": "*"}]}"#)
        let refused = try await RegiondProcess.run(["check-policy", "--scp", broken, "--account", "111122223333", "--db", db], in: dir.path)
        #expect(refused.status != 0 && refused.stderr.contains("\(broken)[0].Statement[0].Resource"), "\(refused.stderr)")
    }
}
