import Synchronization

/// Wakes requests blocked on `/v1/changes?wait=` when the change-log index moves past theirs.
/// Waiters are continuations, not polling loops; a cancelled or shut-down wait returns at once.
final class ChangeNotifier: Sendable {
    private struct State {
        var index: Int64
        var closed = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var admitted = 0
    }

    private let state: Mutex<State>

    init(index: Int64) {
        state = Mutex(State(index: index))
    }

    /// Watchers admitted and not yet gone.
    var watcherCount: Int { state.withLock { $0.admitted } }

    /// Takes one of `limit` places for a watcher; false when every place is taken. Each `true`
    /// is paired with one `leave()`.
    func admit(limit: Int) -> Bool {
        state.withLock { state in
            guard state.admitted < limit else { return false }
            state.admitted += 1
            return true
        }
    }

    func leave() {
        state.withLock { $0.admitted -= 1 }
    }

    /// Records the new index and wakes every waiter (each re-checks its own condition).
    func publish(_ index: Int64) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard index > state.index else { return [] }
            state.index = index
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Ends every wait now and every future one at once (graceful shutdown).
    func close() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.closed = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the index is past `index`, the notifier is closed, or the task is cancelled.
    func wait(after index: Int64) async {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.index > index || state.closed || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
