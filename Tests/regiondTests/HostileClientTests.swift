import Foundation
import RegistryTestSupport
import Testing

/// Clients that are careless or hostile, against the binary: each gets the error the README
/// promises (or is disconnected), stored data is untouched, and `/healthz` keeps answering
/// everyone else meanwhile.
@Suite(.timeLimit(.minutes(2))) struct HostileClientTests {
    static let token = "hostile-token"
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    /// Runs `body` against a fresh daemon, stopped however `body` ends.
    func withDaemon(_ environment: [String: String] = [:], _ body: (RunningDaemon) async throws -> Void) async throws {
        let token = try dir.write("token", Self.token)
        let daemon = try await RunningDaemon.start(["--db", dir.file("regiond.sqlite3"), "--token-file", token], environment: environment, in: dir.path)
        do {
            try await body(daemon)
        } catch {
            _ = await daemon.stop()
            throw error
        }
        #expect(await daemon.stop() == 0, "graceful stop")
    }

    func head(_ method: String, _ target: String, _ fields: [String] = []) -> String {
        (["\(method) \(target) HTTP/1.1", "Host: 127.0.0.1", "Authorization: Bearer \(Self.token)"] + fields).joined(separator: "\r\n") + "\r\n\r\n"
    }

    func errorCode(_ response: RawConnection.Response?) -> String? {
        let object = response.flatMap { try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) } as? [String: Any]
        return (object?["error"] as? [String: Any])?["code"] as? String
    }

    @Test func oversizedBodiesAreRefusedWithoutBeingRead() async throws {
        try await withDaemon { daemon in try await oversizedBodies(daemon) }
    }

    func oversizedBodies(_ daemon: RunningDaemon) async throws {
        let (_, probe) = try await HealthzProbe.during(port: daemon.port, "10 MB bodies") {
            // Declared 10 MB: refused on the head, closed with the body unsent.
            try await RawConnection.with(port: daemon.port) { connection in
                await connection.send(head("POST", "/v1/health/samples", ["Content-Type: application/json", "Content-Length: 10485760"]))
                await connection.send([UInt8](repeating: 0x20, count: 64 << 10))
                let response = try await connection.response()
                #expect(response?.status == 413 && errorCode(response) == "payload_too_large", "\(String(describing: response))")
                #expect(response?.headers["connection"] == "close")
                #expect(response?.body.contains("4194304") == true, "the message names the limit")
                try await connection.untilClosed()
            }
            // Chunked, no length: refused once past the limit (1 MiB for a grant).
            try await RawConnection.with(port: daemon.port) { connection in
                await connection.send(head("PUT", "/v1/grants/us-east-1/anthropic.claude-3-haiku-20240307-v1:0",
                                           ["Content-Type: application/json", "Transfer-Encoding: chunked"]))
                let chunk = Array(String(64 << 10, radix: 16).utf8) + [13, 10] + [UInt8](repeating: 0x20, count: 64 << 10) + [13, 10]
                for _ in 0..<17 { guard await connection.send(chunk) else { break } }
                let response = try await connection.response()
                #expect(response?.status == 413 && errorCode(response) == "payload_too_large", "\(String(describing: response))")
            }
        }
        #expect(probe.problems.isEmpty, "\(probe.problems)")
    }

    @Test func malformedBodiesHeadersAndPathsGetClearErrors() async throws {
        try await withDaemon { daemon in try await malformedRequests(daemon) }
    }

    func malformedRequests(_ daemon: RunningDaemon) async throws {
        func exchange(_ bytes: [UInt8]) async throws -> RawConnection.Response? {
            try await RawConnection.with(port: daemon.port) { connection in
                await connection.send(bytes)
                return try await connection.response()
            }
        }
        func post(_ target: String, _ body: [UInt8], method: String = "POST") async throws -> RawConnection.Response? {
            try await exchange(Array(head(method, target, ["Content-Type: application/json", "Content-Length: \(body.count)"]).utf8) + body)
        }
        let grant = "/v1/grants/us-east-1/anthropic.claude-3-haiku-20240307-v1:0"
        let (_, probe) = try await HealthzProbe.during(port: daemon.port, "malformed requests") {
            // JSON nested 10,000 deep, and invalid UTF-8: 400, nothing stored.
            let deep = Array(String(repeating: "[", count: 10_000).utf8)
            let deepSamples = try await post("/v1/health/samples", deep)
            #expect(deepSamples?.status == 400 && errorCode(deepSamples) == "invalid_sample", "\(String(describing: deepSamples))")
            let deepGrant = try await post(grant, Array(#"{"status":"#.utf8) + deep, method: "PUT")
            #expect(deepGrant?.status == 400 && errorCode(deepGrant) == "bad_request", "\(String(describing: deepGrant))")
            let badUTF8 = try await post(grant, Array(#"{"status":"granted","note":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8), method: "PUT")
            #expect(badUTF8?.status == 400, "\(String(describing: badUTF8))")

            // 10,000 header fields: 431 in JSON, then the connection is closed.
            let fields = (0..<10_000).map { "X-Filler-\($0): \($0)" }
            let headers = try await exchange(Array(head("GET", "/v1/regions", fields).utf8))
            #expect(headers?.status == 431 && errorCode(headers) == "header_fields_too_large", "\(String(describing: headers))")
            #expect(headers?.headers["connection"] == "close")
            let garbage = try await exchange(Array("NOT-HTTP \u{1}\u{2}\r\n\r\n".utf8))
            #expect(garbage?.status == 400 && errorCode(garbage) == "bad_request", "\(String(describing: garbage))")

            // Hostile path ids: a JSON 404 (or 400), never a file, never a 500.
            for target in ["/v1/profiles/..%2F..%2Fetc%2Fpasswd", "/v1/profiles/../../etc/passwd", "/v1/profiles/a%00b",
                           "/v1/profiles/" + String(repeating: "x", count: 4096), "/v1/regions/%FF%FE", "/v1/profiles/%"] {
                let response = try await exchange(Array(head("GET", target).utf8))
                #expect([400, 404].contains(response?.status) && errorCode(response) != nil, "\(target.prefix(40)): \(String(describing: response).prefix(300))")
                #expect((response?.body.utf8.count ?? 0) < 1024, "\(target.prefix(40)): the error does not echo a long id back")
            }
            let rawBytes = try await exchange(Array("GET /v1/profiles/".utf8) + [0xFF, 0xFE] + Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect([400, 404].contains(rawBytes?.status) && errorCode(rawBytes) != nil, "\(String(describing: rawBytes))")
        }
        #expect(probe.problems.isEmpty, "\(probe.problems)")
        let grants = try await exchange(Array(head("GET", "/v1/grants?origin=manual").utf8))
        #expect(grants?.status == 200 && grants?.body.contains(#""grants":[]"#) == true, "nothing was stored: \(String(describing: grants?.body))")
    }
}
