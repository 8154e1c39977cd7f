import AWSCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// A stand-in for the Bedrock control plane on loopback. It checks every request's SigV4
/// signature the way AWS does (recomputes it from what it received), serves each region's data
/// by the region in the credential scope (all regions share one endpoint, as with
/// `AWS_ENDPOINT_URL_BEDROCK`), paginates with tokens that need percent-encoding, and injects
/// faults on demand.
public final class BedrockStandIn: Sendable {
    public static let accountId = "111122223333"

    struct State {
        var world: StandInWorld
        var faults: [StandInFault] = []
        var requests: [StandInRequest] = []
        var credentials: [String: AWSCredentials]
    }

    let state: Mutex<State>
    /// Profiles per ListInferenceProfiles page: small, so every refresh pages.
    public let pageSize: Int
    private let task: Mutex<Task<Void, any Error>?> = Mutex(nil)
    /// The operation of each request a fault was applied to, as it is applied (a slow fault
    /// yields before it starts waiting): tells a test that a request is in flight.
    public let faultsServed: AsyncStream<String>
    let faultContinuation: AsyncStream<String>.Continuation
    private let boundPort: Mutex<Int?> = Mutex(nil)

    /// - Parameter credentials: the key pairs the stand-in accepts (a session token, when
    ///   present, must be sent and signed).
    public init(world: StandInWorld, credentials: [AWSCredentials], pageSize: Int = 2) {
        let byKey = Dictionary(credentials.map { ($0.accessKeyID, $0) }, uniquingKeysWith: { a, _ in a })
        self.state = Mutex(State(world: world, credentials: byKey))
        self.pageSize = pageSize
        (faultsServed, faultContinuation) = AsyncStream.makeStream(of: String.self)
    }

    /// Starts listening on 127.0.0.1 (a free port) and returns the base URL.
    public func start() async throws -> String {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "bedrock-stand-in"),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "bedrock-stand-in"))
        task.withLock { $0 = Task { try await app.runService(gracefulShutdownSignals: []) } }
        var iterator = stream.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw StandInError("stand-in did not start") }
        boundPort.withLock { $0 = port }
        return "http://127.0.0.1:\(port)"
    }

    public func stop() async {
        let running = task.withLock { $0 }
        running?.cancel()
        _ = try? await running?.value
    }

    public var world: StandInWorld {
        get { state.withLock { $0.world } }
        set { state.withLock { $0.world = newValue } }
    }

    public func inject(_ fault: StandInFault) {
        state.withLock { $0.faults.append(fault) }
    }

    public func clearFaults() {
        state.withLock { $0.faults = [] }
    }

    public var requests: [StandInRequest] { state.withLock { $0.requests } }

    public func resetRequests() {
        state.withLock { $0.requests = [] }
    }
}

struct StandInError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
