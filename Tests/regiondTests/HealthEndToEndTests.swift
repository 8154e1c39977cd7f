import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RegistryStore
import RegistryTestSupport
import Testing

/// The health pipeline through the binary: samples in over HTTP, states with hysteresis, the
/// transition in the change log, ranked routes, resolution, and the Prometheus exposition.
@Suite struct HealthEndToEndTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    static let haiku = "anthropic.claude-3-haiku-20240307-v1:0"

    func samples(_ count: Int, outcome: String, latency: Double, region: String = "us-east-1") -> String {
        let now = ISO8601DateFormatter().string(from: Date())
        let one = #"{"region": "\#(region)", "model_id": "\#(Self.haiku)", "observed_at": "\#(now)", "latency_ms": \#(latency), "outcome": "\#(outcome)"}"#
        return #"{"samples": [\#(Array(repeating: one, count: count).joined(separator: ","))]}"#
    }

    @Test func samplesBecomeStatesTransitionsRankingsAndMetrics() async throws {
        let token = try dir.write("token", "health-token")
        // Window 5m: a 1m window is the current minute only, and samples posted in its last
        // second left it before two evaluations in a row had seen them (a flaky test).
        let config = try dir.write("regiond.json", """
            {"health": {"evaluation_interval": 1, "thresholds": {"consecutive_windows": 2, "min_samples": 5, "window": "5m"}}}
            """)
        let db = dir.file("regiond.sqlite3")
        let daemon = try await RunningDaemon.start(["--db", db, "--config", config, "--token-file", token], in: dir.path)
        let base = "http://127.0.0.1:\(daemon.port)"
        do {
            try await withHTTPClient { client in
                func call(_ method: HTTPMethod = .GET, _ path: String, body: String? = nil) async throws -> (Int, [String: Any], String) {
                    var request = HTTPClientRequest(url: base + path)
                    request.method = method
                    request.headers.add(name: "Authorization", value: "Bearer health-token")
                    if let body { request.body = .bytes(ByteBuffer(string: body)) }
                    let response = try await client.execute(request, timeout: .seconds(60))
                    let text = String(buffer: try await response.body.collect(upTo: 4 << 20))
                    return (Int(response.status.code), (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:], text)
                }
                _ = try await call(.GET, "/v1/changes?since=1&wait=60&limit=1")  // the start-up refresh is done

                // One bad sample rejects the batch, naming where; nothing of it counts.
                var bad = samples(3, outcome: "ok", latency: 100)
                bad = bad.replacingOccurrences(of: #""latency_ms": 100.0, "outcome": "ok"}]"#, with: #""latency_ms": -1, "outcome": "ok"}]"#)
                let (badStatus, badBody, _) = try await call(.POST, "/v1/health/samples", body: bad)
                #expect(badStatus == 400)
                #expect(((badBody["error"] as? [String: Any])?["message"] as? String)?.contains("samples[2].latency_ms") == true, "\(badBody)")
                let (_, empty, _) = try await call(.GET, "/v1/health?region=us-east-1")
                #expect((empty["models"] as? [Any])?.isEmpty == true)

                // Twenty failures in us-east-1: after two evaluations in a row, unhealthy.
                let status = try await call(.GET, "/v1/status").1
                let index = status["index"] as? Int ?? 1
                let (accepted, acceptedBody, _) = try await call(.POST, "/v1/health/samples", body: samples(20, outcome: "error", latency: 2500))
                #expect(accepted == 202 && acceptedBody["accepted"] as? Int == 20)
                let (_, health, _) = try await call(.GET, "/v1/health?region=us-east-1&model=\(Self.haiku)&window=5m")
                let entry = try #require((health["models"] as? [[String: Any]])?.first)
                #expect((entry["stats"] as? [String: Any])?["count"] as? Int == 20)
                #expect((entry["stats"] as? [String: Any])?["error_rate"] as? Double == 1)

                var transition: [String: Any]?
                var since = index
                for _ in 0..<10 where transition == nil {
                    let (_, page, _) = try await call(.GET, "/v1/changes?since=\(since)&wait=30")
                    since = page["index"] as? Int ?? since
                    transition = (page["changes"] as? [[String: Any]])?.first {
                        $0["kind"] as? String == "health" && $0["key"] as? String == "us-east-1/\(Self.haiku)"
                    }
                }
                let change = try #require(transition, "a watcher sees the health transition")
                #expect((change["after"] as? [String: Any])?["state"] as? String == "unhealthy")

                // The route from us-east-2 lists us-east-1 last, unusable, with why.
                let (_, route, _) = try await call(.GET, "/v1/profiles/us.\(Self.haiku.replacingOccurrences(of: ":", with: "%3A"))/route?source_region=us-east-2")
                let destinations = try #require(route["destinations"] as? [[String: Any]])
                #expect(destinations.last?["region"] as? String == "us-east-1")
                #expect(destinations.last?["usable"] as? Bool == false)
                #expect((destinations.last?["reason"] as? String)?.contains("unhealthy") == true)

                let (resolved, resolution, _) = try await call(.GET, "/v1/resolve?model=\(Self.haiku)&source_region=us-east-2")
                #expect(resolved == 200 && (resolution["profile_id"] as? String)?.hasSuffix(Self.haiku) == true)
                let (missing, _, _) = try await call(.GET, "/v1/resolve?model=\(Self.haiku)&source_region=af-south-1")
                #expect(missing == 404)

                // The exposition parses, and says what happened.
                let (_, _, metrics) = try await call(.GET, "/metrics")
                for line in metrics.split(separator: "\n") where !line.hasPrefix("#") {
                    #expect(line.wholeMatch(of: /[a-z_:]+(\{.*\})? [-+0-9.eE]+|[a-z_:]+(\{.*\})? [+-]?Inf|[a-z_:]+(\{.*\})? NaN/) != nil, "\(line)")
                }
                #expect(metrics.contains(#"regiond_health_samples_ingested_total{origin="gateway"} 20"#))
                #expect(metrics.contains(#"regiond_health_batches_rejected_total{field="latency_ms"} 1"#), "\(metrics)")
                #expect(metrics.contains(#"regiond_model_health{region="us-east-1",model="\#(Self.haiku)",state="unhealthy"} 1"#), "\(metrics)")
                #expect(metrics.contains("regiond_http_requests_total{"))
                #expect(metrics.contains("regiond_refresh_runs_total{"))
                #expect(metrics.contains("regiond_store_bytes "))
            }
        } catch {
            Issue.record(error, "daemon log:\n\(daemon.logText)")
        }
        #expect(await daemon.stop() == 0)
        // Samples reach the store (at the latest when the daemon stops).
        let store = try await SQLiteStore.open(at: db, mode: .existingOnly)
        #expect(try await store.sampleCount() == 20)
        try store.close()
    }
}
