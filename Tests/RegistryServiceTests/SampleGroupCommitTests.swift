import Foundation
import Logging
import RegistryHealth
@testable import RegistryService
import RegistrySources
import RegistryStore
import RegistryTestSupport
import Synchronization
import Testing

/// A sample batch is answered once committed: batches sent together share transactions, each
/// `true` is in the database, and a failed transaction answers `false` to exactly its batches.
@Suite struct SampleGroupCommitTests {
    static func batch(_ count: Int, latency: Double) -> [HealthSample] {
        (0..<count).map { _ in
            HealthSample(region: "us-east-1", modelId: "anthropic.claude-3-haiku-20240307-v1:0", observedAt: Date(),
                         latencyMs: latency, outcome: .ok)
        }
    }

    @Test func everyAcceptedBatchIsInTheDatabase() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("regiond.sqlite3")
        let runtime = try await RegistryRuntime.open(database: path, source: CatalogSource(.embedded), health: HealthSettings(),
                                                     logger: Logger(label: "test"))
        _ = try await runtime.refresher.refresh(trigger: .startup)
        let answers = await withTaskGroup(of: Bool.self) { group in
            for sender in 0..<40 { group.addTask { await runtime.health.accept(Self.batch(25, latency: Double(sender + 1))) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.count == 40 && answers.allSatisfy { $0 })
        #expect(runtime.health.stats(for: HealthKey(region: "us-east-1", modelId: nil)).count == 1_000, "counted once stored")
        try await runtime.registry.close(checkpoint: false)
        let store = try await SQLiteStore.open(at: path, mode: .existingOnly)
        #expect(try await store.sampleCount() == 1_000)
        try store.close()
    }

    @Test func batchesWaitingTogetherShareACommitAndAFailureAnswersOnlyItsOwn() async throws {
        let queue = SampleIngestQueue()
        let commits = Mutex<[Int]>([])
        let firstStarted = AsyncStream.makeStream(of: Void.self)
        let releaseFirst = AsyncStream.makeStream(of: Void.self)
        let write: @Sendable ([HealthSample]) async throws -> Void = { samples in
            let n = commits.withLock { $0.append(samples.count); return $0.count }
            if n == 1 {
                firstStarted.continuation.yield()
                for await _ in releaseFirst.stream { break }
            }
            if n == 2 { throw CancellationError() }  // the second transaction fails
        }
        // The first batch commits alone and holds the writer; three arrive meanwhile and share
        // the next (failing) transaction; one sent after that succeeds.
        async let first = queue.store(Self.batch(1, latency: 1), write: write)
        for await _ in firstStarted.stream { break }
        async let a = queue.store(Self.batch(2, latency: 2), write: write)
        async let b = queue.store(Self.batch(3, latency: 3), write: write)
        async let c = queue.store(Self.batch(4, latency: 4), write: write)
        while queue.pendingCount < 2 + 3 + 4 { await Task.yield() }
        releaseFirst.continuation.yield()
        let (ok1, okA, okB, okC) = await (first, a, b, c)
        #expect(ok1 && !okA && !okB && !okC)
        #expect(await queue.store(Self.batch(5, latency: 5), write: write))
        #expect(commits.withLock { $0 } == [1, 9, 5])
    }
}
