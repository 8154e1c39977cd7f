import RegistryHealth
import Synchronization

/// Health samples on their way to the store, by group commit: a request that finds no commit
/// running writes every batch waiting (its own among them) in one transaction, answers the
/// others, and hands the next commit to the oldest batch that arrived meanwhile. So a `2xx` means
/// committed, concurrent requests share transactions, and no request commits for others forever.
/// Beyond `maxPending` waiting samples, requests wait for room (backpressure).
final class SampleIngestQueue: Sendable {
    static let maxPending = 200_000

    private enum Turn {
        case done(stored: Bool)
        case commit
    }

    private struct Waiting {
        var id: Int
        var samples: [HealthSample]
    }

    private struct State {
        var waiting: [Waiting] = []
        var waitingSamples = 0
        var committing = false
        var nextID = 0
        var owners: [Int: CheckedContinuation<Turn, Never>] = [:]
        var early: [Int: Turn] = [:]  // turns given before their owner started waiting
        var roomWaiters: [CheckedContinuation<Void, Never>] = []

        mutating func give(_ turn: Turn, to id: Int) -> (CheckedContinuation<Turn, Never>, Turn)? {
            if let owner = owners.removeValue(forKey: id) { return (owner, turn) }
            early[id] = turn
            return nil
        }
    }

    private let state = Mutex(State())

    /// Returns once `samples` are committed (true) or their transaction failed (false: nothing of
    /// them was stored).
    func store(_ samples: [HealthSample], write: @Sendable ([HealthSample]) async throws -> Void) async -> Bool {
        await waitForRoom()
        let (id, first) = state.withLock { state in
            state.nextID += 1
            state.waiting.append(Waiting(id: state.nextID, samples: samples))
            state.waitingSamples += samples.count
            defer { state.committing = true }
            return (state.nextID, !state.committing)
        }
        var turn = first ? Turn.commit : await self.turn(of: id)
        while true {
            switch turn {
            case .done(let stored): return stored
            case .commit: turn = await commitWaiting(own: id, write: write)
            }
        }
    }

    /// Samples waiting now (for metrics and tests).
    var pendingCount: Int { state.withLock { $0.waitingSamples } }

    private func commitWaiting(own: Int, write: @Sendable ([HealthSample]) async throws -> Void) async -> Turn {
        let batch = state.withLock { state in
            defer { (state.waiting, state.waitingSamples) = ([], 0) }
            return state.waiting
        }
        var stored = true
        do { try await write(batch.flatMap(\.samples)) } catch { stored = false }
        let (answers, room) = state.withLock { state in
            var answers = batch.filter { $0.id != own }.compactMap { state.give(.done(stored: stored), to: $0.id) }
            if let next = state.waiting.first {
                answers += [state.give(.commit, to: next.id)].compactMap { $0 }
            } else {
                state.committing = false
            }
            defer { state.roomWaiters = [] }
            return (answers, state.roomWaiters)
        }
        for (owner, turn) in answers { owner.resume(returning: turn) }
        for waiter in room { waiter.resume() }
        return .done(stored: stored)
    }

    private func turn(of id: Int) async -> Turn {
        await withCheckedContinuation { continuation in
            let given = state.withLock { state -> Turn? in
                if let turn = state.early.removeValue(forKey: id) { return turn }
                state.owners[id] = continuation
                return nil
            }
            if let given { continuation.resume(returning: given) }
        }
    }

    private func waitForRoom() async {
        while true {
            let full = state.withLock { $0.waitingSamples >= Self.maxPending }
            guard full else { return }
            await withCheckedContinuation { continuation in
                let stillFull = state.withLock { state in
                    guard state.waitingSamples >= Self.maxPending else { return false }
                    state.roomWaiters.append(continuation)
                    return true
                }
                if !stillFull { continuation.resume() }
            }
        }
    }
}
