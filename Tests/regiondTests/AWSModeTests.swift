import AsyncHTTPClient
import BedrockStandIn
import Foundation
import RegistryTestSupport
import Testing

/// The binary in AWS mode against the Bedrock stand-in, configured as an operator would:
/// `--source aws --regions …`, credentials and `AWS_ENDPOINT_URL_BEDROCK` in the environment.
@Suite struct AWSModeTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    var db: String { dir.file("regiond.sqlite3") }
    static let regions = SampleAccount.sourceRegions.joined(separator: ",")

    func environment(endpoint: String) -> [String: String] {
        [
            "AWS_ENDPOINT_URL_BEDROCK": endpoint, "AWS_ACCESS_KEY_ID": SampleAccount.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": SampleAccount.credentials.secretAccessKey, "AWS_EC2_METADATA_DISABLED": "true",
            "HOME": dir.path, "AWS_PROFILE": "", "AWS_ENDPOINT_URL": "",
        ]
    }

    func withStandIn(_ body: (BedrockStandIn, [String: String]) async throws -> Void) async throws {
        let standIn = BedrockStandIn(world: SampleAccount.make(), credentials: [SampleAccount.credentials])
        let endpoint = try await standIn.start()
        do {
            try await body(standIn, environment(endpoint: endpoint))
        } catch {
            await standIn.stop()
            throw error
        }
        await standIn.stop()
    }

    @Test func refreshOnceReadsEveryRegionAndExitsNonZeroWhenOneFails() async throws {
        try await withStandIn { standIn, env in
            let first = try await RegiondProcess.run(
                ["refresh", "--once", "--source", "aws", "--regions", Self.regions, "--db", db], environment: env, in: dir.path)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("+ route us.\(SampleAccount.sonnet)@us-west-2"))
            #expect(first.stdout.contains("+ grant eu-west-3/\(SampleAccount.sonnet)/aws"))
            #expect(first.stdout.contains("region ap-northeast-1 routes: ok"))
            #expect(first.stdout.contains("refresh succeeded from aws"))
            #expect(standIn.requests.allSatisfy { $0.signatureError == nil })

            standIn.inject(StandInFault(.accessDenied, region: "eu-central-1", operation: "ListInferenceProfiles"))
            let second = try await RegiondProcess.run(
                ["refresh", "--once", "--source", "aws", "--regions", Self.regions, "--db", db], environment: env, in: dir.path)
            #expect(second.status == 1)
            #expect(second.stdout.contains("region eu-central-1 routes: failed"))
            #expect(second.stdout.contains("AccessDeniedException (HTTP 403)"))
            #expect(second.stdout.contains("refresh partial from aws"))
            let output = first.stdout + first.stderr + second.stdout + second.stderr
            #expect(!output.contains(SampleAccount.credentials.secretAccessKey), "the secret never reaches output")

            let audit = try await RegiondProcess.run(["audit", "--db", db, "--source-region", "eu-central-1"], in: dir.path)
            #expect(audit.stdout.contains("eu.\(SampleAccount.sonnet)"), "last known data is still there: \(audit.stdout)")
        }
    }

    /// A pod with IAM roles for service accounts: a token file and a role in the environment, no
    /// region variable, no keys. STS is asked in the first source region, unsigned.
    @Test func webIdentityOnAPodNeedsNothingButTheRegions() async throws {
        let token = "eyJhbGciOiJSUzI1NiJ9.cG9k.c2ln"
        let sts = STSStandIn(region: "us-east-1", webIdentityTokens: [token])
        let bedrock = BedrockStandIn(world: SampleAccount.make(), credentials: (1...3).map(STSStandIn.issuedCredentials))
        let stsBase = try await sts.start()
        let bedrockBase = try await bedrock.start()
        let environment = [
            "AWS_WEB_IDENTITY_TOKEN_FILE": try dir.write("token", token), "AWS_ROLE_ARN": "arn:aws:iam::111122223333:role/regiond",
            "AWS_ENDPOINT_URL_STS": stsBase, "AWS_ENDPOINT_URL_BEDROCK": bedrockBase, "HOME": dir.path, "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCESS_KEY_ID": "", "AWS_REGION": "", "AWS_DEFAULT_REGION": "", "AWS_PROFILE": "", "AWS_ENDPOINT_URL": "",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "",
        ]
        let result = try await RegiondProcess.run(
            ["refresh", "--once", "--source", "aws", "--regions", "us-east-1,us-west-2", "--db", db], environment: environment, in: dir.path)
        await sts.stop()
        await bedrock.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("aws.credentials.source=web-identity"), "\(result.stderr)")
        #expect(sts.calls.count == 1 && sts.calls.first?.signed == false)
        #expect(!bedrock.requests.isEmpty && bedrock.requests.allSatisfy { $0.signatureError == nil && $0.hadSessionToken })
        let output = result.stdout + result.stderr
        #expect(!output.contains(token) && !output.contains(STSStandIn.issuedCredentials(1).secretAccessKey))
    }

    @Test func serveReportsPerRegionStatusAndStaleness() async throws {
        try await withStandIn { standIn, env in
            standIn.inject(StandInFault(.throttle, region: "ap-northeast-1", operation: "ListInferenceProfiles"))
            let daemon = try await RunningDaemon.start(
                ["--db", db, "--source", "aws", "--regions", Self.regions], environment: env.merging(["REGIOND_AWS_MAX_ATTEMPTS": "2"]) { $1 },
                in: dir.path)
            let base = "http://127.0.0.1:\(daemon.port)"
            let status = try await withHTTPClient { client in
                // The start-up refresh commits its changes and its run in one transaction: once
                // the index moves past 1, the run is finished.
                _ = try await client.execute(HTTPClientRequest(url: "\(base)/v1/changes?since=1&wait=60&limit=1"), timeout: .seconds(90))
                let response = try await client.execute(HTTPClientRequest(url: "\(base)/v1/refresh"), timeout: .seconds(10))
                return try JSONSerialization.jsonObject(with: Data(buffer: try await response.body.collect(upTo: 1 << 20))) as? [String: Any] ?? [:]
            }
            let run = try #require((status["runs"] as? [[String: Any]])?.first)
            #expect(run["outcome"] as? String == "partial")
            #expect(status["stale_regions"] as? [String] == ["ap-northeast-1"])
            #expect(status["stale"] as? Bool == true)
            let regions = try #require(status["regions"] as? [[String: Any]])
            let ap = try #require(regions.first { $0["region"] as? String == "ap-northeast-1" && $0["part"] as? String == "routes" })
            #expect((ap["last_error"] as? String)?.contains("ThrottlingException") == true)
            #expect(regions.contains { $0["region"] as? String == "us-east-2" && $0["part"] as? String == "access" && $0["stale"] as? Bool == false })
            #expect(await daemon.stop() == 0)
            #expect(!daemon.logText.contains(SampleAccount.credentials.secretAccessKey))
        }
    }
}
