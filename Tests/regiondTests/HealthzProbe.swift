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
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
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
                let response = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz"), timeout: .seconds(5))
                _ = try await response.body.collect(upTo: 1 << 16)
                if response.status == .ok {
                    latencies.withLock { $0.append(ContinuousClock.now - started) }
                } else {
                    failures.withLock { $0.append("status \(response.status.code)") }
                }
            } catch is CancellationError {
                return
            } catch {
                if !Task.isCancelled { failures.withLock { $0.append("\(error)") } }
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
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
