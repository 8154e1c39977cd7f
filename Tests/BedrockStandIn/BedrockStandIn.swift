import AWSCore
import Foundation
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
    /// The operation of each request a fault was applied to, as it is applied (a slow fault
    /// yields before it starts waiting): tells a test that a request is in flight.
    public let faultsServed: AsyncStream<String>
    let faultContinuation: AsyncStream<String>.Continuation
    private let server = LoopbackServer()

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
        try await server.start(makeRouter(), serverName: "bedrock-stand-in")
    }

    public func stop() async {
        await server.stop()
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
