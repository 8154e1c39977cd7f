import RegionRegistry
import StoreInterface
import Synchronization

/// Reads of the store that are not in the read model (refresh history), remembered so a fleet
/// replica that lost its database still answers them, as last read, instead of failing reads.
final class RememberedReads: Sendable {
    struct RefreshParts: Sendable {
        var runs: [RefreshRun]
        var lastSuccess: RefreshRun?
        var regionStatuses: [RegionRefreshStatus]
    }

    private let latestRun = Mutex<RefreshRun??>(nil)
    private let parts = Mutex<RefreshParts?>(nil)

    /// Reads when `fresh` (remembering the answer); otherwise, or when the store is unavailable,
    /// the remembered one if there is one.
    func lastRun(fresh: Bool, read: @escaping @Sendable () async throws -> RefreshRun?) async throws -> RefreshRun? {
        try await remembering(latestRun, fresh: fresh, read: read)
    }

    func refreshParts(fresh: Bool, read: @escaping @Sendable () async throws -> RefreshParts) async throws -> RefreshParts {
        try await remembering(parts, fresh: fresh, read: read)
    }

    private func remembering<T: Sendable>(_ box: borrowing Mutex<T?>, fresh: Bool,
                                          read: @escaping @Sendable () async throws -> T) async throws -> T {
        if !fresh, let known = box.withLock({ $0 }) { return known }
        do {
            // With an answer to fall back on, a database that has gone quiet (before the fleet
            // noticed) may take a second, not the store's whole call deadline.
            let value = box.withLock({ $0 }) == nil ? try await read() : try await Self.within(.seconds(1), read)
            box.withLock { $0 = value }
            return value
        } catch StoreError.unavailable(let reason) {
            if let known = box.withLock({ $0 }) { return known }
            throw RegistryError.storeUnavailable(reason)
        }
    }

    /// `read`'s answer, or `StoreError.unavailable` after `limit` (the read is left to finish alone).
    private static func within<T: Sendable>(_ limit: Duration, _ read: @escaping @Sendable () async throws -> T) async throws -> T {
        let once = Mutex(false)
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let finish = { @Sendable (result: Result<T, any Error>) in
                if once.withLock({ done in defer { done = true }; return !done }) { continuation.resume(with: result) }
            }
            Task {
                do { finish(.success(try await read())) } catch { finish(.failure(error)) }
            }
            Task {
                try? await Task.sleep(for: limit)
                finish(.failure(StoreError.unavailable("no answer within \(limit)")))
            }
        }
    }
}
