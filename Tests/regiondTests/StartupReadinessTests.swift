import AsyncHTTPClient
import BedrockStandIn
import Foundation
import RegistryTestSupport
import Testing

/// `READY=1` and `GET /readyz` agree on an empty database: the first refresh runs before
/// READY=1 (with `EXTEND_TIMEOUT_USEC` while a slow source runs); a failed first refresh still
/// ends start-up, says so in STATUS=, and leaves `/readyz` at 503 with the reason.
@Suite struct StartupReadinessTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    func startDaemon(standIn: BedrockStandIn, notify: DatagramReceiver) async throws -> RunningDaemon {
        let endpoint = try await standIn.start()
        let config = try dir.write("regiond.json", """
            {"source": "aws", "aws": {"regions": ["us-east-1"], "max_attempts": 1, "timeout": 30},
             "refresh": {"interval": 3600}, "health": {"probe": {"interval": 3600}}}
            """)
        return try await RunningDaemon.start(
            ["--db", dir.file("regiond.sqlite3"), "--config", config],
            environment: [
                "NOTIFY_SOCKET": notify.address, "AWS_ENDPOINT_URL_BEDROCK": endpoint, "AWS_EC2_METADATA_DISABLED": "true",
                "AWS_ACCESS_KEY_ID": SampleAccount.credentials.accessKeyID,
                "AWS_SECRET_ACCESS_KEY": SampleAccount.credentials.secretAccessKey,
            ],
            in: dir.path)
    }

    /// Notifications up to and including the first `READY=1`.
    func untilReady(_ notify: DatagramReceiver) async throws -> [String] {
        let (seen, matched) = await notify.receiveOffPool(until: { $0.hasPrefix("READY=1") }, timeout: .seconds(40))
        guard matched else { throw DatagramReceiver.Timeout() }
        return seen
    }

    func readiness(_ daemon: RunningDaemon) async throws -> (status: Int, body: [String: Any]) {
        try await withHTTPClient { client in
            let response = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(daemon.port)/readyz"), timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 16)
            return (Int(response.status.code), try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] ?? [:])
        }
    }

    @Test func aFailedFirstRefreshEndsStartUpAndReadyzSaysWhy() async throws {
        let standIn = BedrockStandIn(world: SampleAccount.make(), credentials: [SampleAccount.credentials])
        standIn.inject(StandInFault(.accessDenied))
        let notify = try DatagramReceiver(.abstract)
        let daemon = try await startDaemon(standIn: standIn, notify: notify)
        let ready = try await untilReady(notify)
        #expect(ready.last?.contains("STATUS=first refresh failed") == true, "\(ready)")
        let (status, body) = try await readiness(daemon)
        #expect(status == 503)
        #expect(body["ready"] as? Bool == false)
        let reason = try #require(body["reason"] as? String)
        #expect(reason.contains("no refresh has succeeded yet") && reason.contains("us-east-1"), "\(reason)")
        #expect(await daemon.stop() == 0)
        await standIn.stop()
    }

    @Test func aSlowFirstRefreshExtendsTheStartTimeoutThenReady() async throws {
        let standIn = BedrockStandIn(world: SampleAccount.make(), credentials: [SampleAccount.credentials])
        standIn.inject(StandInFault(.slow(.seconds(12)), region: "us-east-1", operation: "ListFoundationModels", times: 1))
        let notify = try DatagramReceiver(.abstract)
        let daemon = try await startDaemon(standIn: standIn, notify: notify)
        let (readyBefore, _) = try await readiness(daemon)
        #expect(readyBefore == 503, "listening, but the first refresh is still running")
        let seen = try await untilReady(notify)
        #expect(seen.contains { $0.hasPrefix("EXTEND_TIMEOUT_USEC=30000000") }, "\(seen)")
        #expect(seen.last?.contains("STATUS=serving") == true, "\(seen)")
        #expect(try await readiness(daemon).status == 200)
        #expect(await daemon.stop() == 0)
        await standIn.stop()
    }
}
