import AsyncHTTPClient
import Foundation
import Hummingbird
import Synchronization
import Testing
@testable import AWSCore

@Suite("Credential chain: order, caching, refresh")
struct CredentialChainTests {
    /// IMDS at a live stand-in, with a deadline a loaded CI machine can't miss.
    private static func instanceMetadata(_ endpoint: String) -> InstanceMetadataCredentials {
        InstanceMetadataCredentials(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": endpoint],
                                    httpClient: .shared, timeout: .seconds(5))
    }

    @Test func noCredentialsAnywhereSaysWhatWasTried() async throws {
        let closed = try await closedCredentialPortURL()
        try await withCredentialTestDirectory { home in
            let chain = AWSCredentialChain(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": closed],
                                           homeDirectory: home.path, httpClient: .shared,
                                           logger: CredentialLogCapture().logger)
            let error = await #expect(throws: AWSCredentialError.self) { try await chain.credentials() }
            #expect(error?.kind == .noCredentials)
            let message = error?.message ?? ""
            #expect(message.hasPrefix("no AWS credentials found; tried: environment (AWS_ACCESS_KEY_ID not set), "
                + "web identity (AWS_WEB_IDENTITY_TOKEN_FILE not set), "
                + "shared files (profile default not found: \(home.path)/.aws/credentials, \(home.path)/.aws/config), "
                + "container (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI not set), "
                + "instance metadata (\(closed) unreachable"))
        }
    }

    @Test func explicitlyNamedMissingProfileStopsTheChain() async throws {
        try await withCredentialTestDirectory { home in
            let chain = AWSCredentialChain(environment: ["AWS_PROFILE": "prod", "AWS_EC2_METADATA_DISABLED": "true"],
                                           homeDirectory: home.path, httpClient: .shared,
                                           logger: CredentialLogCapture().logger)
            let error = await #expect(throws: AWSCredentialError.self) { try await chain.credentials() }
            #expect(error?.kind == .profileNotFound)
        }
    }

    @Test func fallsThroughUnconfiguredSourcesToTheContainer() async throws {
        let expiration = Date(timeIntervalSince1970: 1_800_003_600)
        try await withCredentialTestDirectory { home in
            try await withCredentialStandIn({ router in
                router.get("/creds") { _, _ in credentialJSON(expiration: expiration) }
            }) { base, _ async throws in
                let clock = CredentialTestClock()
                let chain = AWSCredentialChain(
                    environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": base + "/creds", "AWS_EC2_METADATA_DISABLED": "true"],
                    homeDirectory: home.path, httpClient: .shared, logger: CredentialLogCapture().logger,
                    now: { clock.now })
                #expect(try await chain.credentials().source == "container")
            }
        }
    }

    /// IMDS credentials expiring soon are fetched again once inside the refresh window, not before.
    @Test func refreshesTemporaryCredentialsInsideTheWindow() async throws {
        let clock = CredentialTestClock()
        let standIn = CredentialIMDSStandIn { count in
            .credentials(accessKeyID: "AKIAGENERATION\(count)", expiration: clock.now.addingTimeInterval(600))
        }
        try await withCredentialStandIn(standIn.addRoutes) { base, log async throws in
            let chain = AWSCredentialChain(sources: [Self.instanceMetadata(base)],
                                           logger: CredentialLogCapture().logger, now: { clock.now }, refreshWindow: 300)
            let credentialFetches = { log.all.filter { $0.path.hasSuffix(CredentialIMDSStandIn.role) }.count }

            #expect(try await chain.credentials().accessKeyID == "AKIAGENERATION1")
            clock.advance(by: 299) // 301 s left: still outside the window
            #expect(try await chain.credentials().accessKeyID == "AKIAGENERATION1")
            #expect(credentialFetches() == 1)

            clock.advance(by: 2) // 299 s left
            #expect(try await chain.credentials().accessKeyID == "AKIAGENERATION2")
            #expect(credentialFetches() == 2)
        }
    }

    @Test func failedRefreshKeepsCredentialsThatStillWork() async throws {
        let clock = CredentialTestClock()
        let failing = Mutex(false)
        let standIn = CredentialIMDSStandIn { _ in
            failing.withLock { $0 } ? .status(.serviceUnavailable)
                : .credentials(accessKeyID: CredentialTestSecrets.accessKeyID, expiration: clock.now.addingTimeInterval(600))
        }
        let logs = CredentialLogCapture()
        try await withCredentialStandIn(standIn.addRoutes) { base, log in
            let chain = AWSCredentialChain(sources: [Self.instanceMetadata(base)], logger: logs.logger, now: { clock.now })
            let first = try await chain.credentials()
            failing.withLock { $0 = true }

            clock.advance(by: 400) // 200 s left: refresh due, and it fails
            #expect(try await chain.credentials() == first)
            #expect(logs.all.contains { $0.level == .warning && $0.text.contains("Refreshing AWS credentials failed") })

            // Within the retry pause the old credentials come back without another request.
            let requestsAfterFailure = log.count
            clock.advance(by: 10)
            #expect(try await chain.credentials() == first)
            #expect(log.count == requestsAfterFailure)

            // Once they have expired, the failure surfaces.
            clock.advance(by: 200)
            let error = await #expect(throws: AWSCredentialError.self) { try await chain.credentials() }
            #expect(error?.kind == .retrievalFailed)
            #expect(CredentialTestSecrets.assertAbsent(in: error?.description ?? ""))
        }
        for line in logs.all {
            #expect(CredentialTestSecrets.assertAbsent(in: line.text))
            #expect(!line.text.contains(CredentialTestSecrets.accessKeyID))
        }
    }

    @Test func logsTheSourceAndAtMostTheKeysLastFourCharacters() async throws {
        let logs = CredentialLogCapture()
        let chain = AWSCredentialChain(
            environment: ["AWS_ACCESS_KEY_ID": CredentialTestSecrets.accessKeyID,
                          "AWS_SECRET_ACCESS_KEY": CredentialTestSecrets.secret,
                          "AWS_SESSION_TOKEN": CredentialTestSecrets.token],
            httpClient: .shared, logger: logs.logger)
        _ = try await chain.credentials()
        let info = logs.all.filter { $0.level == .info }.map(\.text)
        #expect(info.count == 1)
        #expect(info.first?.contains("aws.credentials.source=environment") == true)
        #expect(info.first?.contains("aws.access_key_id.suffix=ABCD") == true)
        for line in logs.all {
            #expect(CredentialTestSecrets.assertAbsent(in: line.text))
            #expect(!line.text.contains(CredentialTestSecrets.accessKeyID))
        }
    }

    @Test func longLivedCredentialsAreCachedWithoutExpiry() async throws {
        let clock = CredentialTestClock()
        let source = CredentialCountingSource { _ in AWSCredentials(accessKeyID: "AKIA1", secretAccessKey: "s", source: "test") }
        let chain = AWSCredentialChain(sources: [source], logger: CredentialLogCapture().logger, now: { clock.now })
        for _ in 0..<3 {
            _ = try await chain.credentials()
            clock.advance(by: 400 * 86_400)
        }
        #expect(source.lookUps == 1)
    }

    @Test func concurrentCallersShareOneFetch() async throws {
        let gate = CredentialGate()
        let source = CredentialCountingSource(gate: gate) { _ in
            AWSCredentials(accessKeyID: "AKIA1", secretAccessKey: "s", source: "test")
        }
        let chain = AWSCredentialChain(sources: [source], logger: CredentialLogCapture().logger)
        let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
        try await withThrowingTaskGroup(of: AWSCredentials.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    startedContinuation.yield()
                    return try await chain.credentials()
                }
            }
            var iterator = started.makeAsyncIterator()
            for _ in 0..<20 { await iterator.next() }
            await source.firstLookUpStarted()
            await gate.open()
            for try await credentials in group { #expect(credentials.accessKeyID == "AKIA1") }
        }
        #expect(source.lookUps == 1)
    }

    @Test func invalidateWalksTheChainAgain() async throws {
        let source = CredentialCountingSource { count in
            AWSCredentials(accessKeyID: "AKIA\(count)", secretAccessKey: "s", source: "test")
        }
        let chain = AWSCredentialChain(sources: [source], logger: CredentialLogCapture().logger)
        #expect(try await chain.credentials().accessKeyID == "AKIA1")
        await chain.invalidate()
        #expect(try await chain.credentials().accessKeyID == "AKIA2")
    }

    @Test func aBrokenSourceStopsTheChain() async throws {
        let later = CredentialCountingSource { _ in AWSCredentials(accessKeyID: "AKIA1", secretAccessKey: "s", source: "test") }
        let chain = AWSCredentialChain(
            sources: [EnvironmentCredentials(environment: ["AWS_ACCESS_KEY_ID": "AKIA0"]), later],
            logger: CredentialLogCapture().logger)
        let error = await #expect(throws: AWSCredentialError.self) { try await chain.credentials() }
        #expect(error?.kind == .invalidConfiguration)
        #expect(later.lookUps == 0)
    }
}

/// A source that counts its look-ups and can hold them at a gate.
final class CredentialCountingSource: AWSCredentialSource {
    private let count = Mutex(0)
    private let gate: CredentialGate?
    private let started = CredentialGate()
    private let make: @Sendable (Int) throws -> AWSCredentials

    init(gate: CredentialGate? = nil, make: @escaping @Sendable (Int) throws -> AWSCredentials) {
        self.gate = gate
        self.make = make
    }

    var lookUps: Int { count.withLock { $0 } }

    /// Returns once a look-up has begun (and is waiting at the gate, if any).
    func firstLookUpStarted() async { await started.wait() }

    func lookUp() async throws -> AWSCredentialLookup {
        let number = count.withLock { $0 += 1; return $0 }
        await started.open()
        await gate?.wait()
        return .found(try make(number))
    }
}

/// Closed until opened; waiters resume when it opens.
actor CredentialGate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}
