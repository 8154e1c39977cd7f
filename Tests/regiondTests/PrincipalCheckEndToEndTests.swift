import AWSCore
import AsyncHTTPClient
import BedrockStandIn
import Foundation
import RegistryTestSupport
import Testing

/// `--check-principal` against a loopback IAM: every route from the source regions is asked of
/// IAM's policy simulator, signed, and route answers' identity and SCP gates say what IAM said.
@Suite struct PrincipalCheckEndToEndTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    static let principal = "arn:aws:iam::111122223333:role/gateway"
    static let sonnet = "anthropic.claude-sonnet-4-5-20250929-v1:0"
    static let credentials = AWSCredentials(accessKeyID: "AKIAREGIONDCHECK", secretAccessKey: "check/secret&value", source: "test")
    /// Scoped as a least-privilege policy is: this account's profiles in eu-west-1, models only
    /// through them (a wrong account, region or context in regiond's questions would be denied).
    /// Nova Lite must come through a VPC endpoint: a key regiond cannot give.
    static let scopedToIreland = """
        {"Version": "2012-10-17", "Statement": [
         {"Sid": "Profiles", "Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:eu-west-1:111122223333:inference-profile/*"},
         {"Sid": "ModelsThroughThem", "Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*::foundation-model/*",
          "Condition": {"ArnLike": {"bedrock:InferenceProfileArn": "arn:aws:bedrock:eu-west-1:111122223333:inference-profile/*"}}},
         {"Sid": "NovaOnlyThroughTheEndpoint", "Effect": "Deny", "Action": "bedrock:InvokeModel",
          "Resource": "arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0", "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b"}}}]}
        """
    static let fullAccess = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#
    /// A region-deny SCP of the usual shape, allowing two EU regions only (beside FullAWSAccess: every level needs an allow).
    static let irelandAndFrankfurt = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "DenyOtherRegions", "Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*",
         "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}}}]}
        """

    @Test func routeGatesSayWhatIAMsSimulatorDecidedAndARefusalIsUnknownNotAllowed() async throws {
        let iam = IAMStandIn(credentials: [Self.credentials])
        try iam.attach(principal: Self.principal, identity: [Self.scopedToIreland], scps: [[Self.fullAccess], [Self.fullAccess, Self.irelandAndFrankfurt]])
        let environment = [
            "AWS_ENDPOINT_URL_IAM": try await iam.start(), "AWS_ACCESS_KEY_ID": Self.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": Self.credentials.secretAccessKey, "AWS_EC2_METADATA_DISABLED": "true", "HOME": dir.path,
            "AWS_PROFILE": "", "AWS_ENDPOINT_URL": "", "AWS_SESSION_TOKEN": "",
        ]
        let daemon = try await RunningDaemon.start(
            ["--db", dir.file("regiond.sqlite3"), "--regions", "eu-west-1", "--check-principal", Self.principal,
             "--token-file", try dir.write("api-token", "truths-token")], environment: environment, in: dir.path)
        do {
            try await withHTTPClient { client in try await checkGates(TruthsClient(client: client, port: daemon.port), iam) }
        } catch {
            Issue.record(error, "daemon log:\n\(daemon.logText)")
        }
        #expect(await daemon.stop() == 0)
        if ProcessInfo.processInfo.environment["REGIOND_PRINT_FIGURES"] == "1" {
            for line in daemon.logText.split(separator: "\n") where line.contains("IAM policy simulator checked") { print(line) }
        }
        #expect(!daemon.logText.contains(Self.credentials.secretAccessKey), "the secret never reaches the log")
        await iam.stop()
    }

    func checkGates(_ api: TruthsClient, _ iam: IAMStandIn) async throws {
        try await api.waitUntil("the first pass of the policy simulator") {
            (try await api.get("/v1/status")["policy_simulator"] as? [String: Any])?["checked_at"] is String
        }
        #expect(iam.calls.count > 0 && iam.calls.allSatisfy { $0.signatureError == nil && $0.status == 200 }, "every call signed and answered")

        let geo = try await api.get("/v1/profiles/eu.\(Self.sonnet)/access?source_region=eu-west-1")
        let gates = Self.gates(geo)
        #expect(Set(gates.keys) == ["eu-central-1", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-3"], "\(geo)")
        for (region, gate) in gates {
            let inside = region == "eu-west-1" || region == "eu-central-1"
            #expect(gate["scp"]?.state == (inside ? "pass" : "fail"), "\(region): \(gate)")
            #expect(gate["identity"]?.state == (inside ? "pass" : "unknown"), "an SCP denied first: \(region): \(gate)")
        }
        #expect(gates["eu-west-3"]?["scp"]?.reason.contains("explicit_deny by an SCP") == true, "\(gates["eu-west-3"] ?? [:])")
        #expect(geo["allowed"] as? Bool == false)

        // A source region outside --regions keeps the offline evaluation (here: nothing configured).
        let elsewhere = Self.gates(try await api.get("/v1/profiles/us.\(Self.sonnet)/access?source_region=us-east-1"))
        #expect(elsewhere["us-east-1"]?["identity"]?.reason.contains("access.identity_policies is not configured") == true,
                "\(elsewhere["us-east-1"] ?? [:])")

        // IAM decides Nova Lite assuming no VPC endpoint: that decision is not regiond's to trust.
        let nova = Self.gates(try await api.get("/v1/profiles/eu.amazon.nova-lite-v1:0/access?source_region=eu-west-1"))
        #expect(nova["eu-west-1"]?["identity"]?.state == "unknown", "\(nova["eu-west-1"] ?? [:])")
        #expect(nova["eu-west-1"]?["identity"]?.reason.contains("aws:SourceVpce") == true)

        // The global route's region-less model asks for `unspecified`, which the SCP does not allow.
        let global = Self.gates(try await api.get("/v1/profiles/global.\(Self.sonnet)/access?source_region=eu-west-1"))
        #expect(global["eu-west-1"]?["scp"]?.state == "fail")
        #expect(global["eu-west-1"]?["scp"]?.reason.contains("arn:aws:bedrock:::foundation-model/\(Self.sonnet)") == true)

        // Without iam:SimulatePrincipalPolicy the gates are unknown with IAM's error, and the
        // pass stops asking once refused.
        iam.refuse(message: "User: arn:aws:sts::111122223333:assumed-role/regiond/i-1 is not authorized to perform: iam:SimulatePrincipalPolicy")
        let before = iam.calls.count
        _ = try await api.post("/v1/refresh")
        let path = "/v1/profiles/eu.\(Self.sonnet)/access?source_region=eu-west-1"
        try await api.waitUntil("a pass after the refresh") { Self.gates(try await api.get(path))["eu-west-1"]?["scp"]?.state == "unknown" }
        #expect(iam.calls.count - before <= 8, "refused once, not once per route: \(iam.calls.count - before)")
        let refused = Self.gates(try await api.get(path))
        #expect(refused.values.allSatisfy { $0["scp"]?.state == "unknown" && $0["identity"]?.state == "unknown" })
        #expect(refused["eu-west-1"]?["identity"]?.reason.contains("AccessDenied (HTTP 403)") == true, "\(refused["eu-west-1"] ?? [:])")
    }

    /// Destination region → gate name → (state, reason).
    static func gates(_ access: [String: Any]) -> [String: [String: (state: String, reason: String)]] {
        var result: [String: [String: (state: String, reason: String)]] = [:]
        for destination in access["destinations"] as? [[String: Any]] ?? [] {
            guard let region = destination["region"] as? String, let gates = destination["gates"] as? [String: [String: Any]] else { continue }
            result[region] = gates.mapValues { ($0["state"] as? String ?? "", $0["reason"] as? String ?? "") }
        }
        return result
    }
}

extension TruthsClient {
    /// Polls until `condition` holds; throws after two minutes, naming what it waited for.
    func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw WaitTimeout(what: what)
    }
}

struct WaitTimeout: Error, CustomStringConvertible {
    var what: String
    var description: String { "gave up waiting for \(what)" }
}
