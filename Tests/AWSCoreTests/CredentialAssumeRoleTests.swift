import BedrockStandIn
import Foundation
import Hummingbird
import Testing
@testable import AWSCore

@Suite("Roles in profiles: AssumeRole from a source profile or a credential_source")
struct CredentialAssumeRoleTests {
    private static let issued = STSStandIn.issuedCredentials

    /// The selected profile's credentials, STS at `sts`.
    private static func credentials(_ home: CredentialTestDirectory, profile: String, sts: String,
                                    environment: [String: String] = [:], stsRegion: String? = nil) async throws -> AWSCredentials {
        try await SharedFileCredentials(profile: profile, environment: environment.merging(["AWS_ENDPOINT_URL_STS": sts]) { a, _ in a },
                                        homeDirectory: home.path, stsRegion: stsRegion).credentials()
    }

    /// Profile a's role comes from profile b's, which comes from `secondSource`.
    private static func twoRoles(secondSource: String) -> String {
        """
        [profile a]
        role_arn = \(STSTestValues.role)
        source_profile = b
        [profile b]
        role_arn = \(STSTestValues.otherRole)
        source_profile = \(secondSource)
        """
    }

    @Test func sourceProfileKeysSignAssumeRoleWithTheProfilesSettings() async throws {
        let sts = STSStandIn(region: "eu-central-1", credentials: [STSTestValues.baseKeys])
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", STSTestValues.section("base"))
            try home.write(".aws/config", """
                [profile admin]
                role_arn = \(STSTestValues.role)
                source_profile = base
                external_id = partner-7f3a
                role_session_name = nightly
                duration_seconds = 1800
                region = eu-central-1
                """)
            try await withSTSStandIn(sts) { base async throws in
                let credentials = try await Self.credentials(home, profile: "admin", sts: base)
                #expect(credentials.accessKeyID == Self.issued(1).accessKeyID)
                #expect(credentials.source == "assume-role:admin")
                let call = try #require(sts.calls.first)
                #expect(call.signatureError == nil)
                #expect(call.signedBy == STSTestValues.baseKeys.accessKeyID)
                #expect(call.scope?.service == "sts")
                #expect(call.scope?.region == "eu-central-1", "the profile's region")
                #expect(call.parameters == [
                    "Action": "AssumeRole", "Version": "2011-06-15", "RoleArn": STSTestValues.role, "RoleSessionName": "nightly",
                    "ExternalId": "partner-7f3a", "DurationSeconds": "1800",
                ])
            }
        }
    }

    /// a's role is assumed with b's role's credentials, which were assumed with c's keys.
    @Test func chainedSourceProfiles() async throws {
        let sts = STSStandIn(region: "us-east-1", credentials: [STSTestValues.baseKeys])
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", STSTestValues.section("c"))
            try home.write(".aws/config", Self.twoRoles(secondSource: "c"))
            try await withSTSStandIn(sts) { base async throws in
                let credentials = try await Self.credentials(home, profile: "a", sts: base, environment: ["AWS_REGION": "us-east-1"])
                #expect(credentials.accessKeyID == Self.issued(2).accessKeyID)
                #expect(sts.calls.map(\.parameters["RoleArn"]) == [STSTestValues.otherRole, STSTestValues.role])
                #expect(sts.calls.map(\.signedBy) == [STSTestValues.baseKeys.accessKeyID, Self.issued(1).accessKeyID])
                #expect(sts.calls.allSatisfy { $0.signatureError == nil })
            }
        }
    }

    @Test func sourceProfileLoopIsRefusedBeforeAnyCall() async throws {
        let sts = STSStandIn(region: "us-east-1")
        try await withCredentialTestDirectory { home in
            try home.write(".aws/config", Self.twoRoles(secondSource: "a"))
            try await withSTSStandIn(sts) { base async throws in
                let error = await #expect(throws: AWSCredentialError.self) {
                    try await Self.credentials(home, profile: "a", sts: base, stsRegion: "us-east-1")
                }
                #expect(error?.kind == .invalidConfiguration)
                #expect(error?.message == "source_profile loop: 'a' -> 'b' -> 'a'; a role's source must lead to credentials")
                #expect(sts.calls.isEmpty)
            }
        }
    }

    /// botocore lets a profile name itself to sign its role with its own keys, and the selected
    /// profile's role outranks those keys; a source profile's keys outrank its own role.
    @Test func selfReferenceAndKeysBeforeASourceProfilesRole() async throws {
        let sts = STSStandIn(region: "us-east-1", credentials: [STSTestValues.baseKeys])
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", STSTestValues.section("self") + STSTestValues.section("hop"))
            try home.write(".aws/config", """
                [profile self]
                role_arn = \(STSTestValues.role)
                source_profile = self
                [profile top]
                role_arn = \(STSTestValues.role)
                source_profile = hop
                [profile hop]
                role_arn = \(STSTestValues.otherRole)
                source_profile = nowhere
                """)
            try await withSTSStandIn(sts) { base async throws in
                let itself = try await Self.credentials(home, profile: "self", sts: base, stsRegion: "us-east-1")
                let top = try await Self.credentials(home, profile: "top", sts: base, stsRegion: "us-east-1")
                #expect(itself.source == "assume-role:self" && top.source == "assume-role:top")
                #expect(sts.calls.map(\.signedBy) == [STSTestValues.baseKeys.accessKeyID, STSTestValues.baseKeys.accessKeyID])
                #expect(sts.calls.map(\.parameters["RoleArn"]) == [STSTestValues.role, STSTestValues.role])
            }
        }
    }

    @Test func credentialSourceEnvironment() async throws {
        let environmentKeys = AWSCredentials(accessKeyID: "AKIAENVIRONMENT0001", secretAccessKey: CredentialTestSecrets.secret,
                                             sessionToken: CredentialTestSecrets.token, source: "test")
        let sts = STSStandIn(region: "us-west-2", credentials: [environmentKeys])
        try await withCredentialTestDirectory { home in
            try home.write(".aws/config", "[profile ci]\nrole_arn = \(STSTestValues.role)\ncredential_source = Environment\n")
            try await withSTSStandIn(sts) { base async throws in
                let credentials = try await Self.credentials(home, profile: "ci", sts: base, environment: [
                    "AWS_ACCESS_KEY_ID": environmentKeys.accessKeyID, "AWS_SECRET_ACCESS_KEY": CredentialTestSecrets.secret,
                    "AWS_SESSION_TOKEN": CredentialTestSecrets.token, "AWS_DEFAULT_REGION": "us-west-2",
                ])
                #expect(credentials.source == "assume-role:ci")
                #expect(sts.calls.first?.signedBy == environmentKeys.accessKeyID)
                #expect(sts.calls.first?.scope?.region == "us-west-2")
            }
        }
    }

    @Test func credentialSourceEcsContainer() async throws {
        let containerKeys = AWSCredentials(accessKeyID: CredentialTestSecrets.accessKeyID, secretAccessKey: CredentialTestSecrets.secret,
                                           sessionToken: CredentialTestSecrets.token, source: "test")
        let sts = STSStandIn(region: "us-east-1", credentials: [containerKeys])
        let expiration = Date().addingTimeInterval(3600)
        try await withCredentialTestDirectory { home in
            try home.write(".aws/config", "[profile task]\nrole_arn = \(STSTestValues.role)\ncredential_source = EcsContainer\n")
            try await withCredentialStandIn({ router in
                router.get("/creds") { _, _ in credentialJSON(expiration: expiration) }
            }) { container, _ in
                try await withSTSStandIn(sts) { base async throws in
                    let credentials = try await Self.credentials(home, profile: "task", sts: base, environment: [
                        "AWS_CONTAINER_CREDENTIALS_FULL_URI": container + "/creds",
                    ], stsRegion: "us-east-1")
                    #expect(credentials.source == "assume-role:task")
                    #expect(sts.calls.first?.signedBy == CredentialTestSecrets.accessKeyID)
                }
            }
        }
    }

    @Test(arguments: [
        ("credential_source = Ec2Metadata\n", "profile 'p': credential_source 'Ec2Metadata' is not one of Environment, Ec2InstanceMetadata, EcsContainer"),
        ("credential_source = Environment\nsource_profile = q\n", "profile 'p' has both source_profile and credential_source; it needs exactly one"),
        ("", "profile 'p' has role_arn but no source_profile, credential_source or web_identity_token_file"),
        ("source_profile = absent\n", "profile 'p' names source_profile 'absent', which is in neither"),
        ("credential_source = Environment\n",
         "profile 'p' takes its credentials from credential_source Environment, which has none: environment (AWS_ACCESS_KEY_ID not set)"),
        ("source_profile = q\nduration_seconds = 1h\n", "profile 'p': duration_seconds must be a whole number from 900 to 43200"),
        ("source_profile = q\nmfa_serial = arn:aws:iam::111122223333:mfa/ops\n", "profile 'p' assumes its role with an MFA code"),
    ])
    func misconfiguredRolesSayWhatIsWrong(settings: String, message: String) async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", STSTestValues.section("q"))
            try home.write(".aws/config", "[profile p]\nrole_arn = \(STSTestValues.role)\n" + settings)
            let error = await #expect(throws: AWSCredentialError.self) {
                try await Self.credentials(home, profile: "p", sts: "http://127.0.0.1:1", stsRegion: "us-east-1")
            }
            #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
        }
    }

    /// AWS_REGION, then AWS_DEFAULT_REGION, then the profile's region, then what the caller passes.
    @Test(arguments: [
        (["AWS_REGION": "ca-central-1", "AWS_DEFAULT_REGION": "sa-east-1"], "eu-west-3", "us-east-2", "ca-central-1"),
        (["AWS_DEFAULT_REGION": "sa-east-1"], "eu-west-3", "us-east-2", "sa-east-1"),
        ([:], "eu-west-3", "us-east-2", "eu-west-3"),
        ([:], nil, "us-east-2", "us-east-2"),
    ] as [([String: String], String?, String?, String)])
    func stsRegion(environment: [String: String], profileRegion: String?, fallback: String?, expected: String) async throws {
        let sts = STSStandIn(region: expected, credentials: [STSTestValues.baseKeys])
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", STSTestValues.section("base"))
            try home.write(".aws/config", "[profile r]\nrole_arn = \(STSTestValues.role)\nsource_profile = base\n"
                + (profileRegion.map { "region = \($0)\n" } ?? ""))
            try await withSTSStandIn(sts) { base async throws in
                _ = try await Self.credentials(home, profile: "r", sts: base, environment: environment, stsRegion: fallback)
                #expect(sts.calls.first?.scope?.region == expected)
            }
        }
    }

    @Test func noRegionAnywhereIsAClearError() async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", STSTestValues.section("base"))
            try home.write(".aws/config", "[profile r]\nrole_arn = \(STSTestValues.role)\nsource_profile = base\n")
            let error = await #expect(throws: AWSCredentialError.self) {
                try await Self.credentials(home, profile: "r", sts: "http://127.0.0.1:1")
            }
            #expect(error?.message == "assuming a role needs a region for STS: set AWS_REGION or the profile's region")
        }
    }
}
