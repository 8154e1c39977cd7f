import Synchronization

/// Counts calls for one unit of work (a region's refresh) while they run concurrently.
public final class AWSCallCounter: Sendable {
    private let counts = Mutex(AWSCallCounts())

    public init() {}

    public var value: AWSCallCounts { counts.withLock { $0 } }

    func record(_ update: (inout AWSCallCounts) -> Void) {
        counts.withLock { update(&$0) }
    }
}
