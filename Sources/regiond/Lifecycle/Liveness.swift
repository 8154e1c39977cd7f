import NIOCore
import NIOPosix
import RegistryService
import Synchronization

/// Whether the daemon can still do its work: every event loop runs a task, and the store
/// answers a read, each within a deadline.
struct Liveness: Sendable {
    let registry: Registry
    let eventLoops: any EventLoopGroup

    /// nil when healthy, else what did not answer in time.
    func problem(within deadline: Duration) async -> String? {
        for loop in eventLoops.makeIterator() {
            let answered = await completes(within: deadline) { try await loop.submit {}.get() }
            if !answered { return "an event loop did not run a task within \(deadline)" }
        }
        let read = await completes(within: deadline) { [registry] in try await registry.readFromStore() }
        return read ? nil : "the database did not answer a read within \(deadline)"
    }

    /// Races `operation` against a timer without waiting for the loser: a wedged operation may
    /// never return, and waiting for it would wedge the watchdog too.
    private func completes(within deadline: Duration, _ operation: @escaping @Sendable () async throws -> Void) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let resumed = Mutex(false)
            let finish: @Sendable (Bool) -> Void = { value in
                let first = resumed.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: value) }
            }
            Task {
                do {
                    try await operation()
                    finish(true)
                } catch {
                    finish(false)
                }
            }
            Task {
                try? await Task.sleep(for: deadline)
                finish(false)
            }
        }
    }
}
