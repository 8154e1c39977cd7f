import AsyncHTTPClient
import Foundation
import Synchronization

/// Asks `/healthz` every 20 ms while a test does something hostile to the server, to show the
/// server keeps answering everyone else. Latencies are kept for a report, not asserted: timing
/// belongs to benchmarks (`REGIOND_PRINT_FIGURES=1` prints the p99).
final class HealthzProbe: Sendable {
    private let latencies = Mutex<[Duration]>([])
    private let failures = Mutex<[String]>([])
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)

    static func during<T>(port: Int, _ label: String, _ body: () async throws -> T) async throws -> (T, HealthzProbe) {
        let probe = HealthzProbe()
        // Idle connections close on the client's side first (some tests shorten the server's read
        // timeout to 2 s); a GET that meets a connection the server closed is sent again, as any
        // client would, and counts as a problem only if that fails too.
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .milliseconds(500))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        probe.task.withLock { $0 = Task { await probe.run(client: client, port: port) } }
        let result: Swift.Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        let running = probe.task.withLock { $0 }
        running?.cancel()
        await running?.value
        try await client.shutdown()
        probe.report(label)
        return (try result.get(), probe)
    }

    var answered: Int { latencies.withLock { $0.count } }
    var problems: [String] { failures.withLock { $0 } }

    private func run(client: HTTPClient, port: Int) async {
        while !Task.isCancelled {
            let started = ContinuousClock.now
            do {
                let status = try await healthz(client, port: port)
                if status == 200 {
                    latencies.withLock { $0.append(ContinuousClock.now - started) }
                } else {
                    failures.withLock { $0.append("status \(status)") }
                }
            } catch is CancellationError {
                return
            } catch {
                if !Task.isCancelled { failures.withLock { $0.append("\(error)") } }
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    private func healthz(_ client: HTTPClient, port: Int) async throws -> UInt {
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz")
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(5))
        } catch let error as HTTPClientError where error == .remoteConnectionClosed {
            response = try await client.execute(request, timeout: .seconds(5))
        }
        _ = try await response.body.collect(upTo: 1 << 16)
        return response.status.code
    }

    private func report(_ label: String) {
        guard ProcessInfo.processInfo.environment["REGIOND_PRINT_FIGURES"] == "1" else { return }
        let sorted = latencies.withLock { $0 }.sorted()
        guard !sorted.isEmpty else { return }
        let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        let milliseconds = Double(p99.components.seconds) * 1000 + Double(p99.components.attoseconds) / 1e15
        print("figure: /healthz during \(label): \(sorted.count) answers, p99 \(String(format: "%.2f", milliseconds)) ms")
    }
}
