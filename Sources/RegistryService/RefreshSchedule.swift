import Synchronization

/// How often to refresh and when data counts as stale; shared by the refresh loop and the API,
/// and replaced whole by a configuration reload.
public final class RefreshSchedule: Sendable {
    public struct Values: Sendable, Hashable {
        public var interval: Duration
        /// Data older than this is reported stale (default 3 × the interval).
        public var staleAfter: Duration

        public init(interval: Duration, staleAfter: Duration? = nil) {
            self.interval = interval
            self.staleAfter = staleAfter ?? interval * 3
        }
    }

    private let state: Mutex<Values>

    public init(_ values: Values) {
        state = Mutex(values)
    }

    public var values: Values { state.withLock { $0 } }
    public var interval: Duration { values.interval }
    public var staleAfter: Duration { values.staleAfter }

    public func update(_ values: Values) {
        state.withLock { $0 = values }
    }
}
