import AsyncHTTPClient
import BedrockStandIn
import Foundation
import NIOHTTP1
import RegistryTestSupport
import Testing

/// The daemon under a stand-in for systemd: `NOTIFY_SOCKET` is a datagram socket the test owns,
/// `WATCHDOG_USEC` asks for pings, signals come from the test.
@Suite struct SystemdLifecycleTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    /// Reads notifications until one satisfies `match`, returning everything read so far.
    func receive(_ socket: DatagramReceiver, _ awaited: String, until match: @escaping @Sendable (String) -> Bool, within: Duration = .seconds(20),
                 sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
        let (seen, matched) = await socket.receiveOffPool(until: match, timeout: within)
        if matched { return seen }
        Issue.record("no \(awaited) notification within \(within); got \(seen)", sourceLocation: sourceLocation)
        throw DatagramReceiver.Timeout()
    }

    func config(interval: Int, token: String, residencyGuard: String = "{}") throws -> String {
        try dir.write("regiond.json", """
            {"source": "aws", "aws": {"regions": ["us-east-1", "eu-central-1"], "max_attempts": 1},
             "refresh": {"interval": \(interval)}, "token": {"file": "\(token)"}, "log": {"level": "info"},
             "health": {"probe": {"interval": 3600}}, "guard": \(residencyGuard)}
            """)
    }

    @Test func readyWatchdogReloadAndGracefulStop() async throws {
        let standIn = BedrockStandIn(world: SampleAccount.make(), credentials: [SampleAccount.credentials])
        let endpoint = try await standIn.start()
        let notify = try DatagramReceiver(.abstract)
        let token = try dir.write("token", "s3cret-token\n")
        let configFile = try config(interval: 3600, token: token)
        let daemon = try await RunningDaemon.start(
            ["--db", dir.file("regiond.sqlite3"), "--config", configFile],
            environment: [
                "NOTIFY_SOCKET": notify.address, "WATCHDOG_USEC": "400000",
                "AWS_ENDPOINT_URL_BEDROCK": endpoint, "AWS_ACCESS_KEY_ID": SampleAccount.credentials.accessKeyID,
                "AWS_SECRET_ACCESS_KEY": SampleAccount.credentials.secretAccessKey, "AWS_EC2_METADATA_DISABLED": "true",
            ],
            in: dir.path)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await lifecycle(daemon: daemon, client: client, notify: notify, standIn: standIn, token: token)
        } catch {
            Issue.record(error, "daemon log:\n\(daemon.logText)")
        }
        if daemon.process.isRunning { _ = await daemon.stop() }
        try await client.shutdown()
        await standIn.stop()
    }

    /// READY → watchdog pings → reload → failed reload → SIGTERM with a request in flight.
    func lifecycle(daemon: RunningDaemon, client: HTTPClient, notify: DatagramReceiver, standIn: BedrockStandIn,
                   token: String) async throws {
        let base = "http://127.0.0.1:\(daemon.port)"
        func get(_ path: String) async throws -> [String: Any] {
            let response = try await client.execute(HTTPClientRequest(url: base + path), timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 20)
            return try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] ?? [:]
        }

        // READY=1 once listening, with a status line saying what it serves.
        let startup = try await receive(notify, "READY=1") { $0.hasPrefix("READY=1") }
        #expect(startup.last?.contains("STATUS=serving") == true, "\(startup)")
        #expect(try await get("/healthz")["status"] as? String == "ok")

        // Watchdog pings at half of WATCHDOG_USEC (200 ms): some arrive, and never faster than
        // the configured rate (queued ones are drained first, then a 1.2 s window is counted).
        while notify.hasPending { _ = try notify.receive(timeout: .zero) }
        let window = ContinuousClock.now + .milliseconds(1200)
        var pings = 0
        while ContinuousClock.now < window {
            guard let message = try? await notify.receiveOffPool(timeout: window - ContinuousClock.now) else { break }
            if message == "WATCHDOG=1" { pings += 1 }
        }
        #expect(pings >= 1 && pings <= 8, "\(pings) pings in 1.2 s at a 200 ms interval")

        // SIGHUP: RELOADING=1 with MONOTONIC_USEC, then READY=1; the new interval and residency guard apply.
        let leaving = { try await get("/v1/access/audit?residency=outside")["incomplete"] as? [[String: Any]] ?? [] }
        #expect(try await leaving().isEmpty, "no guard: every route is resident")
        _ = try config(interval: 1800, token: token, residencyGuard: #"{"geographies": ["Europe"]}"#)
        kill(daemon.process.processIdentifier, SIGHUP)
        let reloading = try await receive(notify, "RELOADING=1") { $0.hasPrefix("RELOADING=1") }
        #expect(reloading.last?.contains("MONOTONIC_USEC=") == true)
        let reloaded = try await receive(notify, "READY=1") { $0.hasPrefix("READY=1") }
        #expect(reloaded.last?.contains("STATUS=configuration reloaded") == true, "\(reloaded)")
        #expect(try await get("/v1/refresh")["interval_seconds"] as? Int == 1800)
        #expect(try await leaving().contains { $0["source_region"] as? String == "us-east-1" }, "US routes leave Europe")

        // A broken file: still READY (the reload is over), the old configuration stays.
        _ = try dir.write("regiond.json", "{ this is not json")
        kill(daemon.process.processIdentifier, SIGHUP)
        let failed = try await receive(notify, "READY=1") { $0.hasPrefix("READY=1") }
        #expect(failed.last?.contains("reload failed") == true, "\(failed)")
        #expect(try await get("/v1/refresh")["interval_seconds"] as? Int == 1800)

        // SIGTERM with a slow request in flight: STOPPING=1 at once, the request completes, exit 0.
        // First the start-up refresh must be over (its run and changes commit together), so that
        // the slow fault can only be met by the refresh the POST below runs.
        _ = try await client.execute(HTTPClientRequest(url: base + "/v1/changes?since=1&wait=60&limit=1"), timeout: .seconds(90))
        standIn.inject(StandInFault(.slow(.seconds(2)), region: "us-east-1", operation: "ListInferenceProfiles", times: 1))
        var served = standIn.faultsServed.makeAsyncIterator()
        var request = HTTPClientRequest(url: base + "/v1/refresh")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer s3cret-token")
        let inFlight = Task { try await client.execute(request, timeout: .seconds(30)) }
        // The POST's refresh has reached AWS (the slow call) before the daemon is told to stop.
        _ = await served.next()
        daemon.process.terminate()
        _ = try await receive(notify, "STOPPING=1") { $0.contains("STOPPING=1") }
        let response = try await inFlight.value
        #expect(response.status == .ok)
        let run = try JSONSerialization.jsonObject(with: Data(buffer: try await response.body.collect(upTo: 1 << 20))) as? [String: Any]
        #expect(run?["finished_at"] is String)
        #expect(await daemon.stop() == 0)
        #expect(daemon.logText.contains("regiond stopped"))
        #expect(!daemon.logText.contains("s3cret-token") && !daemon.logText.contains(SampleAccount.credentials.secretAccessKey))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-socket-activate"),
                   "needs systemd-socket-activate (Debian's systemd package)"))
    func servesOnASocketPassedBySystemd() async throws {
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-socket-activate")
        process.arguments = ["--listen=127.0.0.1:\(port)", "--fdname=http", try RegiondProcess.binary.path, "serve",
                             "--db", dir.file("regiond.sqlite3"), "--listen", "127.0.0.1:1"]
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REGIOND_") && !$0.key.hasPrefix("LISTEN_") }
        let (log, chunks) = LogBuffer.capturingStandardError(of: process)
        try spawn(process)
        // The activator holds the socket; at the first connection it starts regiond (a child of
        // its own) with the socket as fd 3, and regiond answers that very connection.
        let status = try await withHTTPClient { client in
            try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz"), timeout: .seconds(30)).status
        }
        #expect(status == .ok)
        var seen = ""
        var chunkIterator = chunks.makeAsyncIterator()
        while !seen.contains("regiond listening"), let chunk = await chunkIterator.next() { seen += chunk }
        let line = try #require(seen.split(separator: "\n").first { $0.contains("regiond listening") })
        #expect(line.contains("socket=passed by systemd"), "\(line)")
        let pid = try #require(line.firstMatch(of: /pid=(\d+)/).flatMap { Int32($0.1) })
        // SIGTERM regiond itself (the activator does not forward it), then wait for the pipe to close.
        kill(pid, SIGTERM)
        while await chunkIterator.next() != nil {}
        #expect(log.text.withLock { $0 }.contains("regiond stopped"))
        process.terminate()
    }
}

/// A port nothing listens on right now (bound, read, released).
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}
