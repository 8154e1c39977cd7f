import RegistryHealth
import Synchronization

/// Accepted samples waiting for the store, which a writer drains in few transactions. Beyond
/// `maxPending` waiting samples, `waitForRoom` makes ingest wait for the writer (backpressure):
/// memory stays bounded when gateways send faster than SQLite writes.
final class SampleIngestQueue: Sendable {
    static let maxPending = 200_000
    /// Wake the writer when this many samples wait, else it flushes on its next tick.
    static let flushThreshold = 5_000

    private let pending = Mutex<[HealthSample]>([])
    private let drainWaiters = Mutex<[CheckedContinuation<Void, Never>]>([])
    /// Ticks for the writer: it flushes on each (the buffer keeps one, so wake-ups coalesce).
    let wakes: AsyncStream<Void>
    let wake: AsyncStream<Void>.Continuation

    init() {
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Returns once fewer than `maxPending` samples wait.
    func waitForRoom() async {
        while pending.withLock({ $0.count }) >= Self.maxPending {
            wake.yield()
            await withCheckedContinuation { continuation in drainWaiters.withLock { $0.append(continuation) } }
        }
    }

    func enqueue(_ samples: [HealthSample]) {
        let queued = pending.withLock { queue in
            queue.append(contentsOf: samples)
            return queue.count
        }
        if queued >= Self.flushThreshold { wake.yield() }
    }

    /// Everything waiting, oldest first; the queue is empty after.
    func takeAll() -> [HealthSample] {
        pending.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }

    /// A batch the store refused goes back to the front, to be tried again.
    func putBack(_ batch: [HealthSample]) {
        pending.withLock { $0.insert(contentsOf: batch, at: 0) }
    }

    /// The writer finished a flush: ingest waiting for room looks again.
    func flushed() {
        for waiter in drainWaiters.withLock({ waiters in defer { waiters = [] }; return waiters }) { waiter.resume() }
    }

    /// Ends the writer's ticks (shutdown).
    func finish() {
        wake.finish()
    }
}
