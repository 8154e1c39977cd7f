import Hummingbird
import Logging
import Synchronization

/// Runs a stand-in's router on 127.0.0.1, at a port the system picks, until stopped.
final class LoopbackServer: Sendable {
    private let task: Mutex<Task<Void, any Error>?> = Mutex(nil)

    /// Starts listening and returns the base URL (`http://127.0.0.1:PORT`).
    func start(_ router: Router<BasicRequestContext>, serverName: String) async throws -> String {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: serverName)
        // Stopping a server mid-connection makes Hummingbird log shutdown noise at error level; a
        // stand-in that misbehaves shows up as a failing expectation instead.
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: serverName),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        task.withLock { $0 = Task { try await app.runService(gracefulShutdownSignals: []) } }
        var iterator = stream.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw StandInError("\(serverName) did not start") }
        return "http://127.0.0.1:\(port)"
    }

    func stop() async {
        let running = task.withLock { $0 }
        running?.cancel()
        _ = try? await running?.value
    }
}
