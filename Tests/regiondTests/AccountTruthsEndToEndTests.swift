import AsyncHTTPClient
import AWSCore
import BedrockStandIn
import Foundation
import RegistryTestSupport
import Testing

/// Issue 10's promise through the real binary: credentials only from web identity, or only from
/// a role assumed through a profile, against an account shaped as AWS answers; the answers an
/// operator acts on are true.
@Suite struct AccountTruthsEndToEndTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    static let role = "arn:aws:iam::111122223333:role/regiond"
    static let sonnet = SampleAccount.sonnet

    @Test func webIdentityOnly() async throws {
        let token = "eyJhbGciOiJSUzI1NiJ9.dHJ1dGhz.c2ln"
        let sts = STSStandIn(region: "us-east-1", webIdentityTokens: [token])
        try await verifyTruths(sts: sts, environment: [
            "AWS_WEB_IDENTITY_TOKEN_FILE": try dir.write("token", token), "AWS_ROLE_ARN": Self.role,
        ])
        #expect(sts.calls.allSatisfy { $0.action == "AssumeRoleWithWebIdentity" && !$0.signed })
    }

    @Test func roleAssumedThroughAProfileWithAnExternalId() async throws {
        let base = AWSCredentials(accessKeyID: "AKIDBASEPROFILE", secretAccessKey: "base/secret", source: "test")
        let sts = STSStandIn(region: "us-east-1", credentials: [base])
        try dir.write("credentials", "[base]\naws_access_key_id = \(base.accessKeyID)\naws_secret_access_key = \(base.secretAccessKey)\n")
        try dir.write("config", "[profile regiond]\nrole_arn = \(Self.role)\nsource_profile = base\nexternal_id = ext-42\nregion = us-east-1\n")
        try await verifyTruths(sts: sts, environment: [
            "AWS_SHARED_CREDENTIALS_FILE": dir.file("credentials"), "AWS_CONFIG_FILE": dir.file("config"), "AWS_PROFILE": "regiond",
        ])
        let call = try #require(sts.calls.first)
        #expect(call.action == "AssumeRole" && call.signed && call.parameters["ExternalId"] == "ext-42")
    }

    /// Serves in AWS mode with only the given credential settings, then checks every answer.
    func verifyTruths(sts: STSStandIn, environment: [String: String]) async throws {
        let bedrock = BedrockStandIn(world: SampleAccount.make(), credentials: (1...6).map(STSStandIn.issuedCredentials))
        var env = [
            "AWS_ENDPOINT_URL_STS": try await sts.start(), "AWS_ENDPOINT_URL_BEDROCK": try await bedrock.start(), "HOME": dir.path,
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_REGION": "",
            "AWS_DEFAULT_REGION": "", "AWS_PROFILE": "", "AWS_ENDPOINT_URL": "", "AWS_WEB_IDENTITY_TOKEN_FILE": "", "AWS_ROLE_ARN": "",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "",
        ]
        env.merge(environment) { $1 }
        let daemon = try await RunningDaemon.start(
            ["--db", dir.file("regiond.sqlite3"), "--source", "aws", "--regions", SampleAccount.sourceRegions.joined(separator: ","),
             "--token-file", try dir.write("api-token", "truths-token")], environment: env, in: dir.path)
        do {
            try await withHTTPClient { client in try await checkAnswers(TruthsClient(client: client, port: daemon.port), bedrock) }
        } catch {
            Issue.record(error, "daemon log:\n\(daemon.logText)")
        }
        #expect(await daemon.stop() == 0)
        await sts.stop()
        await bedrock.stop()
    }

    func checkAnswers(_ api: TruthsClient, _ bedrock: BedrockStandIn) async throws {
        try await api.waitUntilReady()
        let run = try #require((try await api.get("/v1/refresh")["runs"] as? [[String: Any]])?.first)
        #expect(run["outcome"] as? String == "succeeded", "\(run)")
        let regions = run["regions"] as? [[String: Any]] ?? []
        #expect(regions.contains { $0["region"] as? String == SampleAccount.disabledRegion && $0["outcome"] as? String == "not_enabled" })

        let global = try await api.get("/v1/profiles/global.\(Self.sonnet)/access?source_region=us-east-1")
        #expect(global["destination_scope"] as? String == "commercial" && global["complete"] as? Bool == true, "\(global)")
        let availability = bedrock.requests.filter { $0.operation == "GetFoundationModelAvailability" }
        #expect(availability.count <= 12, "a handful of availability calls, not one per commercial region: \(availability.count)")

        let llama = try await api.get("/v1/profiles/us.\(SampleAccount.llama)/access?source_region=us-east-1")
        let east = (llama["destinations"] as? [[String: Any]])?.first { $0["region"] as? String == "us-east-1" }
        #expect(east?["state"] as? String == "not_subscribed" && east?["status"] as? String == "unknown", "\(llama)")

        #expect(try await api.get("/v1/profiles/a1b2c3d4e5f6")["parent_profile_id"] as? String == "us.\(Self.sonnet)")
        // ListFoundationModels says ACTIVE: the API's word wins; the catalog's dates stay.
        let lifecycle = try await api.get("/v1/models/\(Self.sonnet)")["lifecycle"] as? [String: Any]
        #expect(lifecycle?["status"] as? String == "ACTIVE" && lifecycle?["end_of_life_at"] as? String == "2026-10-14", "\(lifecycle ?? [:])")
        let resolved = try await api.get("/v1/resolve?model=\(Self.sonnet)&source_region=us-east-1&geo=us")
        #expect(resolved["profile_id"] as? String == "us.\(Self.sonnet)", "\(resolved)")

        var world = bedrock.world
        world.profiles["us-east-1"]!.removeAll { $0.id == "f6e5d4c3b2a1" }
        bedrock.world = world
        #expect(try await api.post("/v1/refresh")["outcome"] as? String == "succeeded")
        #expect(try await api.get("/v1/profiles/f6e5d4c3b2a1")["removed_at"] is String, "no longer listed: removed")
    }
}

/// The daemon's API, JSON in and out.
struct TruthsClient {
    let client: HTTPClient
    let port: Int

    func get(_ path: String) async throws -> [String: Any] {
        try await send(HTTPClientRequest(url: url(path)))
    }

    func post(_ path: String) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: url(path))
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer truths-token")
        return try await send(request)
    }

    /// The first refresh runs in the background; ready once it has applied.
    func waitUntilReady() async throws {
        _ = try await client.execute(HTTPClientRequest(url: url("/v1/changes?since=1&wait=60&limit=1")), timeout: .seconds(90))
    }

    private func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)" + path.replacingOccurrences(of: ":", with: "%3A")
    }

    private func send(_ request: HTTPClientRequest) async throws -> [String: Any] {
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 22)
        return try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] ?? [:]
    }
}
